package dev.stitch.tiny.jit;

import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceException;
import dev.stitch.jit.tree.Recording;
import dev.stitch.jit.tree.TraceTree;
import dev.stitch.jit.tree.TreeJit;
import dev.stitch.stencil.Uop;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.Builtin;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.CallStack;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.Opcode;
import dev.stitch.tiny.TinyRuntimeException;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Records one trace, or one side path of a trace tree (from the state a trace exited with, back
 * to the loop head): executes the code for real from there, on the live {@link CallStack}, with
 * the interpreter's semantics, while appending the uops that do the same. Recording ends when
 * control comes back to the head in the loop's own frame (the trace is closed with {@code LOOP})
 * or at an instruction the uop set cannot express, a runtime error about to happen, or a trace
 * grown too long (abort). Either way the call stack is consistent at the pc where recording
 * stopped, in the frame on top, since everything before it was executed.
 *
 * <p>Calls are followed: a callee runs inline in slots of its own, and a return from the loop's
 * function goes on in its caller (whose slots the trace's entry fills, and whose identity a key
 * slot holds, checked at the return); a call from there to the loop's function again, with the
 * caller's pending values parked in slots, comes back round to the head. A side path may leave
 * the loop and go round loops around it; only code it ran already may not be jumped back to.
 *
 * <p>Exit values are indices of {@link ExitSnapshot}s in the {@link TraceTree}: a guard exits to
 * the pc of the path not taken, a uop that can fail (DIV, REM, ALOAD, ASTORE, ALEN, a
 * CHECK_DEFINED) to its own instruction with its operands on the stack, so the interpreter
 * executes it again and reports the error with the right line.
 */
final class TraceRecorder {
    /** The most calls a trace runs inline at once. */
    static final int MAX_INLINED = 4;

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

    private final TraceTree<Loop, ExitSnapshot> tree;
    private final Loop loop;
    private final Trace.Builder builder;
    private final BiPredicate<FunctionCode, Integer> hasTrace;
    private final BitSet branchGuards;
    private final CallStack calls;
    private final boolean main;
    /** The calls run inline now, innermost last, and the call site the trace returned to (or -1). */
    private final List<InlinedCall> inlined;
    private int site;
    private int inlinedCalls;
    private int returns;
    /** Per function index, the pcs this path ran. */
    private final Map<Integer, BitSet> visited = new HashMap<>();

    private CallFrame frame;
    private FunctionCode function;
    private int[] code;
    private long[] constants;
    private long[] locals;
    private long[] stack;
    private int sp;

    private TraceRecorder(TraceTree<Loop, ExitSnapshot> tree, CallStack calls, Trace.Builder builder,
            BiPredicate<FunctionCode, Integer> hasTrace, BitSet branchGuards, boolean main,
            int site, List<InlinedCall> inlined) {
        this.tree = tree;
        this.loop = tree.loop();
        this.calls = calls;
        this.builder = builder;
        this.hasTrace = hasTrace;
        this.branchGuards = branchGuards;
        this.main = main;
        this.site = site;
        this.inlined = new ArrayList<>(inlined);
        enter(calls.top());
    }

    /**
     * Records a loop's main trace: {@code ENTER}, then one iteration from the tree's head (where the
     * frame on top of {@code calls} is, with an empty stack) back to it. Sets in {@code branchGuards}
     * the indices of the guards that stand for conditional jumps (the ones a trace tree may grow from).
     */
    static Recording record(TraceTree<Loop, ExitSnapshot> tree, CallStack calls, Trace.Builder builder,
            BiPredicate<FunctionCode, Integer> hasTrace, BitSet branchGuards) {
        builder.enter();
        TraceRecorder recorder = new TraceRecorder(tree, calls, builder, hasTrace, branchGuards, true, -1, List.of());
        if (recorder.sp != 0) {
            return Recording.aborted(tree.head(), AbortReason.STACK_NOT_EMPTY);
        }
        return recorder.path(tree.head());
    }

    /**
     * Records a side path of a trace tree: from {@code from}, the state a trace exit left the call
     * stack in, on to the loop head, appending to {@code builder}, which holds the trace so far
     * (whose jumps to the side path land on {@code builder.next()}). The side path ends with
     * {@code LOOP}, or with an exit at the head of another loop's trace it goes round, which the
     * JIT hands over to; the trace is built (checked) here.
     */
    static Recording recordSide(TraceTree<Loop, ExitSnapshot> tree, ExitSnapshot from, CallStack calls,
            Trace.Builder builder, BiPredicate<FunctionCode, Integer> hasTrace, BitSet branchGuards) {
        TraceRecorder recorder = new TraceRecorder(tree, calls, builder, hasTrace, branchGuards, false,
                from.site(), from.calls());
        return recorder.path(from.pc());
    }

