package dev.stitch.jit;

import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.DivisionMagic;
import dev.stitch.stencil.RegisterFile;
import dev.stitch.stencil.RegisterStencils;
import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Uop;

import java.util.List;

/**
 * The register shape: one pass over the trace that keeps, for every stack slot, where its value
 * is, and picks a register-operand stencil per operation and operand kind.
 *
 * <p><b>Where values live.</b> The trace's stack depths are known statically, so stack slot
 * {@code s} (counted from the entry depth) has a home: a caller-saved register for the first
 * {@code cached} slots, its memory slot beyond. The locals the trace uses most are pinned in
 * registers for the whole trace (callee-saved first): loaded at entry, written back at exits. A
 * slot's value is in its home register ({@code IN_REG}), in its memory slot ({@code IN_MEM}),
 * or not yet anywhere: a constant ({@code CONST}), a pinned local's register ({@code PINNED}),
 * or a product of two pinned locals ({@code PRODUCT}, where the backend has a multiply-add). Those
 * three cost nothing until used, so {@code LOAD a; LOAD b; ADD} is one {@code add} of the two
 * locals' registers, {@code CONST 1; ADD} an add of an immediate, {@code LOAD i; LOAD i; MUL;
 * ADD} a {@code madd}.
 *
 * <p><b>Fusion.</b> A comparison followed by a guard or a conditional jump is one compare-and-
 * branch; an operation followed by a {@code STORE} to a pinned local writes that register
 * directly; division by a constant is a multiply-high and shifts. Constant operands fold.
 *
 * <p><b>Control flow and exits.</b> At a jump and at a jump target every slot is in its home,
 * so paths agree. Each exit gets a stub in cold code that writes back exactly the slots not in
 * memory and the pinned locals the trace writes (a snapshot, as LuaJIT's), moves the stack
 * pointer to the exit depth and returns the exit value: the frame is then what the stack shape
 * would have left. A call writes everything back first (caller-saved registers do not survive
 * it) and reloads the pinned locals that lived in caller-saved registers after.
 *
 * <p><b>Unrolling.</b> A trace whose only back-edges are {@code LOOP}s and whose loop body (up to
 * its first {@code LOOP}; a tree's side paths come after it) is short is laid out as several
 * copies of that body, each falling into the next, and only the last copy's back-edges poll: the
 * poll is paid once per copies iterations. A tree's side paths are laid out once, after the last
 * copy: guards of every copy that jump to one land there (every jump target is a join, so any
 * copy may jump to it), and its {@code LOOP} polls and goes back to the first copy.
 */
final class RegisterShapePass {
    /** The deepest stack slot the register shape addresses: its byte offset must fit a 12-bit field. */
    static final int MAX_DEPTH = 511;
    /** The most arrays whose base and length a trace keeps in registers. */
    private static final int MAX_HOISTED = 4;
    /**
     * Loops of at most this many uops are unrolled four times: the poll then costs half an
     * instruction per iteration. A longer body pays its two-instruction poll over many more, and
     * copies of it would cost compile time for little.
     */
    static final int MAX_UNROLLED_UOPS = 48;

    private static final int IN_REG = 0;
    private static final int IN_MEM = 1;
    private static final int CONST = 2;
    private static final int PINNED = 3;
    private static final int PRODUCT = 4;
    /** A hoisted array's handle: the local it was loaded from, which the trace never stores. */
    private static final int ARRAY = 5;
    /** A local that is not pinned, still in its frame slot: loaded where it is used (or used from memory). */
    private static final int LOCAL = 6;

    private final CompileContext context;
    private Trace trace;
    private StencilLibrary library;
    private RegisterStencils rs;
    private RegisterFile file;
    private boolean polls;
    /** Whether to write down the state at each uop for a listing (compiling does not need it). */
    private boolean describe;
    private TracePlan plan;
    private int n;
    private int cached;
    private int[] home = new int[32];
    private int s0;
    private int s1;
    private int s2;
    /** Register of each pinned local, or -1. */
    private int[] pinned = new int[16];
    /** The pinned locals, most used first ({@code pinnedCount} of them); and which of them a STORE writes. */
    private int[] pinnedLocals = new int[16];
    private int pinnedCount;
    private boolean[] written = new boolean[16];
    private boolean[] callerSavedPin = new boolean[16];
    private boolean[] isTarget = new boolean[64];
    /** How many uops up to and including each are jump targets: where runs must break ({@link #joins}). */
    private int[] targetsThrough = new int[64];
    /** How often each local is loaded or stored, and the locals by it (most used first). */
    private int[] uses = new int[16];
    private int[] order = new int[16];
    /** Hoisted arrays by handle local: the registers of their base and length, or -1. */
    private int[] arrayBase = new int[16];
    private int[] arrayLength = new int[16];
    private final int[] hoistedArrays = new int[MAX_HOISTED];
    private int hoistedCount;
    /** Constants kept in registers for the whole trace (values an ASTORE stores), and their registers. */
    private long[] keptConstants = new long[8];
    private int[] keptRegisters = new int[8];
    /** The stencil that loads each kept constant, chosen once: they are loaded at the entry and after every call. */
    private Stencil[] keptStencils = new Stencil[8];
    private int keptCount;
    /** Registers not given to stack slots, in the order locals, arrays and constants get them. */
    private int[] free = new int[32];
    /** Registers a call clobbers, as a bit set: those of hoisted arrays and constants are reloaded after it. */
    private int callerSaved;
    /** How many locals the trace uses, and the copies of its loop body (both from {@link #analyze}). */
    private int distinct;
    private int copies;
    /** The end of the loop body (one past the first LOOP): what each copy holds; the side paths after it come once. */
    private int bodyEnd;
    /** One more than the deepest slot whose home register was used: what a second pass needs. */
    private int usedSlots;
    private final Sources sources = new Sources();

    private int[] kind = new int[16];
    private long[] value = new long[16];
    /** For PINNED the local; for PRODUCT the two factors' registers. */
    private int[] first = new int[16];
    private int[] second = new int[16];
    private int depth;
    private int copy;
    private List<Piece> out;
    private Block epilogue;
    /** Exit blocks that write nothing back, and their exit values. */
    private Block[] plainExits = new Block[8];
    private long[] plainExitValues = new long[8];
    private int plainExitCount;
    /** The local the last {@link #resultRegister} fused a STORE to: see there. */
    private int fusedLocal;

    /** A pass whose tables grow as traces need and are kept for the next: one per {@link CompileContext}. */
    RegisterShapePass(CompileContext context) {
        this.context = context;
    }

    /** Lets go of the last trace and its plan (the tables stay). */
    void forget() {
        trace = null;
        library = null;
        plan = null;
        out = null;
        epilogue = null;
        java.util.Arrays.fill(plainExits, null);
        java.util.Arrays.fill(keptStencils, null);
    }

