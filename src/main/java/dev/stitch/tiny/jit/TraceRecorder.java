package dev.stitch.tiny.jit;

import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceException;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Uop;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.Builtin;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.Opcode;
import dev.stitch.tiny.ProgramOutput;

import java.util.BitSet;
import java.util.function.Consumer;

/**
 * Records one trace, or one side path of a trace tree (from the pc where a trace exited back to
 * the head): executes the loop body for real from its head, on the live
 * {@link CallFrame}, with the interpreter's semantics, while appending the uops that do the same.
 * Recording ends when control jumps back to the head (the trace is closed with {@code LOOP}) or
 * at an instruction the uop set cannot express, a runtime error about to happen, or a trace grown
 * too long (abort). Either way the frame is consistent at the pc where recording stopped, since
 * everything before it was executed.
 *
 * <p>Exit values are bytecode pcs: a guard exits to the pc of the path not taken, a uop that can
 * fail (DIV, REM, ALOAD, ASTORE, ALEN) to its own instruction with its operands on the stack, so
 * the interpreter executes it again and reports the error with the right line.
 */
final class TraceRecorder {
    /** The most uops a trace may have before recording gives up. */
    static final int MAX_UOPS = 4000;

    /** How recording ended: a trace, or the pc to continue interpreting at and why not. */
    record Result(Trace trace, int pc, String abortReason) {
        /** True if recording stopped because the iteration left the loop: no reason not to try again. */
        boolean leftLoop() {
            return LEFT_LOOP.equals(abortReason);
        }
    }

    static final String LEFT_LOOP = "left the loop";

    /** The pc of the last {@code JUMP head} in the code: the end of the loop whose head is {@code head}. */
    static int loopEnd(int[] code, int head) {
        int end = -1;
        for (int pc = 0; pc < code.length; pc += Opcode.size(code[pc])) {
            if (code[pc] == Opcode.JUMP && code[pc + 1] == head && pc > end) {
                end = pc;
            }
        }
        return end;
    }

    private TraceRecorder() {}

    /**
     * Records a loop's main trace: {@code ENTER}, then one iteration from {@code head} (where the
     * frame is, with an empty stack) back to it. Sets in {@code branchGuards} the indices of the
     * guards that stand for conditional jumps (the ones a trace tree may grow from).
     */
    static Result record(FunctionCode function, int head, CallFrame frame, Trace.Builder builder,
            Consumer<String> define, BitSet branchGuards) {
        builder.enter();
        int sp = frame.stackDepth();
        if (function.code().length > Uop.MAX_EXIT_VALUE || sp != 0) {
            return new Result(null, head, function.code().length > Uop.MAX_EXIT_VALUE ? "function too long"
                    : "stack not empty");
        }
        return recordPath(function, head, head, frame, builder, define, branchGuards, MAX_UOPS);
    }

    /**
     * Records a side path of a trace tree: from {@code pc}, where a trace exit left the frame (its
     * stack as the exit left it), on to the loop head, appending to {@code builder}, which holds the
     * trace so far (whose jumps to the side path land on {@code builder.next()}). The side path ends
     * with {@code LOOP}; the trace is built (checked) here. At most {@code maxUops} uops in all.
     */
    static Result recordSide(FunctionCode function, int head, int pc, CallFrame frame, Trace.Builder builder,
            Consumer<String> define, BitSet branchGuards, int maxUops) {
        return recordPath(function, head, pc, frame, builder, define, branchGuards, maxUops);
    }