    /** Makes {@code next} (on top of the call stack) the frame recorded in. */
    private void enter(CallFrame next) {
        frame = next;
        function = next.function();
        code = function.code();
        constants = function.constants();
        locals = next.locals();
        stack = next.stack();
        sp = next.stackDepth();
    }

    /** The trace slot of the running frame's slot 0. */
    private int base() {
        if (!inlined.isEmpty()) {
            return inlined.getLast().base();
        }
        return site >= 0 ? loop.callSite(site).base() : 0;
    }

    /** The trace stack's depth when the running frame's stack is {@code depth} deep. */
    private int traceDepth(int depth) {
        return inlined.isEmpty() ? depth : inlined.getLast().stackStart() + depth;
    }

    /** True while running the loop's own frame, where its trace starts and loops. */
    private boolean inLoopFrame() {
        return site < 0 && inlined.isEmpty();
    }

    /** The exit value for leaving at {@code pc} with the running frame's stack {@code depth} deep; -1 if there is none left. */
    private int exit(int pc, int depth) {
        return tree.exit(new ExitSnapshot(pc, traceDepth(depth), site, inlined));
    }

    private Recording path(int start) {
        int pc = start;
        boolean first = true;
        AbortReason reason;
        loop:
        while (true) {
            if (builder.next() >= TreeJit.MAX_UOPS) {
                reason = AbortReason.TOO_LONG;
                break;
            }
            boolean atHead = function == loop.function && pc == loop.head && inLoopFrame();
            if (atHead && !first) {
                if (sp != 0) {
                    reason = AbortReason.STACK_NOT_EMPTY;
                    break;
                }
                builder.loop();
                frame.setStackDepth(0);
                return build(pc);
            }
            first = false;
            if (main && inLoopFrame() && (pc < loop.head || pc > loop.end)) {
                reason = AbortReason.LEFT_LOOP;
                break;
            }
            if (main && !atHead && hasTrace.test(function, pc)) {
                reason = AbortReason.INNER_TRACE;
                break;
            }
            visited.computeIfAbsent(function.index(), k -> new BitSet()).set(pc);
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
                    builder.load(base() + slot);
                    stack[sp++] = locals[slot];
                    pc += 2;
                }
                case Opcode.STORE -> {
                    int slot = code[pc + 1];
                    builder.store(base() + slot);
                    locals[slot] = stack[--sp];
                    pc += 2;
                }
                case Opcode.CHECK_DEFINED -> {
                    int flag = code[pc + 1];
                    int exit = exit(pc, sp);
                    if (locals[flag] == 0) {
                        reason = AbortReason.RUNTIME_ERROR;
                        break loop;
                    }
                    if (exit < 0) {
                        reason = AbortReason.TOO_MANY_EXITS;
                        break loop;
                    }
                    builder.load(base() + flag).add(Uop.GUARD_TRUE, exit);
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
                    int exit = exit(pc, sp);
                    if (b == 0) {
                        reason = AbortReason.RUNTIME_ERROR;
                        break loop;
                    }
                    if (exit < 0) {
                        reason = AbortReason.TOO_MANY_EXITS;
                        break loop;
                    }
                    long a = stack[sp - 2];
                    sp--;
                    stack[sp - 1] = op == Opcode.DIV ? a / b : a % b;
                    builder.add(op == Opcode.DIV ? Uop.DIV : Uop.REM, exit);
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
                    boolean toHead = function == loop.function && target == loop.head && inLoopFrame();
                    if (target <= pc && !toHead && !main && sp == 0 && hasTrace.test(function, target)) {
                        // a side path going round a loop that has a trace hands over to that trace at
                        // its head: the JIT runs it next, without the interpreter in between
                        int exit = exit(target, 0);
                        if (exit < 0) {
                            reason = AbortReason.TOO_MANY_EXITS;
                            break loop;
                        }
                        builder.exit(exit);
                        frame.setStackDepth(0);
                        return build(target);
                    }
                    if (target <= pc && !toHead) {
                        // a jump back to the head closes the trace at the top of the loop; any other
                        // backward jump is a loop of its own, which a side path may go round once
                        if (main || visited.get(function.index()).get(target)) {
                            reason = AbortReason.INNER_LOOP;
                            break loop;
                        }
                    }
                    pc = target;
                }
                case Opcode.JUMP_IF_FALSE, Opcode.JUMP_IF_TRUE -> {
                    int target = code[pc + 1];
                    long condition = stack[sp - 1];
                    boolean taken = (op == Opcode.JUMP_IF_FALSE) == (condition == 0);
                    if (taken && target <= pc) {
                        reason = AbortReason.CONDITIONAL_BACKWARD_JUMP;
                        break loop;
                    }
                    int exit = exit(taken ? pc + 2 : target, sp - 1);
                    if (exit < 0) {
                        reason = AbortReason.TOO_MANY_EXITS;
                        break loop;
                    }
                    sp--;
                    branchGuards.set(builder.next());
                    if (taken) {
                        builder.add(op == Opcode.JUMP_IF_FALSE ? Uop.GUARD_FALSE : Uop.GUARD_TRUE, exit);
                        pc = target;
                    } else {
                        builder.add(op == Opcode.JUMP_IF_FALSE ? Uop.GUARD_TRUE : Uop.GUARD_FALSE, exit);
                        pc += 2;
                    }
                }
                case Opcode.ALOAD, Opcode.ASTORE, Opcode.ALEN -> {
                    int operands = op == Opcode.ASTORE ? 3 : op == Opcode.ALOAD ? 2 : 1;
                    ArrayHeap heap = frame.heap();
                    long array = stack[sp - operands];
                    long index = operands > 1 ? stack[sp - operands + 1] : 0;
                    int exit = exit(pc, sp);
                    if (!heap.isArray(array) || (operands > 1 && (index < 0 || index >= heap.length(array)))) {
                        reason = AbortReason.RUNTIME_ERROR;
                        break loop;
                    }
                    if (exit < 0) {
                        reason = AbortReason.TOO_MANY_EXITS;
                        break loop;
                    }
                    switch (op) {
                        case Opcode.ALOAD -> {
                            builder.add(Uop.ALOAD, exit);
                            sp--;
                            stack[sp - 1] = heap.get(array, index);
                        }
                        case Opcode.ASTORE -> {
                            builder.add(Uop.ASTORE, exit);
                            heap.set(array, index, stack[sp - 1]);
                            sp -= 3;
                        }
                        default -> {
                            builder.add(Uop.ALEN, exit);
                            stack[sp - 1] = heap.length(array);
                        }
                    }
                    pc++;
                }
                case Opcode.NEW_ARRAY -> {
                    reason = newArray(pc);
                    if (reason != null) {
                        break loop;
                    }
                    pc++;
                }
                case Opcode.PRINT -> {
                    int count = code[pc + 1];
                    if (count > Uop.MAX_CALL_ARGUMENTS) {
                        reason = AbortReason.PRINT_TOO_WIDE;
                        break loop;
                    }
                    Builtins.define(builder.symbols(), Builtins.PRINT + count);
                    builder.call(Builtins.PRINT + count, count);
                    sp -= count;
                    frame.output().printLine(stack, sp, count);
                    pc += 2;
                }
                case Opcode.CALL_BUILTIN -> {
                    switch (code[pc + 1]) {
                        case Builtin.ABS_ID -> {
                            Builtins.define(builder.symbols(), Builtins.ABS);
                            builder.call(Builtins.ABS, 1);
                            stack[sp - 1] = Math.abs(stack[sp - 1]);
                        }
                        case Builtin.MIN_ID -> {
                            Builtins.define(builder.symbols(), Builtins.MIN);
                            builder.call(Builtins.MIN, 2);
                            sp--;
                            stack[sp - 1] = Math.min(stack[sp - 1], stack[sp]);
                        }
                        case Builtin.MAX_ID -> {
                            Builtins.define(builder.symbols(), Builtins.MAX);
                            builder.call(Builtins.MAX, 2);
                            sp--;
                            stack[sp - 1] = Math.max(stack[sp - 1], stack[sp]);
                        }
                        default -> {
                            reason = AbortReason.UNSUPPORTED;
                            break loop;
                        }
                    }
                    pc += 2;
                }
                case Opcode.CALL -> {
                    reason = call(pc);
                    if (reason != null) {
                        break loop;
                    }
                    pc = 0;
                }
                case Opcode.RETURN -> {
                    reason = ret(pc);
                    if (reason != null) {
                        break loop;
                    }
                    pc = frame.resumePc();
                }
                default -> {
                    reason = AbortReason.UNSUPPORTED;
                    break loop;
                }
            }
        }
        frame.setStackDepth(sp);
        return Recording.aborted(pc, reason);
    }

    private Recording build(int pc) {
        try {
            return Recording.recorded(builder.build(), pc, inlinedCalls, returns);
        } catch (TraceException e) { // not expected: the uops mirror checked bytecode
            throw new IllegalStateException("recorded trace " + builder + " does not check: " + e.getMessage(), e);
        }
    }

    /**
     * Allocates the array of {@code NEW_ARRAY} at {@code pc} for real, recording a call of
     * {@link Builtins#ARRAY} that does the same; or says why not, with nothing allocated. The call
     * returns -1 where the allocation fails: the guard after it exits to this instruction with
     * its length on the stack, and the interpreter allocates again and reports the error.
     */
    private AbortReason newArray(int pc) {
        int exit = exit(pc, sp);
        if (exit < 0) {
            return AbortReason.TOO_MANY_EXITS;
        }
        int slot = loop.allocationSlot();
        if (slot < 0) {
            return AbortReason.TOO_MANY_SLOTS;
        }
        try {
            stack[sp - 1] = frame.heap().allocate(stack[sp - 1]);
        } catch (TinyRuntimeException e) {
            return AbortReason.RUNTIME_ERROR;
        }
        Builtins.define(builder.symbols(), Builtins.ARRAY);
        builder.add(Uop.DUP).call(Builtins.ARRAY, 1).store(slot)
                .load(slot).constant(0).add(Uop.GE).add(Uop.GUARD_TRUE, exit)
                .add(Uop.DROP).load(slot);
        return null;
    }

    /**
     * Follows {@code CALL f n} at {@code pc} into the callee, which runs on top afterwards; or says
     * why not, with nothing changed. From the caller the trace returned to, a call of the loop's
     * function is the call that comes back round to the loop: its frame takes the slots it had.
     */
    private AbortReason call(int pc) {
        FunctionCode callee = calls.function(code[pc + 1]);
        int arguments = code[pc + 2];
        if (calls.depth() - 1 == CallStack.MAX_CALLS) {
            return AbortReason.RUNTIME_ERROR;
        }
        int pending = sp - arguments;
        if (site >= 0 && inlined.isEmpty() && callee == loop.function) {
            int next = loop.site(function, pc + 3, pending);
            if (next < 0) {
                return AbortReason.TOO_MANY_SLOTS;
            }
            for (int j = arguments - 1; j >= 0; j--) {
                builder.store(j);
            }
            int parked = loop.callSite(next).pendingBase();
            for (int j = pending - 1; j >= 0; j--) {
                builder.store(parked + j);
            }
            clearSlots(0, arguments, callee.slotCount());
            builder.constant(next + 1).store(loop.key());
            site = -1;
        } else {
            if (callee == loop.function || (site >= 0 && callee == loop.callSite(site).caller())
                    || callee == function || inlined.stream().anyMatch(c -> c.callee() == callee)) {
                return AbortReason.RECURSION;
            }
            if (inlined.size() == MAX_INLINED) {
                return AbortReason.INLINE_DEPTH;
            }
            int base = loop.inlinedBase(inlined.size() + 1, callee);
            if (base < 0) {
                return AbortReason.TOO_MANY_SLOTS;
            }
            for (int j = arguments - 1; j >= 0; j--) {
                builder.store(base + j);
            }
            clearSlots(base, arguments, callee.slotCount());
            inlined.add(new InlinedCall(callee, base, pc + 3, traceDepth(pending)));
            inlinedCalls++;
        }
        CallFrame calleeFrame = calls.push(callee);
        System.arraycopy(stack, pending, calleeFrame.locals(), 0, arguments);
        frame.setStackDepth(pending);
        frame.setResumePc(pc + 3);
        enter(calleeFrame);
        return null;
    }

    /** A new frame's slots past its arguments are zero: its definite-assignment flags among them. */
    private void clearSlots(int base, int from, int to) {
        for (int slot = from; slot < to; slot++) {
            builder.constant(0).store(base + slot);
        }
    }

    /**
     * Follows {@code RETURN} at {@code pc} into the caller, which runs on top afterwards at its
     * resume pc; or says why not, with nothing changed.
     */
    private AbortReason ret(int pc) {
        long result = stack[sp - 1];
        if (!inlined.isEmpty()) {
            inlined.removeLast(); // the result is where the caller's stack goes on
        } else if (site < 0) {
            if (main) {
                return AbortReason.LEFT_LOOP;
            }
            if (calls.depth() < 2) {
                return AbortReason.RETURN_TOO_FAR;
            }
            CallFrame caller = calls.frame(calls.depth() - 2);
            int next = loop.site(caller.function(), caller.resumePc(), caller.stackDepth());
            if (next < 0) {
                return AbortReason.TOO_MANY_SLOTS;
            }
            int exit = exit(pc, sp);
            if (exit < 0) {
                return AbortReason.TOO_MANY_EXITS;
            }
            // the trace's entry said which site called it: the slots hold this caller only if it is this one
            builder.load(loop.key()).constant(next + 1).add(Uop.EQ);
            branchGuards.set(builder.next());
            builder.add(Uop.GUARD_TRUE, exit);
            CallSite s = loop.callSite(next);
            if (s.pending() > 0) {
                builder.store(loop.scratch());
                for (int j = 0; j < s.pending(); j++) {
                    builder.load(s.pendingBase() + j);
                }
                builder.load(loop.scratch());
            }
            site = next;
            returns++;
        } else {
            return AbortReason.RETURN_TOO_FAR;
        }
        CallFrame caller = calls.pop();
        enter(caller);
        stack[sp++] = result;
        return null;
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