    /**
     * Reads {@code trace} once for every round of planning: which locals it loads and stores,
     * where jumps land, where arrays and constants come from; returns a first guess of how many
     * stack slots need a register ({@link #slotsNeeded}).
     */
    private int analyze(Trace trace, StencilLibrary library, boolean polls, boolean describe) {
        this.describe = describe;
        this.trace = trace;
        this.library = library;
        this.rs = library.registerStencils();
        this.file = rs.registers();
        this.polls = polls;
        this.n = trace.size();
        if (trace.maxDepth() > MAX_DEPTH) {
            throw new TraceException("trace " + trace.name() + " reaches a stack depth of " + trace.maxDepth()
                    + "; the register shape addresses stack slots 0.." + MAX_DEPTH
                    + " (a 12-bit byte offset); compile it in the STACK shape");
        }
        int slots = trace.maxDepth() + 1;
        if (kind.length < slots) {
            kind = new int[slots];
            value = new long[slots];
            first = new int[slots];
            second = new int[slots];
        }
        s0 = file.scratch().get(0);
        s1 = file.scratch().get(1);
        s2 = file.scratch().get(2);
        int locals = Math.max(trace.maxLocal() + 1, 0);
        if (pinned.length < locals) {
            int size = Math.max(locals, 2 * pinned.length);
            pinned = new int[size];
            pinnedLocals = new int[size];
            written = new boolean[size];
            callerSavedPin = new boolean[size];
            uses = new int[size];
            order = new int[size];
            arrayBase = new int[size];
            arrayLength = new int[size];
        }
        java.util.Arrays.fill(written, 0, locals, false);
        java.util.Arrays.fill(uses, 0, locals, 0);
        if (isTarget.length < n + 1) {
            isTarget = new boolean[Math.max(n + 1, 2 * isTarget.length)];
        }
        java.util.Arrays.fill(isTarget, 0, n + 1, false);
        callerSaved = file.callerSavedMask();
        boolean onlyLoops = true;
        boolean loops = false;
        for (int i = 0; i < n; i++) {
            TraceUop u = trace.uop(i);
            switch (u.uop()) {
                case LOAD -> uses[(int) u.arg()]++;
                case STORE -> {
                    uses[(int) u.arg()]++;
                    written[(int) u.arg()] = true;
                }
                case LOOP -> {
                    isTarget[1] = true;
                    loops = true;
                }
                case JUMP, JUMP_IF_TRUE, JUMP_IF_FALSE -> {
                    isTarget[u.target()] = true;
                    onlyLoops &= u.target() > i;
                }
                default -> { }
            }
        }
        if (targetsThrough.length < n + 1) {
            targetsThrough = new int[Math.max(n + 1, 2 * targetsThrough.length)];
        }
        for (int i = 0, count = 0; i <= n; i++) {
            count += isTarget[i] ? 1 : 0;
            targetsThrough[i] = count;
        }
        distinct = 0;
        for (int l = 0; l < locals; l++) {
            distinct += uses[l] > 0 ? 1 : 0;
        }
        bodyEnd = n;
        for (int i = 0; i < n; i++) {
            if (trace.uop(i).uop() == Uop.LOOP) {
                bodyEnd = i + 1;
                break;
            }
        }
        copies = loops && onlyLoops && bodyEnd <= MAX_UNROLLED_UOPS ? 4 : 1;
        sources.read(trace, rs);
        return slotsNeeded();
    }

    /** Gives registers to the lowest {@code slotsInRegisters} stack slots (at most), then to locals, arrays and constants. */
    private void assign(int slotsInRegisters) {
        int locals = Math.max(trace.maxLocal() + 1, 0);
        java.util.Arrays.fill(pinned, 0, locals, -1);
        java.util.Arrays.fill(callerSavedPin, 0, locals, false);
        java.util.Arrays.fill(arrayBase, 0, locals, -1);
        java.util.Arrays.fill(arrayLength, 0, locals, -1);
        pinnedCount = 0;
        hoistedCount = 0;
        keptCount = 0;
        usedSlots = 0;
        plainExitCount = 0;
        List<Integer> caller = file.callerSaved();
        List<Integer> callee = file.calleeSaved();
        // Slots first (as many as the plan asks, at most this cap), but leave caller-saved registers to
        // the locals that do not fit the callee-saved ones.
        int cap = Math.min(trace.maxDepth(), Math.max(3, caller.size() - Math.max(0, distinct - callee.size())));
        cached = slotsInRegisters >= 0 ? Math.min(slotsInRegisters, cap) : cap;
        for (int s = 0; s < cached; s++) {
            home[s] = caller.get(s);
        }
        int freeCount = 0;
        for (int register : callee) {
            free[freeCount++] = register;
        }
        for (int r = cached; r < caller.size(); r++) {
            free[freeCount++] = caller.get(r);
        }
        int taken = 0;
        // Arrays first: a hoisted access is a compare and a load, an unhoisted one five more instructions.
        int[] arrayUses = sources.arrayUses;
        for (int c = 0, count = candidates(arrayUses, locals); c < count; c++) {
            int local = order[c];
            if (arrayUses[local] == 0 || written[local] || freeCount - taken < 2 || hoistedCount == MAX_HOISTED) {
                break;
            }
            arrayBase[local] = free[taken++];
            arrayLength[local] = free[taken++];
            hoistedArrays[hoistedCount++] = local;
        }
        for (int c = 0, count = candidates(uses, locals); c < count; c++) {
            int local = order[c];
            if (taken == freeCount || uses[local] == 0) {
                break;
            }
            if (arrayBase[local] >= 0) {
                continue;
            }
            int register = free[taken++];
            pinned[local] = register;
            callerSavedPin[local] = clobbered(register);
            pinnedLocals[pinnedCount++] = local;
        }
        int keep = Math.min(sources.constantCount, freeCount - taken);
        if (keptConstants.length < keep) {
            keptConstants = new long[keep];
            keptRegisters = new int[keep];
            keptStencils = new Stencil[keep];
        }
        for (; keptCount < keep; keptCount++) {
            keptConstants[keptCount] = sources.constants[keptCount];
            keptRegisters[keptCount] = free[taken++];
            keptStencils[keptCount] = rs.constant(keptConstants[keptCount]);
        }
        plan = new TracePlan(CodeShape.REGISTERS, context);
        plan.copies = copies;
    }

    /**
     * The plan for {@code trace}; with {@code describe}, also the register state at each uop and
     * the assignment of registers, as text for a listing (the pieces are the same).
     */
    static TracePlan plan(Trace trace, StencilLibrary library, boolean polls, boolean describe, CompileContext context) {
        // Slots a pass never needed a register for go to locals, arrays and constants in the next, which
        // may then need fewer still (a local now pinned is no longer loaded into a slot): at most three passes.
        RegisterShapePass pass = context.registerPass;
        pass.assign(pass.analyze(trace, library, polls, describe));
        TracePlan plan = pass.run();
        for (int round = 0; round < 2 && pass.usedSlots < pass.cached; round++) {
            pass.assign(pass.usedSlots);
            plan = pass.run();
        }
        return plan;
    }

