package dev.stitch.tiny;

import java.util.List;

/**
 * Runs a {@link Program}'s bytecode: one loop with a {@code switch} over the code array, the
 * current frame's code, constants, locals and operand stack held in local variables.
 *
 * <p>Calls do not recurse in Java: the callee's frame is pushed on the run's {@link CallStack} and
 * the loop goes on with it, so the depth of tiny recursion is bounded by
 * {@link CallStack#MAX_CALLS} and reported as a runtime error, never as a
 * {@link StackOverflowError}. A hook may change the call stack (compiled code that returned from
 * the running function, or stopped inside a call it ran inline): after one, the loop goes on in
 * whatever frame is on top.
 *
 * <p>{@code pc} always points at the opcode of the instruction being executed until the
 * instruction completes, so when one throws {@link TinyRuntimeException} the line table names its
 * line.
 */
final class Interpreter {
    private final Program program;
    private final FunctionCode[] functions;
    private final InterpreterHooks hooks;
    private final ArrayHeap heap;
    private final ProgramOutput output;

    /** {@code heap} holds the run's arrays; {@link #run} closes it at the end. */
    Interpreter(Program program, List<FunctionCode> functions, ArrayHeap heap, ProgramOutput output,
            InterpreterHooks hooks) {
        this.program = program;
        this.heap = heap;
        this.functions = functions.toArray(FunctionCode[]::new);
        this.output = output;
        this.hooks = hooks;
    }

    /** Runs the top level to its end; output is flushed whatever happens. */
    RunResult run() {
        try (heap) {
            hooks.onRunStart(program);
            try {
                return execute(new CallStack(functions, heap, output));
            } finally {
                try {
                    output.flush();
                } finally {
                    hooks.onRunEnd(program);
                }
            }
        }
    }