    private static Result recordPath(FunctionCode function, int head, int start, CallFrame frame,
            Trace.Builder builder, Consumer<String> define, BitSet branchGuards, int maxUops) {
        int[] code = function.code();
        long[] constants = function.constants();
        long[] locals = frame.locals();
        long[] stack = frame.stack();
        ArrayHeap heap = frame.heap();
        ProgramOutput output = frame.output();
        int sp = frame.stackDepth();
        int pc = start;
        String reason;
        int end = loopEnd(code, head);
        loop:
        while (true) {
            if (builder.next() >= maxUops) {
                reason = "trace too long";
                break;
            }
            if (pc < head || pc > end) {
                reason = LEFT_LOOP;
                break;
            }
            int op = code[pc];
            switch (op) {
                case Opcode.CONST -> {
                    long value = constants[code[pc + 1]];
                    builder.constant(value);
                    stack[sp++] = value;
                    pc += 2;
                }
                case Opcode.LOAD -> {
                    int slot = code[pc + 1];
                    if (slot > FrameLayout.MAX_LOCAL) {
                        reason = "local slot " + slot;
                        break loop;
                    }
                    builder.load(slot);
                    stack[sp++] = locals[slot];
                    pc += 2;
                }
                case Opcode.STORE -> {
                    int slot = code[pc + 1];
                    if (slot > FrameLayout.MAX_LOCAL) {
                        reason = "local slot " + slot;
                        break loop;
                    }
                    builder.store(slot);
                    locals[slot] = stack[--sp];
                    pc += 2;
                }
                case Opcode.CHECK_DEFINED -> {
                    int flag = code[pc + 1];
                    if (flag > FrameLayout.MAX_LOCAL || locals[flag] == 0) {
                        reason = "CHECK_DEFINED";
                        break loop;
                    }
                    builder.load(flag).add(Uop.GUARD_TRUE, pc);
                    pc += 3;
                }
                case Opcode.DUP -> {
                    builder.add(Uop.DUP);
                    stack[sp] = stack[sp - 1];
                    sp++;
                    pc++;
                }
                case Opcode.POP -> {
                    builder.add(Uop.DROP);
                    sp--;
                    pc++;
                }
                case Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.AND, Opcode.OR, Opcode.XOR, Opcode.SHL, Opcode.SHR,
                        Opcode.USHR, Opcode.LT, Opcode.LE, Opcode.GT, Opcode.GE, Opcode.EQ, Opcode.NE -> {
                    long b = stack[--sp];
                    long a = stack[sp - 1];
                    stack[sp - 1] = switch (op) {
                        case Opcode.ADD -> a + b;
                        case Opcode.SUB -> a - b;
                        case Opcode.MUL -> a * b;
                        case Opcode.AND -> a & b;
                        case Opcode.OR -> a | b;
                        case Opcode.XOR -> a ^ b;
                        case Opcode.SHL -> a << b;
                        case Opcode.SHR -> a >> b;
                        case Opcode.USHR -> a >>> b;
                        case Opcode.LT -> a < b ? 1 : 0;
                        case Opcode.LE -> a <= b ? 1 : 0;
                        case Opcode.GT -> a > b ? 1 : 0;
                        case Opcode.GE -> a >= b ? 1 : 0;
                        case Opcode.EQ -> a == b ? 1 : 0;
                        default -> a != b ? 1 : 0;
                    };
                    builder.add(binary(op));
                    pc++;
                }
                case Opcode.DIV, Opcode.REM -> {
                    long b = stack[sp - 1];
                    if (b == 0) {
                        reason = "division by zero";
                        break loop;
                    }
                    long a = stack[sp - 2];
                    sp--;
                    stack[sp - 1] = op == Opcode.DIV ? a / b : a % b;
                    builder.add(op == Opcode.DIV ? Uop.DIV : Uop.REM, pc);
                    pc++;
                }
                case Opcode.NEG -> {
                    builder.add(Uop.NEG);
                    stack[sp - 1] = -stack[sp - 1];
                    pc++;
                }
                case Opcode.NOT -> {
                    builder.add(Uop.NOT);
                    stack[sp - 1] = ~stack[sp - 1];
                    pc++;
                }
                case Opcode.JUMP -> {
                    int target = code[pc + 1];
                    if (target == head) {
                        if (sp != 0) {
                            reason = "stack not empty at the loop head";
                            break loop;
                        }
                        builder.loop();
                        frame.setStackDepth(0);
                        try {
                            return new Result(builder.build(), head, null);
                        } catch (TraceException e) { // not expected: the uops mirror checked bytecode
                            return new Result(null, head, "trace check: " + e.getMessage());
                        }
                    }
                    if (target <= pc) {
                        reason = "inner loop";
                        break loop;
                    }
                    pc = target;
                }
                case Opcode.JUMP_IF_FALSE, Opcode.JUMP_IF_TRUE -> {
                    int target = code[pc + 1];
                    long condition = stack[sp - 1];
                    boolean taken = (op == Opcode.JUMP_IF_FALSE) == (condition == 0);
                    if (taken && target <= pc) {
                        reason = "conditional backward jump";
                        break loop;
                    }
                    sp--;
                    branchGuards.set(builder.next());
                    if (taken) {
                        builder.add(op == Opcode.JUMP_IF_FALSE ? Uop.GUARD_FALSE : Uop.GUARD_TRUE, pc + 2);
                        pc = target;
                    } else {
                        builder.add(op == Opcode.JUMP_IF_FALSE ? Uop.GUARD_TRUE : Uop.GUARD_FALSE, target);
                        pc += 2;
                    }
                }
                case Opcode.ALOAD -> {
                    long array = stack[sp - 2];
                    long index = stack[sp - 1];
                    if (!heap.isArray(array) || index < 0 || index >= heap.length(array)) {
                        reason = "bad array access";
                        break loop;
                    }
                    builder.add(Uop.ALOAD, pc);
                    sp--;
                    stack[sp - 1] = heap.get(array, index);
                    pc++;
                }
                case Opcode.ASTORE -> {
                    long array = stack[sp - 3];
                    long index = stack[sp - 2];
                    if (!heap.isArray(array) || index < 0 || index >= heap.length(array)) {
                        reason = "bad array access";
                        break loop;
                    }
                    builder.add(Uop.ASTORE, pc);
                    heap.set(array, index, stack[sp - 1]);
                    sp -= 3;
                    pc++;
                }
                case Opcode.ALEN -> {
                    long array = stack[sp - 1];
                    if (!heap.isArray(array)) {
                        reason = "bad array";
                        break loop;
                    }
                    builder.add(Uop.ALEN, pc);
                    stack[sp - 1] = heap.length(array);
                    pc++;
                }
                case Opcode.PRINT -> {
                    int count = code[pc + 1];
                    if (count > Uop.MAX_CALL_ARGUMENTS) {
                        reason = "print of " + count + " values";
                        break loop;
                    }
                    define.accept(TracingJit.PRINT + count);
                    builder.call(TracingJit.PRINT + count, count);
                    sp -= count;
                    output.printLine(stack, sp, count);
                    pc += 2;
                }
                case Opcode.CALL_BUILTIN -> {
                    switch (code[pc + 1]) {
                        case Builtin.ABS_ID -> {
                            define.accept(TracingJit.ABS);
                            builder.call(TracingJit.ABS, 1);
                            stack[sp - 1] = Math.abs(stack[sp - 1]);
                        }
                        case Builtin.MIN_ID -> {
                            define.accept(TracingJit.MIN);
                            builder.call(TracingJit.MIN, 2);
                            sp--;
                            stack[sp - 1] = Math.min(stack[sp - 1], stack[sp]);
                        }
                        case Builtin.MAX_ID -> {
                            define.accept(TracingJit.MAX);
                            builder.call(TracingJit.MAX, 2);
                            sp--;
                            stack[sp - 1] = Math.max(stack[sp - 1], stack[sp]);
                        }
                        default -> {
                            reason = "built-in " + code[pc + 1];
                            break loop;
                        }
                    }
                    pc += 2;
                }
                default -> {
                    reason = Opcode.name(op);
                    break loop;
                }
            }
        }
        frame.setStackDepth(sp);
        return new Result(null, pc, reason);
    }

    private static Uop binary(int op) {
        return switch (op) {
            case Opcode.ADD -> Uop.ADD;
            case Opcode.SUB -> Uop.SUB;
            case Opcode.MUL -> Uop.MUL;
            case Opcode.AND -> Uop.AND;
            case Opcode.OR -> Uop.OR;
            case Opcode.XOR -> Uop.XOR;
            case Opcode.SHL -> Uop.SHL;
            case Opcode.SHR -> Uop.SHR;
            case Opcode.USHR -> Uop.USHR;
            case Opcode.LT -> Uop.LT;
            case Opcode.LE -> Uop.LE;
            case Opcode.GT -> Uop.GT;
            case Opcode.GE -> Uop.GE;
            case Opcode.EQ -> Uop.EQ;
            case Opcode.NE -> Uop.NE;
            default -> throw new IllegalArgumentException(Opcode.name(op));
        };
    }
}