    /**
     * How many stack slots, from the bottom, will hold a value in a register: a first guess that
     * spares most traces a second pass. A slot needs one where an operation leaves a value that
     * is not stored at once or consumed by a branch, where a stack uop copies one, and at every
     * jump and jump target, where all live slots are brought home. Loads and constants need none:
     * their users read them where they are. A pass that finds fewer needed plans once more.
     */
    private int slotsNeeded() {
        boolean[] target = isTarget;
        int needed = 0;
        for (int i = 0; i < n; i++) {
            TraceUop u = trace.uop(i);
            int depth = trace.depthBefore(i);
            if (target[i]) {
                needed = Math.max(needed, depth);
            }
            Uop next = i + 1 < n && !target[i + 1] ? trace.uop(i + 1).uop() : null;
            switch (u.uop()) {
                case LOAD, CONST, STORE, DROP, EXIT, ENTER, GUARD_TRUE, GUARD_FALSE, ASTORE, CALL -> { }
                case DUP, OVER, SWAP -> needed = Math.max(needed, depth + u.uop().pushes() - u.uop().pops());
                case LOOP, JUMP, JUMP_IF_TRUE, JUMP_IF_FALSE -> needed = Math.max(needed, depth - u.uop().pops());
                default -> {
                    int slot = depth - u.uop().pops();
                    boolean consumed = next == Uop.STORE || u.uop().isComparison() && next != null
                            && (next == Uop.GUARD_TRUE || next == Uop.GUARD_FALSE || next == Uop.JUMP_IF_TRUE
                            || next == Uop.JUMP_IF_FALSE);
                    if (!consumed) {
                        needed = Math.max(needed, slot + 1);
                    }
                }
            }
        }
        return Math.min(needed, trace.maxDepth());
    }

    /** Puts the first {@code locals} local numbers in {@link #order} by {@code uses}, most used first (of equal uses, the lower number first); returns {@code locals}. */
    private int candidates(int[] uses, int locals) {
        int[] order = this.order;
        for (int l = 0; l < locals; l++) {
            int at = l;
            while (at > 0 && uses[order[at - 1]] < uses[l]) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = l;
        }
        return locals;
    }

    /**
     * Where the operands of the array uops come from, on the straight-line reading of the trace:
     * how often each local is an array operand right after its LOAD, and which constants ASTORE
     * stores. Only a guide to what to keep in registers; the pass itself tracks every value.
     */
    private static final class Sources {
        int[] arrayUses = new int[16];
        private long[] source = new long[16];
        private int[] kind = new int[16];
        /** Constants a register would serve ({@code constantCount} of them, each once, in the order first seen): stored by ASTORE, or an operand with no immediate form here. */
        long[] constants = new long[4];
        int constantCount;

        private void addConstant(long constant) {
            for (int c = 0; c < constantCount; c++) {
                if (constants[c] == constant) {
                    return;
                }
            }
            if (constantCount == constants.length) {
                constants = java.util.Arrays.copyOf(constants, 2 * constantCount);
            }
            constants[constantCount++] = constant;
        }

        /** Reads {@code trace} afresh (the tables are kept from the last trace). */
        void read(Trace trace, RegisterStencils rs) {
            int locals = trace.maxLocal() + 1;
            if (arrayUses.length < locals) {
                arrayUses = new int[Math.max(locals, 2 * arrayUses.length)];
            }
            java.util.Arrays.fill(arrayUses, 0, Math.max(locals, 0), 0);
            int slots = trace.maxDepth() + 1;
            if (kind.length < slots) {
                source = new long[slots];
                kind = new int[slots];
            }
            long[] source = this.source; // the local or the constant
            int[] kind = this.kind;      // 0 anything else, 1 a local, 2 a constant
            java.util.Arrays.fill(kind, 0, slots, 0);
            constantCount = 0;
            for (int i = 0; i < trace.size(); i++) {
                TraceUop u = trace.uop(i);
                int depth = trace.depthBefore(i);
                switch (u.uop()) {
                    case LOAD -> {
                        kind[depth] = 1;
                        source[depth] = u.arg();
                    }
                    case CONST -> {
                        kind[depth] = 2;
                        source[depth] = u.arg();
                    }
                    case DUP, OVER -> {
                        int from = depth - (u.uop() == Uop.DUP ? 1 : 2);
                        kind[depth] = kind[from];
                        source[depth] = source[from];
                    }
                    case SWAP -> {
                        int k = kind[depth - 1];
                        long v = source[depth - 1];
                        kind[depth - 1] = kind[depth - 2];
                        source[depth - 1] = source[depth - 2];
                        kind[depth - 2] = k;
                        source[depth - 2] = v;
                    }
                    case ALOAD, ASTORE, ALEN -> {
                        int array = depth - (u.uop() == Uop.ALOAD ? 2 : u.uop() == Uop.ASTORE ? 3 : 1);
                        if (kind[array] == 1) {
                            arrayUses[(int) source[array]]++;
                        }
                        if (u.uop() == Uop.ASTORE && kind[depth - 1] == 2) {
                            addConstant(source[depth - 1]);
                        }
                        clearPushes(u, depth, kind);
                    }
                    case ADD, SUB, MUL, AND, OR, XOR, SHL, SHR, USHR, LT, LE, GT, GE, EQ, NE -> {
                        int a = depth - 2;
                        int b = depth - 1;
                        if (kind[a] == 2 && kind[b] == 2) {
                            source[a] = fold(u.uop(), source[a], source[b]); // folds as the pass does
                        } else {
                            if (kind[b] == 2 && !rs.hasImmediate(u.uop(), source[b])
                                    && !((u.uop() == Uop.ADD || u.uop() == Uop.SUB) && rs.hasImmediate(flip(u.uop()), -source[b]))) {
                                addConstant(source[b]);
                            }
                            kind[a] = 0;
                        }
                    }
                    default -> clearPushes(u, depth, kind);
                }
            }
        }

        private static void clearPushes(TraceUop u, int depth, int[] kind) {
            int pops = u.uop() == Uop.CALL ? (int) u.arg() : u.uop().pops();
            if (u.uop().pushes() > 0 || u.uop() == Uop.CALL) {
                if (depth - pops < kind.length) {
                    kind[depth - pops] = 0;
                }
            }
        }
    }