    private RunResult execute(CallStack calls) {
        CallFrame frame = calls.top();
        FunctionCode function = frame.function;
        int[] code = function.code;
        long[] constants = function.constants;
        long[] locals = frame.locals;
        long[] stack = frame.stack;
        int sp = 0;
        int pc = 0;
        try {
            while (true) {
                switch (code[pc]) {
                    case Opcode.CONST -> {
                        stack[sp++] = constants[code[pc + 1]];
                        pc += 2;
                    }
                    case Opcode.LOAD -> {
                        stack[sp++] = locals[code[pc + 1]];
                        pc += 2;
                    }
                    case Opcode.STORE -> {
                        locals[code[pc + 1]] = stack[--sp];
                        pc += 2;
                    }
                    case Opcode.CHECK_DEFINED -> {
                        if (locals[code[pc + 1]] == 0) {
                            throw new TinyRuntimeException("undefined variable " + function.slotName(code[pc + 2]));
                        }
                        pc += 3;
                    }
                    case Opcode.DUP -> {
                        stack[sp] = stack[sp - 1];
                        sp++;
                        pc++;
                    }
                    case Opcode.POP -> {
                        sp--;
                        pc++;
                    }
                    case Opcode.ADD -> {
                        sp--;
                        stack[sp - 1] += stack[sp];
                        pc++;
                    }
                    case Opcode.SUB -> {
                        sp--;
                        stack[sp - 1] -= stack[sp];
                        pc++;
                    }
                    case Opcode.MUL -> {
                        sp--;
                        stack[sp - 1] *= stack[sp];
                        pc++;
                    }
                    case Opcode.DIV -> {
                        long divisor = stack[sp - 1];
                        if (divisor == 0) {
                            throw new TinyRuntimeException("division by zero");
                        }
                        sp--;
                        stack[sp - 1] /= divisor;
                        pc++;
                    }
                    case Opcode.REM -> {
                        long divisor = stack[sp - 1];
                        if (divisor == 0) {
                            throw new TinyRuntimeException("division by zero");
                        }
                        sp--;
                        stack[sp - 1] %= divisor;
                        pc++;
                    }
                    case Opcode.AND -> {
                        sp--;
                        stack[sp - 1] &= stack[sp];
                        pc++;
                    }
                    case Opcode.OR -> {
                        sp--;
                        stack[sp - 1] |= stack[sp];
                        pc++;
                    }
                    case Opcode.XOR -> {
                        sp--;
                        stack[sp - 1] ^= stack[sp];
                        pc++;
                    }
                    case Opcode.SHL -> {
                        sp--;
                        stack[sp - 1] <<= stack[sp]; // Java masks the count with 63, as tiny specifies
                        pc++;
                    }
                    case Opcode.SHR -> {
                        sp--;
                        stack[sp - 1] >>= stack[sp];
                        pc++;
                    }
                    case Opcode.USHR -> {
                        sp--;
                        stack[sp - 1] >>>= stack[sp];
                        pc++;
                    }
                    case Opcode.NEG -> {
                        stack[sp - 1] = -stack[sp - 1];
                        pc++;
                    }
                    case Opcode.NOT -> {
                        stack[sp - 1] = ~stack[sp - 1];
                        pc++;
                    }
                    case Opcode.LT -> {
                        sp--;
                        stack[sp - 1] = stack[sp - 1] < stack[sp] ? 1 : 0;
                        pc++;
                    }
                    case Opcode.LE -> {
                        sp--;
                        stack[sp - 1] = stack[sp - 1] <= stack[sp] ? 1 : 0;
                        pc++;
                    }
                    case Opcode.GT -> {
                        sp--;
                        stack[sp - 1] = stack[sp - 1] > stack[sp] ? 1 : 0;
                        pc++;
                    }
                    case Opcode.GE -> {
                        sp--;
                        stack[sp - 1] = stack[sp - 1] >= stack[sp] ? 1 : 0;
                        pc++;
                    }
                    case Opcode.EQ -> {
                        sp--;
                        stack[sp - 1] = stack[sp - 1] == stack[sp] ? 1 : 0;
                        pc++;
                    }
                    case Opcode.NE -> {
                        sp--;
                        stack[sp - 1] = stack[sp - 1] != stack[sp] ? 1 : 0;
                        pc++;
                    }
                    case Opcode.JUMP, Opcode.JUMP_IF_FALSE, Opcode.JUMP_IF_TRUE -> {
                        int op = code[pc];
                        boolean taken = op == Opcode.JUMP || (stack[--sp] != 0) == (op == Opcode.JUMP_IF_TRUE);
                        if (!taken) {
                            pc += 2;
                        } else {
                            int target = code[pc + 1];
                            if (target <= pc) {
                                if (Thread.interrupted()) {
                                    throw new TinyRuntimeException(TinyRuntimeException.INTERRUPTED);
                                }
                                // the hook (tiny's JIT) may run a trace that changes the frame, or the calls
                                frame.stackDepth = sp;
                                target = backwardJump(function, target, frame);
                                frame = calls.top();
                                function = frame.function;
                                code = function.code;
                                constants = function.constants;
                                locals = frame.locals;
                                stack = frame.stack;
                                sp = frame.stackDepth;
                            }
                            pc = target;
                        }
                    }
                    case Opcode.NEW_ARRAY -> {
                        stack[sp - 1] = heap.allocate(stack[sp - 1]);
                        pc++;
                    }
                    case Opcode.ALOAD -> {
                        stack[sp - 2] = heap.get(stack[sp - 2], stack[sp - 1]);
                        sp--;
                        pc++;
                    }
                    case Opcode.ASTORE -> {
                        heap.set(stack[sp - 3], stack[sp - 2], stack[sp - 1]);
                        sp -= 3;
                        pc++;
                    }
                    case Opcode.ALEN -> {
                        stack[sp - 1] = heap.length(stack[sp - 1]);
                        pc++;
                    }
                    case Opcode.PRINT -> {
                        int count = code[pc + 1];
                        sp -= count;
                        output.printLine(stack, sp, count);
                        pc += 2;
                    }
                    case Opcode.CALL_BUILTIN -> {
                        switch (code[pc + 1]) {
                            case Builtin.ABS_ID -> stack[sp - 1] = Math.abs(stack[sp - 1]);
                            case Builtin.MIN_ID -> {
                                sp--;
                                stack[sp - 1] = Math.min(stack[sp - 1], stack[sp]);
                            }
                            case Builtin.MAX_ID -> {
                                sp--;
                                stack[sp - 1] = Math.max(stack[sp - 1], stack[sp]);
                            }
                            default -> throw new IllegalStateException("bad built-in " + code[pc + 1] + " at pc " + pc);
                        }
                        pc += 2;
                    }
                    case Opcode.CALL -> {
                        FunctionCode callee = functions[code[pc + 1]];
                        int argumentCount = code[pc + 2];
                        CallFrame calleeFrame = calls.push(callee);
                        sp -= argumentCount;
                        System.arraycopy(stack, sp, calleeFrame.locals, 0, argumentCount);
                        frame.stackDepth = sp;
                        frame.resumePc = pc + 3;
                        frame = calleeFrame;
                        function = callee;
                        code = callee.code;
                        constants = callee.constants;
                        locals = calleeFrame.locals;
                        stack = calleeFrame.stack;
                        sp = 0;
                        pc = 0;
                    }
                    case Opcode.RETURN -> {
                        long result = stack[sp - 1];
                        if (calls.depth() == 1) {
                            return RunResult.completed(); // a return at top level ends the run
                        }
                        frame = calls.pop();
                        function = frame.function;
                        code = function.code;
                        constants = function.constants;
                        locals = frame.locals;
                        stack = frame.stack;
                        sp = frame.stackDepth;
                        stack[sp++] = result;
                        pc = frame.resumePc;
                    }
                    case Opcode.ERROR -> throw new TinyRuntimeException(function.message(code[pc + 1]));
                    default -> throw new IllegalStateException("bad opcode " + code[pc] + " at pc " + pc + " of "
                            + function.name());
                }
            }
        } catch (TinyRuntimeException e) {
            output.flush();
            return RunResult.failed(new RuntimeError(program.fileName(), function.lineAt(pc), e.getMessage()));
        }
    }

    /** Calls the hook and checks what it hands back: a pc of the function on top of the call stack then. */
    private int backwardJump(FunctionCode function, int target, CallFrame frame) {
        int resume = hooks.onBackwardJump(function, target, frame);
        FunctionCode now = frame.calls().top().function;
        if (resume < 0 || resume >= now.code.length) {
            throw new IllegalStateException("onBackwardJump returned pc " + resume + ", outside 0.."
                    + (now.code.length - 1) + " of " + now.name());
        }
        return resume;
    }
}