    private TracePlan run() {
        // Every way out (exits, yields, the end, a failed upcall) passes here: the written pinned
        // locals are stored once, not in each exit stub.
        epilogue = plan.block(Block.Kind.EPILOGUE, -1, 0);
        out = epilogue.pieces;
        for (int p = 0; p < pinnedCount; p++) {
            int local = pinnedLocals[p];
            if (written[local]) {
                emit(rs.storeLocal(), -1, local, -1, pinned[local], -1);
            }
        }
        epilogue.pieces.add(plan.piece(library.epilogue(), -1, 0, 0, -1, -1, -1, -1, null));
        if (describe) {
            plan.states = new String[n];
            plan.pinned = describePinned();
        }
        out = plan.hot;
        for (copy = 0; copy < plan.copies; copy++) {
            boolean falls = false;
            int end = copy == plan.copies - 1 ? n : bodyEnd;
            for (int i = copy == 0 ? 0 : 1; i < end; i++) {
                if (!falls) {
                    reset(trace.depthBefore(i));
                } else if (isTarget[i]) {
                    // On the path that falls in, before the label: a jump lands after these.
                    flush(i - 1);
                }
                if (describe && (copy == 0 || i >= bodyEnd)) {
                    plan.states[i] = describeStack();
                }
                int skip = uop(i);
                falls = trace.uop(i + skip).uop().continues();
                i += skip;
                if (describe && skip > 0 && (copy == 0 || i >= bodyEnd)) {
                    plan.states[i] = describeStack();
                }
            }
        }
        if (plan.backEdges > 0) {
            plan.block(Block.Kind.RESUME, -1, 0).pieces.add(plan.piece(library.resumeEntry(), -1, 0, 0, -1, -1, -1, -1, null));
        }
        return plan;
    }

    // ---- pieces ---------------------------------------------------------------------------

    private Piece emit(Stencil stencil, int uop, long operand, int d, int a, int b) {
        return context.append(out, stencil, uop, copy, operand, d, a, b, -1, joins(uop));
    }

    /**
     * True if a run of an earlier uop may absorb uop {@code uop}'s piece: no jump lands on it or on
     * a uop between (a uop without pieces starts where the next piece does), so no label falls
     * inside the run.
     */
    private boolean joins(int uop) {
        if (out.isEmpty() || uop <= 0) {
            return false;
        }
        int last = out.getLast().uop;
        return last >= 0 && last < uop && targetsThrough[uop] == targetsThrough[last];
    }

    private Piece emit(Stencil stencil, int uop) {
        return emit(stencil, uop, 0, -1, -1, -1);
    }

    /** The register that holds {@code constant} for the whole trace, or -1. */
    private int keptRegister(long constant) {
        for (int c = 0; c < keptCount; c++) {
            if (keptConstants[c] == constant) {
                return keptRegisters[c];
            }
        }
        return -1;
    }

    /** A register holding slot {@code s}'s value: its own, or {@code scratch} after loading it there. */
    private int reg(int s, int scratch, int uop) {
        return switch (kind[s]) {
            case IN_REG -> home[s];
            case PINNED -> pinned[first[s]];
            case ARRAY, LOCAL -> {
                emit(rs.loadLocal(), uop, first[s], scratch, -1, -1);
                yield scratch;
            }
            case CONST -> {
                int kept = keptRegister(value[s]);
                if (kept >= 0) {
                    yield kept;
                }
                emit(rs.constant(value[s]), uop, value[s], scratch, -1, -1);
                yield scratch;
            }
            case IN_MEM -> {
                emit(rs.loadStack(), uop, s, scratch, -1, -1);
                yield scratch;
            }
            default -> {
                emit(rs.binary(Uop.MUL, scratch, first[s], second[s]), uop, 0, scratch, first[s], second[s]);
                yield scratch;
            }
        };
    }

    /** Where an operation writes slot {@code s}: its home register, or S0 to be stored ({@link #settle}). */
    private int dest(int s) {
        if (s < cached) {
            usedSlots = Math.max(usedSlots, s + 1);
            return home[s];
        }
        return s0;
    }

    /** Records that slot {@code s} now holds what register {@code r} (its {@link #dest}) holds. */
    private void settle(int s, int r, int uop) {
        if (s < cached) {
            kind[s] = IN_REG;
        } else {
            emit(rs.storeStack(), uop, s, -1, r, -1);
            kind[s] = IN_MEM;
        }
    }

    private void push(int k, long v, int f, int g) {
        kind[depth] = k;
        value[depth] = v;
        first[depth] = f;
        second[depth] = g;
        depth++;
    }

    /** Brings slot {@code s} to its home. */
    private void materialize(int s, int uop) {
        if (s < cached) {
            if (kind[s] != IN_REG) {
                int r = home[s];
                usedSlots = Math.max(usedSlots, s + 1);
                switch (kind[s]) {
                    case CONST -> emit(rs.constant(value[s]), uop, value[s], r, -1, -1);
                    case PINNED -> emit(rs.move(), uop, 0, r, pinned[first[s]], -1);
                    case ARRAY, LOCAL -> emit(rs.loadLocal(), uop, first[s], r, -1, -1);
                    case IN_MEM -> emit(rs.loadStack(), uop, s, r, -1, -1);
                    default -> emit(rs.binary(Uop.MUL, r, first[s], second[s]), uop, 0, r, first[s], second[s]);
                }
                kind[s] = IN_REG;
            }
        } else if (kind[s] != IN_MEM) {
            emit(rs.storeStack(), uop, s, -1, reg(s, s0, uop), -1);
            kind[s] = IN_MEM;
        }
    }

    /** Every slot to its home: the state at a jump and at its target. */
    private void flush(int uop) {
        for (int s = 0; s < depth; s++) {
            materialize(s, uop);
        }
    }

    private void reset(int newDepth) {
        depth = newDepth;
        for (int s = 0; s < depth; s++) {
            kind[s] = s < cached ? IN_REG : IN_MEM;
        }
    }

    /** Before a pinned local is written: the slots that still read its register get their own copy. */
    private void separate(int local, int below, int uop) {
        int r = pinned[local];
        for (int s = 0; s < below; s++) {
            if ((kind[s] == PINNED || kind[s] == LOCAL) && first[s] == local
                    || r >= 0 && kind[s] == PRODUCT && (first[s] == r || second[s] == r)) {
                materialize(s, uop);
            }
        }
    }

    /**
     * The stub an exit of uop {@code uop} leaves through with the lowest {@code exitDepth} slots on
     * the stack: writes back those not in memory and the written pinned locals, then returns
     * {@code exitValue}.
     */
    private Block exitBlock(int uop, int exitDepth, long exitValue) {
        // An exit with nothing to write back is one instruction and a jump: exits to the same pc
        // (the copies of an unrolled guard, say) share one.
        boolean plain = exitDepth == 0;
        if (plain) {
            for (int e = 0; e < plainExitCount; e++) {
                if (plainExitValues[e] == exitValue) {
                    return plainExits[e];
                }
            }
        }
        Block block = plan.block(Block.Kind.EXIT, uop, copy);
        if (plain) {
            if (plainExitCount == plainExits.length) {
                plainExits = java.util.Arrays.copyOf(plainExits, 2 * plainExitCount);
                plainExitValues = java.util.Arrays.copyOf(plainExitValues, 2 * plainExitCount);
            }
            plainExits[plainExitCount] = block;
            plainExitValues[plainExitCount++] = exitValue;
        }
        List<Piece> saved = out;
        out = block.pieces;
        writeBack(uop, exitDepth);
        emit(library.exitStub(), uop, exitValue, -1, -1, -1);
        out = saved;
        return block;
    }

    /** Writes the lowest {@code slots} slots and the written pinned locals to the frame, then moves the stack pointer up. */
    private void writeBack(int uop, int slots) {
        for (int s = 0; s < slots; s++) {
            if (kind[s] != IN_MEM) {
                emit(rs.storeStack(), uop, s, -1, reg(s, s0, uop), -1);
            }
        }
        if (slots > 0) {
            emit(rs.advanceStack(), uop, slots, -1, -1, -1);
        }
    }

    /**
     * Stores ({@code store}) or loads again the written pinned locals whose registers a call
     * clobbers; the others stay in their registers, and every path out of the trace stores them
     * in the epilogue.
     */
    private void callerSavedWrites(int uop, boolean store) {
        for (int p = 0; p < pinnedCount; p++) {
            int local = pinnedLocals[p];
            if (written[local] && callerSavedPin[local]) {
                if (store) {
                    emit(rs.storeLocal(), uop, local, -1, pinned[local], -1);
                } else {
                    emit(rs.loadLocal(), uop, local, pinned[local], -1, -1);
                }
            }
        }
    }

    // ---- uops -----------------------------------------------------------------------------

    /** Emits uop {@code i}; returns how many following uops it consumed (fusion). */
    private int uop(int i) {
        TraceUop u = trace.uop(i);
        Uop op = u.uop();
        switch (op) {
            case ENTER -> {
                emit(library.stencil(Uop.ENTER, 0), i);
                for (int p = 0; p < pinnedCount; p++) {
                    int local = pinnedLocals[p];
                    emit(rs.loadLocal(), i, local, pinned[local], -1, -1);
                }
                keepInRegisters(i, false);
            }
            case EXIT -> {
                writeBack(i, depth);
                emit(library.exitStub(), i, u.arg(), -1, -1, -1);
            }
            case CONST -> push(CONST, u.arg(), 0, 0);
            case LOAD -> load(i, (int) u.arg());
            case STORE -> store(i, (int) u.arg());
            case DUP -> duplicate(i, depth - 1);
            case OVER -> duplicate(i, depth - 2);
            case DROP -> depth--;
            case SWAP -> swap(i);
            case ADD, SUB, MUL, AND, OR, XOR, SHL, SHR, USHR -> {
                return binary(i, op);
            }
            case LT, LE, GT, GE, EQ, NE -> {
                return comparison(i, op);
            }
            case NEG, NOT -> {
                return unary(i, op);
            }
            case DIV, REM -> {
                return division(i, op);
            }
            case GUARD_TRUE, GUARD_FALSE -> guard(i, op == Uop.GUARD_TRUE, u.arg());
            case ALOAD -> {
                return arrayLoad(i);
            }
            case ASTORE -> arrayStore(i);
            case ALEN -> {
                return arrayLength(i);
            }
            case CALL -> call(i, u);
            case LOOP -> loop(i);
            case JUMP -> jump(i, u.target());
            case JUMP_IF_TRUE, JUMP_IF_FALSE -> conditionalJump(i, op == Uop.JUMP_IF_TRUE, u.target());
        }
        return 0;
    }

    /** Loads the hoisted arrays' entries and the kept constants; after a call only those in caller-saved registers. */
    private boolean clobbered(int register) {
        return (callerSaved >>> register & 1) != 0;
    }

    private void keepInRegisters(int i, boolean afterCall) {
        for (int h = 0; h < hoistedCount; h++) {
            int local = hoistedArrays[h];
            if (!afterCall || clobbered(arrayBase[local]) || clobbered(arrayLength[local])) {
                emit(rs.loadLocal(), i, local, s0, -1, -1);
                emit(rs.arrayEntry(), i, 0, arrayBase[local], s0, arrayLength[local]);
            }
        }
        for (int c = 0; c < keptCount; c++) {
            if (!afterCall || clobbered(keptRegisters[c])) {
                emit(keptStencils[c], i, keptConstants[c], keptRegisters[c], -1, -1);
            }
        }
    }

    private void load(int i, int local) {
        if (arrayBase[local] >= 0) {
            push(ARRAY, 0, local, 0);
            return;
        }
        push(pinned[local] >= 0 ? PINNED : LOCAL, 0, local, 0);
    }

    private void store(int i, int local) {
        int s = depth - 1;
        if (pinned[local] < 0) {
            if (kind[s] != LOCAL || first[s] != local) {
                int r = reg(s, s0, i);
                separate(local, s, i);
                emit(rs.storeLocal(), i, local, -1, r, -1);
            }
            depth--;
            return;
        }
        int r = pinned[local];
        if (kind[s] == PINNED && first[s] == local) {
            depth--;
            return;
        }
        separate(local, s, i);
        switch (kind[s]) {
            case CONST -> emit(rs.constant(value[s]), i, value[s], r, -1, -1);
            case PINNED -> emit(rs.move(), i, 0, r, pinned[first[s]], -1);
            case IN_REG -> emit(rs.move(), i, 0, r, home[s], -1);
            case IN_MEM -> emit(rs.loadStack(), i, s, r, -1, -1);
            case ARRAY, LOCAL -> emit(rs.loadLocal(), i, first[s], r, -1, -1);
            default -> emit(rs.binary(Uop.MUL, r, first[s], second[s]), i, 0, r, first[s], second[s]);
        }
        depth--;
    }

    private void duplicate(int i, int from) {
        if (deferred(from)) {
            push(kind[from], value[from], first[from], second[from]);
            return;
        }
        int source = reg(from, s0, i);
        int s = depth;
        push(IN_REG, 0, 0, 0);
        copyInto(s, source, i);
    }

    /** Slot {@code s} = register {@code r}. */
    private void copyInto(int s, int r, int uop) {
        if (s < cached) {
            usedSlots = Math.max(usedSlots, s + 1);
            emit(rs.move(), uop, 0, home[s], r, -1);
            kind[s] = IN_REG;
        } else {
            emit(rs.storeStack(), uop, s, -1, r, -1);
            kind[s] = IN_MEM;
        }
    }

    private void swap(int i) {
        int top = depth - 1;
        int below = depth - 2;
        boolean deferred = deferred(top) && deferred(below);
        if (deferred) {
            int k = kind[top];
            long v = value[top];
            int f = first[top];
            kind[top] = kind[below];
            value[top] = value[below];
            first[top] = first[below];
            kind[below] = k;
            value[below] = v;
            first[below] = f;
            return;
        }
        int x = reg(top, s1, i);
        if (x != s1) {
            emit(rs.move(), i, 0, s1, x, -1);
        }
        int y = reg(below, s0, i);
        if (y != s0) {
            emit(rs.move(), i, 0, s0, y, -1);
        }
        copyInto(below, s1, i);
        copyInto(top, s0, i);
    }

    /**
     * The register the result of uop {@code i} goes to when its slot is {@code s}: a pinned
     * local's own register when the next uop stores it there (and is no jump target), else the
     * slot's. Leaves the local in {@link #fusedLocal} when it fuses.
     */
    private int resultRegister(int i, int s) {
        fusedLocal = -1;
        if (i + 1 < n && !isTarget[i + 1] && trace.uop(i + 1).uop() == Uop.STORE) {
            int local = (int) trace.uop(i + 1).arg();
            if (pinned[local] >= 0) {
                separate(local, s, i);
                fusedLocal = local;
                return pinned[local];
            }
        }
        int chained = chainedStore(i);
        if (chained >= 0) {
            separate(chained, s, i);
            fusedLocal = -2 - chained;
            return pinned[chained];
        }
        return dest(s);
    }

    /**
     * The pinned local a chain of arithmetic that starts with uop {@code i}'s result ends up stored
     * in, or -1: each later uop of the chain pushes a value that costs no code (a local, a
     * constant) and combines it with the chain's value, until a {@code STORE}. Computing the whole
     * chain in the local's register saves the copy from a slot register at the end. Not when the
     * chain reads the local itself, when a uop of it is a jump target, or when it could exit (an
     * exit would write the unfinished value back as the local's).
     */
    private int chainedStore(int i) {
        int above = 1;
        for (int j = i + 1; j < n && j <= i + 16; j++) {
            if (isTarget[j]) {
                return -1;
            }
            TraceUop u = trace.uop(j);
            switch (u.uop()) {
                case LOAD -> above++;
                case CONST -> above++;
                case ADD, SUB, MUL, AND, OR, XOR, SHL, SHR, USHR -> {
                    if (above < 2) {
                        return -1;
                    }
                    if (above > 2 && !(trace.uop(j - 1).uop() == Uop.CONST && trace.uop(j - 2).uop() == Uop.CONST)) {
                        return -1; // an operation between two later values: only constants fold for free
                    }
                    above--;
                }
                case NEG, NOT -> {
                    if (above != 1) {
                        return -1;
                    }
                }
                case STORE -> {
                    int local = (int) u.arg();
                    if (above != 1 || j == i + 1 || pinned[local] < 0) {
                        return -1;
                    }
                    for (int k = i + 1; k < j; k++) {
                        if (trace.uop(k).uop() == Uop.LOAD && trace.uop(k).arg() == local) {
                            return -1;
                        }
                    }
                    return local;
                }
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Ends an operation whose result went to {@code r}: pushes it, or leaves it in the pinned
     * local it was stored to (returning 1: the STORE is done), or, in a chain, pushes the
     * local's register, which holds the chain's value until its STORE; as the
     * {@link #resultRegister} call that chose {@code r} left {@link #fusedLocal}.
     */
    private int finish(int i, int s, int r) {
        depth = s;
        if (fusedLocal >= 0) {
            return 1;
        }
        if (fusedLocal <= -2) {
            push(PINNED, 0, -2 - fusedLocal, 0);
            return 0;
        }
        push(IN_REG, 0, 0, 0);
        settle(s, r, i);
        return 0;
    }

    /** True for the kinds a slot can hold without a register of its own, which SWAP can exchange for free. */
    private boolean deferred(int s) {
        return kind[s] == CONST || kind[s] == PINNED || kind[s] == ARRAY || kind[s] == LOCAL;
    }

    private boolean constant(int s) {
        return kind[s] == CONST;
    }

    private int binary(int i, Uop op) {
        int b = depth - 1;
        int a = depth - 2;
        if (foldedConstants(op)) {
            return 0;
        }
        if (op == Uop.MUL && rs.hasMultiplyAdd() && kind[a] == PINNED && kind[b] == PINNED) {
            int f = pinned[first[a]];
            int g = pinned[first[b]];
            depth -= 2;
            push(PRODUCT, 0, f, g);
            return 0;
        }
        if ((op == Uop.ADD || op == Uop.SUB) && (kind[b] == PRODUCT || op == Uop.ADD && kind[a] == PRODUCT)) {
            int product = kind[b] == PRODUCT ? b : a;
            int other = product == b ? a : b;
            int r = resultRegister(i, a);
            int c = reg(other, s0, i);
            // c ± f·g: for SUB the product is the subtrahend (checked above).
            out.add(plan.piece(rs.multiplyAdd(op == Uop.SUB), i, copy, 0, r, first[product], second[product], c, null));
            return finish(i, a, r);
        }
        Uop form = op;
        int left = a;
        int right = b;
        if (constant(left) && commutative(op)) {
            left = b;
            right = a;
        }
        if (constant(right)) {
            long c = value[right];
            if ((form == Uop.ADD || form == Uop.SUB) && c < 0 && c != Long.MIN_VALUE && rs.hasImmediate(flip(form), -c)) {
                form = flip(form);
                c = -c;
            }
            if (rs.hasImmediate(form, c)) {
                int r = resultRegister(i, a);
                int x = reg(left, s0, i);
                emit(rs.binaryImmediate(form, c, r, x), i, c, r, x, -1);
                return finish(i, a, r);
            }
        }
        if (kind[left] == LOCAL && kind[right] != LOCAL && commutative(op)) {
            left = b;
            right = a;
        }
        int r = resultRegister(i, a);
        if (kind[right] == LOCAL && rs.hasMemoryOperand(op)) {
            int x = reg(left, s0, i);
            emit(rs.binaryLocal(op, r, x), i, first[right], r, x, -1);
            return finish(i, a, r);
        }
        int x = reg(a, s0, i);
        int y = reg(b, s1, i);
        emit(rs.binary(op, r, x, y), i, 0, r, x, y);
        return finish(i, a, r);
    }

    /** Replaces two constant operands by their result, as Java computes it; false if they are not both constants. */
    private boolean foldedConstants(Uop op) {
        int b = depth - 1;
        int a = depth - 2;
        if (!constant(a) || !constant(b)) {
            return false;
        }
        long folded = fold(op, value[a], value[b]);
        depth -= 2;
        push(CONST, folded, 0, 0);
        return true;
    }

    private int comparison(int i, Uop op) {
        int b = depth - 1;
        int a = depth - 2;
        if (foldedConstants(op)) {
            return 0;
        }
        TraceUop next = i + 1 < n && !isTarget[i + 1] ? trace.uop(i + 1) : null;
        Uop cmp = op;
        int left = a;
        int right = b;
        if (constant(left) || kind[left] == LOCAL && !constant(right) && kind[right] != LOCAL) {
            cmp = mirror(cmp);
            left = b;
            right = a;
        }
        if (next != null && (next.uop() == Uop.GUARD_TRUE || next.uop() == Uop.GUARD_FALSE)) {
            // Exit when the guard fails: GUARD_TRUE fails when the comparison is false.
            Uop exitWhen = next.uop() == Uop.GUARD_TRUE ? negate(cmp) : cmp;
            depth -= 2;
            Block exit = exitBlock(i + 1, depth, next.arg());
            compareBranch(i, exitWhen, left, right, true).exit = exit;
            return 1;
        }
        if (next != null && (next.uop() == Uop.JUMP_IF_TRUE || next.uop() == Uop.JUMP_IF_FALSE)
                && next.target() > i + 1) {
            Uop jumpWhen = next.uop() == Uop.JUMP_IF_TRUE ? cmp : negate(cmp);
            depth -= 2;
            flush(i);
            Piece branch = compareBranch(i, jumpWhen, left, right, false);
            branch.target = next.target();
            branch.targetCopy = copyOf(next.target());
            return 1;
        }
        int r = resultRegister(i, a);
        if (constant(right) && rs.hasImmediate(cmp, value[right])) {
            int x = reg(left, s0, i);
            emit(rs.binaryImmediate(cmp, value[right], r, x), i, value[right], r, x, -1);
        } else if (kind[right] == LOCAL && rs.hasMemoryOperand(cmp)) {
            int x = reg(left, s0, i);
            emit(rs.binaryLocal(cmp, r, x), i, first[right], r, x, -1);
        } else {
            int x = reg(left, s0, i);
            int y = reg(right, s1, i);
            emit(rs.binary(cmp, r, x, y), i, 0, r, x, y);
        }
        return finish(i, a, r);
    }

    /** {@code cmp left, right; b.cond} to an exit or a target; the slots must already be popped. */
    private Piece compareBranch(int i, Uop when, int left, int right, boolean toExit) {
        if (constant(right) && rs.hasImmediate(when, value[right])) {
            int x = reg(left, s0, i);
            return emit(rs.compareImmediateBranch(when, value[right], toExit), i, value[right], -1, x, -1);
        }
        if (kind[right] == LOCAL && rs.hasMemoryOperand(when)) {
            int x = reg(left, s0, i);
            return emit(rs.compareLocalBranch(when, toExit), i, first[right], -1, x, -1);
        }
        int x = reg(left, s0, i);
        int y = reg(right, s1, i);
        return emit(rs.compareBranch(when, toExit), i, 0, -1, x, y);
    }

    private int unary(int i, Uop op) {
        int a = depth - 1;
        if (constant(a)) {
            value[a] = op == Uop.NEG ? -value[a] : ~value[a];
            return 0;
        }
        int r = resultRegister(i, a);
        int x = reg(a, s0, i);
        emit(rs.unary(op, r, x), i, 0, r, x, -1);
        return finish(i, a, r);
    }

    private int division(int i, Uop op) {
        int b = depth - 1;
        int a = depth - 2;
        long exitValue = trace.uop(i).arg();
        if (constant(b) && value[b] != 0) {
            long c = value[b];
            if (constant(a)) {
                long folded = op == Uop.DIV ? value[a] / c : value[a] % c;
                depth -= 2;
                push(CONST, folded, 0, 0);
                return 0;
            }
            if (c == 1 || c == -1) {
                if (op == Uop.REM) {
                    depth -= 2;
                    push(CONST, 0, 0, 0);
                    return 0;
                }
                depth--;
                return c == 1 ? 0 : unary(i, Uop.NEG);
            }
            if (c != Long.MIN_VALUE) {
                int r = resultRegister(i, a);
                int x = reg(a, s0, i);
                emit(rs.divideByConstant(op, c, r, x), i, c, r, x, -1);
                return finish(i, a, r);
            }
        }
        Block exit = exitBlock(i, depth, exitValue);
        int r = resultRegister(i, a);
        int x = reg(a, s0, i);
        int y = reg(b, s1, i);
        emit(rs.divide(op, r, x, y), i, 0, r, x, y).exit = exit;
        return finish(i, a, r);
    }

    private void guard(int i, boolean guardTrue, long exitValue) {
        int v = depth - 1;
        depth--;
        if (constant(v)) {
            if ((value[v] != 0) != guardTrue) {
                emit(rs.jump(true), i).exit = exitBlock(i, depth, exitValue);
            }
            return;
        }
        Block exit = exitBlock(i, depth, exitValue);
        int x = reg(v, s0, i);
        emit(rs.testBranch(guardTrue, true), i, 0, -1, x, -1).exit = exit;
    }

    private int arrayLoad(int i) {
        Block exit = exitBlock(i, depth, trace.uop(i).arg());
        int b = depth - 1;
        int a = depth - 2;
        int r = resultRegister(i, a);
        if (kind[a] == ARRAY) {
            int local = first[a];
            int y = reg(b, s1, i);
            out.add(plan.piece(rs.arrayLoadHoisted(), i, copy, 0, r, arrayBase[local], y, arrayLength[local], null));
            out.getLast().exit = exit;
            return finish(i, a, r);
        }
        int x = reg(a, s0, i);
        int y = reg(b, s1, i);
        emit(rs.arrayLoad(), i, 0, r, x, y).exit = exit;
        return finish(i, a, r);
    }

    private void arrayStore(int i) {
        Block exit = exitBlock(i, depth, trace.uop(i).arg());
        int v = depth - 1;
        if (kind[depth - 3] == ARRAY) {
            int local = first[depth - 3];
            int y = reg(depth - 2, s1, i);
            int z = reg(v, s2, i);
            out.add(plan.piece(rs.arrayStoreHoisted(), i, copy, 0, z, arrayBase[local], y, arrayLength[local], null));
            out.getLast().exit = exit;
            depth -= 3;
            return;
        }
        int x = reg(depth - 3, s0, i);
        int y = reg(depth - 2, s1, i);
        int z = reg(v, s2, i);
        emit(rs.arrayStore(), i, 0, z, x, y).exit = exit;
        depth -= 3;
    }

    private int arrayLength(int i) {
        Block exit = exitBlock(i, depth, trace.uop(i).arg());
        int a = depth - 1;
        int r = resultRegister(i, a);
        int x = reg(a, s0, i);
        emit(rs.arrayLength(), i, 0, r, x, -1).exit = exit;
        return finish(i, a, r);
    }

    /**
     * A call clobbers the caller-saved registers: every slot goes to memory and the written
     * locals to the frame (so that an upcall that failed leaves it exact), then the stack shape's
     * call stencil pops the arguments and pushes the result there.
     */
    private void call(int i, TraceUop u) {
        Symbol symbol = u.symbol();
        for (int s = 0; s < depth; s++) {
            if (kind[s] != IN_MEM) {
                emit(rs.storeStack(), i, s, -1, reg(s, s0, i), -1);
                kind[s] = IN_MEM;
            }
        }
        writeBack(i, depth);
        callerSavedWrites(i, true);
        Stencil stencil = library.call(symbol.ordinal(), symbol.arity(), symbol.result(), symbol.upcall());
        Piece call = plan.piece(stencil, i, copy, u.arg(), -1, -1, -1, -1, symbol);
        out.add(call);
        if (stencil.exits()) {
            // The epilogue stores the written pinned locals: those the call clobbered come back first.
            Block exit = plan.block(Block.Kind.EXIT, i, copy);
            List<Piece> saved = out;
            out = exit.pieces;
            callerSavedWrites(i, false);
            out = saved;
            exit.pieces.add(plan.piece(library.upcallFailedExit(), i, copy, 0, -1, -1, -1, -1, null));
            call.exit = exit;
        }
        depth = depth - (int) u.arg() + (symbol.result() == CallResult.VOID ? 0 : 1);
        if (depth > 0) {
            emit(rs.retreatStack(), i, depth, -1, -1, -1);
        }
        for (int p = 0; p < pinnedCount; p++) {
            int local = pinnedLocals[p];
            if (callerSavedPin[local]) {
                emit(rs.loadLocal(), i, local, pinned[local], -1, -1);
            }
        }
        keepInRegisters(i, true);
        for (int s = 0; s < depth; s++) {
            kind[s] = IN_MEM;
        }
    }

    private void loop(int i) {
        flush(i);
        if (copy + 1 < plan.copies) {
            if (i + 1 < n) {
                Piece jump = emit(rs.jump(false), i);
                jump.target = 1;
                jump.targetCopy = copy + 1;
            }
            return;
        }
        backEdge(i, 1);
    }

    private void jump(int i, int target) {
        flush(i);
        if (target <= i) {
            backEdge(i, target);
            return;
        }
        Piece jump = emit(rs.jump(false), i);
        jump.target = target;
        jump.targetCopy = copyOf(target);
    }

    /** The copy a forward jump to uop {@code target} lands in: this one's, or the one copy of a side path. */
    private int copyOf(int target) {
        return target >= bodyEnd ? plan.copies - 1 : copy;
    }

    /** An unconditional back-edge to {@code target}. */
    private void backEdge(int i, int target) {
        Piece piece = emit(polls ? rs.backEdge() : rs.jump(false), i);
        backEdgeTo(i, piece, target);
    }

    /** A back-edge to {@code target} taken when register {@code r} is zero ({@code ifZero}) or not. */
    private void conditionalBackEdge(int i, int target, boolean ifZero, int r) {
        Stencil stencil = polls ? rs.conditionalBackEdge(ifZero) : rs.testBranch(ifZero, false);
        backEdgeTo(i, emit(stencil, i, 0, -1, r, -1), target);
    }

    private void backEdgeTo(int i, Piece piece, int target) {
        piece.target = target;
        piece.targetCopy = 0;
        if (polls) {
            piece.yield = yieldBlock(i, target);
            plan.backEdges++;
        }
    }

    /** The stub of a back-edge whose fuel is spent, and the reload it resumes at. */
    private Block yieldBlock(int i, int target) {
        int slots = trace.depthBefore(target);
        Block yield = plan.block(Block.Kind.YIELD, i, copy);
        Block reload = plan.block(Block.Kind.RELOAD, i, copy);
        List<Piece> saved = out;
        out = yield.pieces;
        writeBack(i, slots);
        Piece stub = emit(library.yieldExit(), i);
        stub.targetBlock = reload;
        out = reload.pieces;
        if (slots > 0) {
            emit(rs.retreatStack(), i, slots, -1, -1, -1);
        }
        for (int s = 0; s < Math.min(slots, cached); s++) {
            emit(rs.loadStack(), i, s, home[s], -1, -1);
        }
        for (int p = 0; p < pinnedCount; p++) {
            int local = pinnedLocals[p];
            emit(rs.loadLocal(), i, local, pinned[local], -1, -1);
        }
        keepInRegisters(i, false);
        Piece on = emit(rs.jump(false), i);
        on.target = target;
        on.targetCopy = 0;
        out = saved;
        return yield;
    }

    private void conditionalJump(int i, boolean ifTrue, int target) {
        int v = depth - 1;
        depth--;
        flush(i);
        if (constant(v)) {
            if ((value[v] != 0) == ifTrue) {
                jump(i, target);
            }
            return;
        }
        int x = reg(v, s1, i);
        if (target <= i) {
            conditionalBackEdge(i, target, !ifTrue, x);
            return;
        }
        Piece branch = emit(rs.testBranch(!ifTrue, false), i, 0, -1, x, -1);
        branch.target = target;
        branch.targetCopy = copyOf(target);
    }

    // ---- arithmetic --------------------------------------------------------------------------

    private static long fold(Uop op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << b;
            case SHR -> a >> b;
            case USHR -> a >>> b;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            default -> throw new IllegalArgumentException(op + " does not fold");
        };
    }

    private static boolean commutative(Uop op) {
        return op == Uop.ADD || op == Uop.MUL || op == Uop.AND || op == Uop.OR || op == Uop.XOR;
    }

    private static Uop flip(Uop op) {
        return op == Uop.ADD ? Uop.SUB : Uop.ADD;
    }

    /** The comparison that holds exactly when {@code op} does not. */
    static Uop negate(Uop op) {
        return switch (op) {
            case LT -> Uop.GE;
            case GE -> Uop.LT;
            case LE -> Uop.GT;
            case GT -> Uop.LE;
            case EQ -> Uop.NE;
            case NE -> Uop.EQ;
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }

    /** The comparison with its operands swapped: {@code a < b} is {@code b > a}. */
    static Uop mirror(Uop op) {
        return switch (op) {
            case LT -> Uop.GT;
            case GT -> Uop.LT;
            case LE -> Uop.GE;
            case GE -> Uop.LE;
            default -> op;
        };
    }

    // ---- listing ----------------------------------------------------------------------------

    private String describeStack() {
        StringBuilder text = new StringBuilder("stack [");
        for (int s = 0; s < depth; s++) {
            if (s > 0) {
                text.append(", ");
            }
            text.append(switch (kind[s]) {
                case IN_REG -> file.name(home[s]);
                case IN_MEM -> "mem";
                case CONST -> "#" + value[s];
                case PINNED -> "local " + first[s];
                case ARRAY -> "array local " + first[s];
                case LOCAL -> "local " + first[s] + " (memory)";
                default -> file.name(first[s]) + "*" + file.name(second[s]);
            });
        }
        return text.append(']').toString();
    }

    private String describePinned() {
        StringBuilder text = new StringBuilder("register shape: ");
        if (cached == 0) {
            text.append("no stack slots in registers");
        } else {
            text.append("stack slots 0..").append(cached - 1).append(" in ");
            for (int s = 0; s < cached; s++) {
                text.append(s > 0 ? "," : "").append(file.name(home[s]));
            }
        }
        text.append("; pinned locals:");
        StringBuilder writes = new StringBuilder();
        for (int p = 0; p < pinnedCount; p++) {
            int local = pinnedLocals[p];
            text.append(' ').append(local).append('=').append(file.name(pinned[local]));
            if (written[local]) {
                writes.append(' ').append(local);
            }
        }
        if (pinnedCount == 0) {
            text.append(" none");
        } else {
            text.append(" (written back at exits:").append(writes.isEmpty() ? " none" : writes).append(')');
        }
        for (int h = 0; h < hoistedCount; h++) {
            int local = hoistedArrays[h];
            text.append("; array of local ").append(local).append(": base ").append(file.name(arrayBase[local]))
                    .append(", length ").append(file.name(arrayLength[local]));
        }
        for (int c = 0; c < keptCount; c++) {
            text.append("; #").append(keptConstants[c]).append(" in ").append(file.name(keptRegisters[c]));
        }
        return text.append(plan.copies > 1 ? "; loop unrolled " + plan.copies + " times" : "").toString();
    }

}
