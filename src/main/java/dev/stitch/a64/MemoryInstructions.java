package dev.stitch.a64;

import dev.stitch.a64.MemoryEncoders.Access;

/**
 * Loads and stores (Arm ARM C4.1.66, "Loads and Stores"): single registers with every addressing
 * mode ({@link Address}), pairs, PC-relative literals and literal-pool constants, exclusive and
 * ordered accesses, and the FEAT_LSE atomics. Each method checks its operands first and throws an
 * {@link A64EncodingException} naming the instruction, the operand, its value and what is allowed.
 *
 * <p>Families and their encoding classes (Arm ARM C4.1.66):
 * <ul>
 *   <li>{@code ldr}/{@code str}/{@code ldrb}/.../{@code ldrsw} with an {@link Address}: "Load/store
 *       register (unsigned immediate)", "(unscaled immediate)", "(immediate pre-indexed)",
 *       "(immediate post-indexed)" and "(register offset)"; {@code ldur}... the unscaled class alone</li>
 *   <li>{@code ldr xt, label}, {@link #ldrPcRelative}, {@link #ldrLiteral}: "Load register (literal)"</li>
 *   <li>{@code ldp}/{@code stp}/{@code ldpsw}, {@code ldnp}/{@code stnp}: "Load/store register pair
 *       (signed offset, pre-indexed, post-indexed)", "Load/store no-allocate pair (offset)"</li>
 *   <li>{@code ldxr}/{@code stxr}/{@code ldaxr}/{@code stlxr}/{@code ldxp}/{@code stxp}..., {@code ldar},
 *       {@code stlr}: "Load/store exclusive register", "Load/store exclusive pair", "Load-acquire/store-release
 *       register"</li>
 *   <li>{@code cas}..., {@code casp}...: "Compare and swap", "Compare and swap pair" (FEAT_LSE)</li>
 *   <li>{@code ldadd}..., {@code swp}..., {@code stadd}...: "Atomic memory operations" (FEAT_LSE)</li>
 * </ul>
 *
 * <p>Like LLVM, {@code ldr}/{@code str} with an offset that the scaled unsigned form cannot hold
 * (negative or not a multiple of the access size) but that fits in -256..255 are encoded as the
 * unscaled {@code ldur}/{@code stur}.
 */
public interface MemoryInstructions {
    /** Writes one instruction word. */
    A64Assembler emit(int word);

    /** Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse}). */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use, String instruction);

    /**
     * Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse(int, Label, LabelUse)});
     * messages show the instruction's disassembly with the label as its target.
     */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use);

    /** The memory ordering of an atomic: the {@code a}/{@code l} suffixes ({@code A} and {@code R} bits). */
    enum Ordering {
        /** No ordering: {@code ldadd}, {@code swp}, {@code cas}. */
        RELAXED("", 0, 0),
        /** Acquire: {@code ldadda}. */
        ACQUIRE("a", 1, 0),
        /** Acquire and release: {@code ldaddal}. */
        ACQUIRE_RELEASE("al", 1, 1),
        /** Release: {@code ldaddl}. */
        RELEASE("l", 0, 1);

        final String suffix;
        final int acquire;
        final int release;

        Ordering(String suffix, int acquire, int release) {
            this.suffix = suffix;
            this.acquire = acquire;
            this.release = release;
        }

        /** The mnemonic suffix: "", "a", "al" or "l". */
        public String suffix() {
            return suffix;
        }
    }

    /** How much an atomic accesses: a byte ({@code b} suffix), a halfword ({@code h}) or the register's width. */
    enum AtomicWidth {
        BYTE("b", 0), HALFWORD("h", 1), REGISTER("", -1);

        final String suffix;
        final int size;

        AtomicWidth(String suffix, int size) {
            this.suffix = suffix;
            this.size = size;
        }

        /** The mnemonic suffix: "b", "h" or "". */
        public String suffix() {
            return suffix;
        }
    }

    /** The operation of an atomic memory instruction (FEAT_LSE): the {@code o3} and {@code opc} fields. */
    enum AtomicOp {
        ADD(0, 0), CLR(0, 1), EOR(0, 2), SET(0, 3), SMAX(0, 4), SMIN(0, 5), UMAX(0, 6), UMIN(0, 7), SWP(1, 0);

        final int o3;
        final int opc;

        AtomicOp(int o3, int opc) {
            this.o3 = o3;
            this.opc = opc;
        }

        /** The mnemonic with {@code ordering} and {@code width}, such as {@code ldaddalb} or {@code swpl}. */
        public String mnemonic(Ordering ordering, AtomicWidth width) {
            String stem = this == SWP ? "swp" : "ld" + name().toLowerCase(java.util.Locale.ROOT);
            return stem + ordering.suffix + width.suffix;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Single registers: Load/store register (unsigned immediate, unscaled immediate, pre/post-indexed,
    // register offset), C4.1.66.

    /** {@code ldr wt|xt, address}: load a 32- or 64-bit register. */
    default A64Assembler ldr(GpRegister rt, Address address) {
        return loadStore(rt.is64() ? MemoryEncoders.LDR_X : MemoryEncoders.LDR_W, gpData("ldr", rt), address);
    }

    /** {@code str wt|xt, address}: store a 32- or 64-bit register. */
    default A64Assembler str(GpRegister rt, Address address) {
        return loadStore(rt.is64() ? MemoryEncoders.STR_X : MemoryEncoders.STR_W, gpData("str", rt), address);
    }

    /** {@code ldrb wt, address}: load a byte, zero-extended. */
    default A64Assembler ldrb(GpRegister wt, Address address) {
        return loadStore(MemoryEncoders.LDRB, gpData32("ldrb", wt), address);
    }

    /** {@code strb wt, address}: store the low byte. */
    default A64Assembler strb(GpRegister wt, Address address) {
        return loadStore(MemoryEncoders.STRB, gpData32("strb", wt), address);
    }

    /** {@code ldrh wt, address}: load a halfword, zero-extended. */
    default A64Assembler ldrh(GpRegister wt, Address address) {
        return loadStore(MemoryEncoders.LDRH, gpData32("ldrh", wt), address);
    }

    /** {@code strh wt, address}: store the low halfword. */
    default A64Assembler strh(GpRegister wt, Address address) {
        return loadStore(MemoryEncoders.STRH, gpData32("strh", wt), address);
    }

    /** {@code ldrsb wt|xt, address}: load a byte, sign-extended to 32 or 64 bits. */
    default A64Assembler ldrsb(GpRegister rt, Address address) {
        return loadStore(rt.is64() ? MemoryEncoders.LDRSB_X : MemoryEncoders.LDRSB_W, gpData("ldrsb", rt), address);
    }

    /** {@code ldrsh wt|xt, address}: load a halfword, sign-extended to 32 or 64 bits. */
    default A64Assembler ldrsh(GpRegister rt, Address address) {
        return loadStore(rt.is64() ? MemoryEncoders.LDRSH_X : MemoryEncoders.LDRSH_W, gpData("ldrsh", rt), address);
    }

    /** {@code ldrsw xt, address}: load a word, sign-extended to 64 bits. */
    default A64Assembler ldrsw(GpRegister xt, Address address) {
        return loadStore(MemoryEncoders.LDRSW, gpData64("ldrsw", xt), address);
    }

    /** {@code ldr bt|ht|st|dt|qt, address}: load an FP/SIMD register. */
    default A64Assembler ldr(FpRegister rt, Address address) {
        return loadStore(MemoryEncoders.fp(rt.width(), true), rt.code(), address);
    }

    /** {@code str bt|ht|st|dt|qt, address}: store an FP/SIMD register. */
    default A64Assembler str(FpRegister rt, Address address) {
        return loadStore(MemoryEncoders.fp(rt.width(), false), rt.code(), address);
    }

    /** {@code ldur wt|xt, [xn{, #-256..255}]}: Load/store register (unscaled immediate). */
    default A64Assembler ldur(GpRegister rt, Address address) {
        return unscaled(rt.is64() ? MemoryEncoders.LDR_X : MemoryEncoders.LDR_W, gpData("ldur", rt), address);
    }

    /** {@code stur wt|xt, [xn{, #-256..255}]}. */
    default A64Assembler stur(GpRegister rt, Address address) {
        return unscaled(rt.is64() ? MemoryEncoders.STR_X : MemoryEncoders.STR_W, gpData("stur", rt), address);
    }

    /** {@code ldurb wt, [xn{, #-256..255}]}. */
    default A64Assembler ldurb(GpRegister wt, Address address) {
        return unscaled(MemoryEncoders.LDRB, gpData32("ldurb", wt), address);
    }

    /** {@code sturb wt, [xn{, #-256..255}]}. */
    default A64Assembler sturb(GpRegister wt, Address address) {
        return unscaled(MemoryEncoders.STRB, gpData32("sturb", wt), address);
    }

    /** {@code ldurh wt, [xn{, #-256..255}]}. */
    default A64Assembler ldurh(GpRegister wt, Address address) {
        return unscaled(MemoryEncoders.LDRH, gpData32("ldurh", wt), address);
    }

    /** {@code sturh wt, [xn{, #-256..255}]}. */
    default A64Assembler sturh(GpRegister wt, Address address) {
        return unscaled(MemoryEncoders.STRH, gpData32("sturh", wt), address);
    }

    /** {@code ldursb wt|xt, [xn{, #-256..255}]}. */
    default A64Assembler ldursb(GpRegister rt, Address address) {
        return unscaled(rt.is64() ? MemoryEncoders.LDRSB_X : MemoryEncoders.LDRSB_W, gpData("ldursb", rt), address);
    }

    /** {@code ldursh wt|xt, [xn{, #-256..255}]}. */
    default A64Assembler ldursh(GpRegister rt, Address address) {
        return unscaled(rt.is64() ? MemoryEncoders.LDRSH_X : MemoryEncoders.LDRSH_W, gpData("ldursh", rt), address);
    }

    /** {@code ldursw xt, [xn{, #-256..255}]}. */
    default A64Assembler ldursw(GpRegister xt, Address address) {
        return unscaled(MemoryEncoders.LDRSW, gpData64("ldursw", xt), address);
    }

    /** {@code ldur bt..qt, [xn{, #-256..255}]}. */
    default A64Assembler ldur(FpRegister rt, Address address) {
        return unscaled(MemoryEncoders.fp(rt.width(), true), rt.code(), address);
    }

    /** {@code stur bt..qt, [xn{, #-256..255}]}. */
    default A64Assembler stur(FpRegister rt, Address address) {
        return unscaled(MemoryEncoders.fp(rt.width(), false), rt.code(), address);
    }

    // ---------------------------------------------------------------------------------------------
    // Load register (literal), C4.1.66: PC-relative, ±1 MiB, word aligned.

    /** {@code ldr wt|xt, label}: load from a PC-relative label within ±1 MiB. */
    default A64Assembler ldr(GpRegister rt, Label label) {
        int word = MemoryEncoders.loadLiteral(rt.sf(), 0, 0, gpData("ldr", rt));
        return emitLabelUse(word, label, LabelUse.BRANCH19);
    }

    /** {@code ldrsw xt, label}: load a word from a PC-relative label, sign-extended. */
    default A64Assembler ldrsw(GpRegister xt, Label label) {
        int word = MemoryEncoders.loadLiteral(0b10, 0, 0, gpData64("ldrsw", xt));
        return emitLabelUse(word, label, LabelUse.BRANCH19);
    }

    /** {@code ldr st|dt|qt, label}: load an FP/SIMD register from a PC-relative label. */
    default A64Assembler ldr(FpRegister rt, Label label) {
        int word = MemoryEncoders.loadLiteral(literalOpc("ldr", rt), 1, 0, rt.code());
        return emitLabelUse(word, label, LabelUse.BRANCH19);
    }

    /** {@code ldr wt|xt, #offset}: load from {@code offset} bytes after this instruction (a multiple of 4 within ±1 MiB). */
    default A64Assembler ldrPcRelative(GpRegister rt, long offset) {
        return emit(MemoryEncoders.loadLiteral(rt.sf(), 0, literalField("ldr", offset), gpData("ldr", rt)));
    }

    /** {@code ldrsw xt, #offset}. */
    default A64Assembler ldrswPcRelative(GpRegister xt, long offset) {
        return emit(MemoryEncoders.loadLiteral(0b10, 0, literalField("ldrsw", offset), gpData64("ldrsw", xt)));
    }

    /** {@code ldr st|dt|qt, #offset}. */
    default A64Assembler ldrPcRelative(FpRegister rt, long offset) {
        return emit(MemoryEncoders.loadLiteral(literalOpc("ldr", rt), 1, literalField("ldr", offset), rt.code()));
    }

    /**
     * {@code ldr wt|xt, =value} always through the literal pool: an 8-byte entry for {@code x}, a
     * 4-byte entry for {@code w} (value -2^31..2^32-1), shared with equal earlier entries, placed at
     * {@link A64Assembler#pool()}, at {@link A64Assembler#finish()}, or early behind a branch.
     * (The text syntax {@code ldr x0, =value} uses {@code movz} instead when one chunk suffices, as LLVM does.)
     */
    default A64Assembler ldrLiteral(GpRegister rt, long value) {
        int code = gpData("ldr", rt);
        if (!rt.is64()) {
            Check.range("ldr", "32-bit literal", value, Integer.MIN_VALUE, 0xffff_ffffL);
        }
        Label entry = ((A64Assembler) this).literalPool().entry(value, rt.is64() ? 8 : 4);
        int word = MemoryEncoders.loadLiteral(rt.sf(), 0, 0, code);
        return emitLabelUse(word, entry, LabelUse.BRANCH19);
    }

    /**
     * {@code ldr st|dt, =bits}: loads the raw bits of a float (4-byte entry) or double (8-byte
     * entry) from the literal pool; see {@link Float#floatToRawIntBits} and {@link Double#doubleToRawLongBits}.
     */
    default A64Assembler ldrLiteral(FpRegister rt, long bits) {
        Check.width("ldr", "destination", rt, FpWidth.S, FpWidth.D);
        if (rt.width() == FpWidth.S) {
            Check.range("ldr", "32-bit literal", bits, Integer.MIN_VALUE, 0xffff_ffffL);
        }
        Label entry = ((A64Assembler) this).literalPool().entry(bits, rt.width().bytes());
        int word = MemoryEncoders.loadLiteral(literalOpc("ldr", rt), 1, 0, rt.code());
        return emitLabelUse(word, entry, LabelUse.BRANCH19);
    }

    // ---------------------------------------------------------------------------------------------
    // Pairs: Load/store register pair (signed offset, pre-indexed, post-indexed) and no-allocate
    // pair (offset), C4.1.66. The offset is a multiple of the register size in -64..63 of them.

    /** {@code ldp wt1, wt2, address} or with x registers. */
    default A64Assembler ldp(GpRegister rt1, GpRegister rt2, Address address) {
        return gpPair("ldp", 1, rt1.is64() ? 0b10 : 0b00, rt1, rt2, address, false);
    }

    /** {@code stp wt1, wt2, address} or with x registers. */
    default A64Assembler stp(GpRegister rt1, GpRegister rt2, Address address) {
        return gpPair("stp", 0, rt1.is64() ? 0b10 : 0b00, rt1, rt2, address, false);
    }

    /** {@code ldpsw xt1, xt2, address}: load two words, sign-extended. */
    default A64Assembler ldpsw(GpRegister xt1, GpRegister xt2, Address address) {
        gpData64("ldpsw", xt1);
        return gpPair("ldpsw", 1, 0b01, xt1, xt2, address, false);
    }

    /** {@code ldnp} (no-allocate hint), offset form only. */
    default A64Assembler ldnp(GpRegister rt1, GpRegister rt2, Address address) {
        return gpPair("ldnp", 1, rt1.is64() ? 0b10 : 0b00, rt1, rt2, address, true);
    }

    /** {@code stnp} (no-allocate hint), offset form only. */
    default A64Assembler stnp(GpRegister rt1, GpRegister rt2, Address address) {
        return gpPair("stnp", 0, rt1.is64() ? 0b10 : 0b00, rt1, rt2, address, true);
    }

    /** {@code ldp st1, st2, address} (also d and q). */
    default A64Assembler ldp(FpRegister rt1, FpRegister rt2, Address address) {
        return fpPair("ldp", 1, rt1, rt2, address, false);
    }

    /** {@code stp st1, st2, address} (also d and q). */
    default A64Assembler stp(FpRegister rt1, FpRegister rt2, Address address) {
        return fpPair("stp", 0, rt1, rt2, address, false);
    }

    /** {@code ldnp st1, st2, address} (also d and q), offset form only. */
    default A64Assembler ldnp(FpRegister rt1, FpRegister rt2, Address address) {
        return fpPair("ldnp", 1, rt1, rt2, address, true);
    }

    /** {@code stnp st1, st2, address} (also d and q), offset form only. */
    default A64Assembler stnp(FpRegister rt1, FpRegister rt2, Address address) {
        return fpPair("stnp", 0, rt1, rt2, address, true);
    }

    // ---------------------------------------------------------------------------------------------
    // Load/store exclusive register and pair, load-acquire/store-release register, C4.1.66.
    // The base is x0..x30 or sp.

    /** {@code ldxr wt|xt, [xn]}. */
    default A64Assembler ldxr(GpRegister rt, GpRegister rn) {
        return exclusiveLoad("ldxr", -1, 0, 0, rt, rn);
    }

    /** {@code ldxrb wt, [xn]}. */
    default A64Assembler ldxrb(GpRegister wt, GpRegister rn) {
        return exclusiveLoad("ldxrb", 0, 0, 0, wt, rn);
    }

    /** {@code ldxrh wt, [xn]}. */
    default A64Assembler ldxrh(GpRegister wt, GpRegister rn) {
        return exclusiveLoad("ldxrh", 1, 0, 0, wt, rn);
    }

    /** {@code ldaxr wt|xt, [xn]}: load-acquire exclusive. */
    default A64Assembler ldaxr(GpRegister rt, GpRegister rn) {
        return exclusiveLoad("ldaxr", -1, 0, 1, rt, rn);
    }

    /** {@code ldaxrb wt, [xn]}. */
    default A64Assembler ldaxrb(GpRegister wt, GpRegister rn) {
        return exclusiveLoad("ldaxrb", 0, 0, 1, wt, rn);
    }

    /** {@code ldaxrh wt, [xn]}. */
    default A64Assembler ldaxrh(GpRegister wt, GpRegister rn) {
        return exclusiveLoad("ldaxrh", 1, 0, 1, wt, rn);
    }

    /** {@code ldar wt|xt, [xn]}: load-acquire. */
    default A64Assembler ldar(GpRegister rt, GpRegister rn) {
        return exclusiveLoad("ldar", -1, 1, 1, rt, rn);
    }

    /** {@code ldarb wt, [xn]}. */
    default A64Assembler ldarb(GpRegister wt, GpRegister rn) {
        return exclusiveLoad("ldarb", 0, 1, 1, wt, rn);
    }

    /** {@code ldarh wt, [xn]}. */
    default A64Assembler ldarh(GpRegister wt, GpRegister rn) {
        return exclusiveLoad("ldarh", 1, 1, 1, wt, rn);
    }

    /** {@code stlr wt|xt, [xn]}: store-release. */
    default A64Assembler stlr(GpRegister rt, GpRegister rn) {
        return storeRelease("stlr", -1, rt, rn);
    }

    /** {@code stlrb wt, [xn]}. */
    default A64Assembler stlrb(GpRegister wt, GpRegister rn) {
        return storeRelease("stlrb", 0, wt, rn);
    }

    /** {@code stlrh wt, [xn]}. */
    default A64Assembler stlrh(GpRegister wt, GpRegister rn) {
        return storeRelease("stlrh", 1, wt, rn);
    }

    /** {@code stxr ws, wt|xt, [xn]}: store exclusive; {@code ws} receives 0 on success. */
    default A64Assembler stxr(GpRegister ws, GpRegister rt, GpRegister rn) {
        return exclusiveStore("stxr", -1, 0, ws, rt, rn);
    }

    /** {@code stxrb ws, wt, [xn]}. */
    default A64Assembler stxrb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return exclusiveStore("stxrb", 0, 0, ws, wt, rn);
    }

    /** {@code stxrh ws, wt, [xn]}. */
    default A64Assembler stxrh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return exclusiveStore("stxrh", 1, 0, ws, wt, rn);
    }

    /** {@code stlxr ws, wt|xt, [xn]}: store-release exclusive. */
    default A64Assembler stlxr(GpRegister ws, GpRegister rt, GpRegister rn) {
        return exclusiveStore("stlxr", -1, 1, ws, rt, rn);
    }

    /** {@code stlxrb ws, wt, [xn]}. */
    default A64Assembler stlxrb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return exclusiveStore("stlxrb", 0, 1, ws, wt, rn);
    }

    /** {@code stlxrh ws, wt, [xn]}. */
    default A64Assembler stlxrh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return exclusiveStore("stlxrh", 1, 1, ws, wt, rn);
    }

    /** {@code ldxp wt1, wt2, [xn]} or with x registers. */
    default A64Assembler ldxp(GpRegister rt1, GpRegister rt2, GpRegister rn) {
        return exclusivePair("ldxp", 1, 0, Registers.WZR, rt1, rt2, rn);
    }

    /** {@code ldaxp wt1, wt2, [xn]} or with x registers. */
    default A64Assembler ldaxp(GpRegister rt1, GpRegister rt2, GpRegister rn) {
        return exclusivePair("ldaxp", 1, 1, Registers.WZR, rt1, rt2, rn);
    }

    /** {@code stxp ws, wt1, wt2, [xn]} or with x data registers. */
    default A64Assembler stxp(GpRegister ws, GpRegister rt1, GpRegister rt2, GpRegister rn) {
        return exclusivePair("stxp", 0, 0, ws, rt1, rt2, rn);
    }

    /** {@code stlxp ws, wt1, wt2, [xn]} or with x data registers. */
    default A64Assembler stlxp(GpRegister ws, GpRegister rt1, GpRegister rt2, GpRegister rn) {
        return exclusivePair("stlxp", 0, 1, ws, rt1, rt2, rn);
    }

    // ---------------------------------------------------------------------------------------------
    // Compare and swap (FEAT_LSE), in the Load/store exclusive class, C4.1.66.

    /**
     * {@code cas{a,al,l}{b,h} rs, rt, [xn]}: if the memory at {@code xn} equals {@code rs}, store
     * {@code rt}; {@code rs} receives the old value. For {@link AtomicWidth#REGISTER} both are w or both x.
     */
    default A64Assembler compareAndSwap(Ordering ordering, AtomicWidth width, GpRegister rs, GpRegister rt,
            GpRegister rn) {
        String insn = "cas" + ordering.suffix + width.suffix;
        int size = atomicSize(insn, width, rs, rt);
        int word = MemoryEncoders.loadStoreExclusive(size, 1, ordering.acquire, 1, Check.noSp(insn, "compare register", rs),
                ordering.release, 31, base(insn, rn), Check.noSp(insn, "new value register", rt));
        return emit(word);
    }

    /** {@code cas rs, rt, [xn]}. */
    default A64Assembler cas(GpRegister rs, GpRegister rt, GpRegister rn) {
        return compareAndSwap(Ordering.RELAXED, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code casa rs, rt, [xn]}. */
    default A64Assembler casa(GpRegister rs, GpRegister rt, GpRegister rn) {
        return compareAndSwap(Ordering.ACQUIRE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code casal rs, rt, [xn]}. */
    default A64Assembler casal(GpRegister rs, GpRegister rt, GpRegister rn) {
        return compareAndSwap(Ordering.ACQUIRE_RELEASE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code casl rs, rt, [xn]}. */
    default A64Assembler casl(GpRegister rs, GpRegister rt, GpRegister rn) {
        return compareAndSwap(Ordering.RELEASE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code casb ws, wt, [xn]}. */
    default A64Assembler casb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.RELAXED, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code casalb ws, wt, [xn]}. */
    default A64Assembler casalb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.ACQUIRE_RELEASE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code cash ws, wt, [xn]}. */
    default A64Assembler cash(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.RELAXED, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code casalh ws, wt, [xn]}. */
    default A64Assembler casalh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.ACQUIRE_RELEASE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /**
     * {@code casp{a,al,l} rs, rs+1, rt, rt+1, [xn]}: compare and swap a pair of consecutive
     * registers (Compare and swap pair, FEAT_LSE); {@code rs} and {@code rt} are even, all four
     * registers w or all x ({@code x30} pairs with {@code xzr}).
     */
    default A64Assembler compareAndSwapPair(Ordering ordering, GpRegister rs, GpRegister rs1, GpRegister rt,
            GpRegister rt1, GpRegister rn) {
        String insn = "casp" + ordering.suffix;
        Check.sameWidth(insn, rs, rs1, rt, rt1);
        int s = evenPair(insn, "compare", rs, rs1);
        int t = evenPair(insn, "new value", rt, rt1);
        return emit(MemoryEncoders.loadStoreExclusive(rs.is64() ? 1 : 0, 0, ordering.acquire, 1, s, ordering.release,
                31, base(insn, rn), t));
    }

    /** {@code casp rs, rs+1, rt, rt+1, [xn]}. */
    default A64Assembler casp(GpRegister rs, GpRegister rs1, GpRegister rt, GpRegister rt1, GpRegister rn) {
        return compareAndSwapPair(Ordering.RELAXED, rs, rs1, rt, rt1, rn);
    }

    /** {@code caspa rs, rs+1, rt, rt+1, [xn]}. */
    default A64Assembler caspa(GpRegister rs, GpRegister rs1, GpRegister rt, GpRegister rt1, GpRegister rn) {
        return compareAndSwapPair(Ordering.ACQUIRE, rs, rs1, rt, rt1, rn);
    }

    /** {@code caspal rs, rs+1, rt, rt+1, [xn]}. */
    default A64Assembler caspal(GpRegister rs, GpRegister rs1, GpRegister rt, GpRegister rt1, GpRegister rn) {
        return compareAndSwapPair(Ordering.ACQUIRE_RELEASE, rs, rs1, rt, rt1, rn);
    }

    /** {@code caspl rs, rs+1, rt, rt+1, [xn]}. */
    default A64Assembler caspl(GpRegister rs, GpRegister rs1, GpRegister rt, GpRegister rt1, GpRegister rn) {
        return compareAndSwapPair(Ordering.RELEASE, rs, rs1, rt, rt1, rn);
    }

    // ---------------------------------------------------------------------------------------------
    // Atomic memory operations (FEAT_LSE), C4.1.66.

    /**
     * {@code ld<op>{a,al,l}{b,h} rs, rt, [xn]} and {@code swp...}: atomically combine the memory at
     * {@code xn} with {@code rs} (or replace it, for {@link AtomicOp#SWP}); {@code rt} receives the
     * old value. For {@link AtomicWidth#REGISTER} both are w or both x.
     */
    default A64Assembler atomic(AtomicOp op, Ordering ordering, AtomicWidth width, GpRegister rs, GpRegister rt,
            GpRegister rn) {
        String insn = op.mnemonic(ordering, width);
        int size = atomicSize(insn, width, rs, rt);
        int word = MemoryEncoders.atomicMemory(size, ordering.acquire, ordering.release, Check.noSp(insn, "source register", rs),
                op.o3, op.opc, base(insn, rn), Check.noSp(insn, "destination register", rt));
        return emit(word);
    }

    /**
     * {@code st<op>{l}{b,h} rs, [xn]}: the atomic without the old value (its destination is the
     * zero register). Only {@link Ordering#RELAXED} and {@link Ordering#RELEASE} exist.
     */
    default A64Assembler atomicStore(AtomicOp op, Ordering ordering, AtomicWidth width, GpRegister rs, GpRegister rn) {
        String insn = "st" + op.name().toLowerCase(java.util.Locale.ROOT) + ordering.suffix + width.suffix;
        if (op == AtomicOp.SWP) {
            throw new A64EncodingException(insn + ": swp has no store form; allowed add, clr, eor, set, smax, smin, umax, umin");
        }
        if (ordering == Ordering.ACQUIRE || ordering == Ordering.ACQUIRE_RELEASE) {
            throw new A64EncodingException(insn + ": ordering " + ordering
                    + " is not allowed for an atomic store; allowed RELAXED, RELEASE");
        }
        GpRegister zero = GpRegister.zeroRegister(rs.is64() && width == AtomicWidth.REGISTER);
        return atomic(op, ordering, width, rs, zero, rn);
    }

    /** {@code ldadd rs, rt, [xn]}: atomic add. */
    default A64Assembler ldadd(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.RELAXED, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code ldadda rs, rt, [xn]}. */
    default A64Assembler ldadda(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.ACQUIRE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code ldaddal rs, rt, [xn]}. */
    default A64Assembler ldaddal(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.ACQUIRE_RELEASE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code ldaddl rs, rt, [xn]}. */
    default A64Assembler ldaddl(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.RELEASE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code ldaddb ws, wt, [xn]}. */
    default A64Assembler ldaddb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.RELAXED, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code ldaddh ws, wt, [xn]}. */
    default A64Assembler ldaddh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.RELAXED, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code stadd rs, [xn]}: atomic add without the old value. */
    default A64Assembler stadd(GpRegister rs, GpRegister rn) {
        return atomicStore(AtomicOp.ADD, Ordering.RELAXED, AtomicWidth.REGISTER, rs, rn);
    }

    /** {@code staddl rs, [xn]}. */
    default A64Assembler staddl(GpRegister rs, GpRegister rn) {
        return atomicStore(AtomicOp.ADD, Ordering.RELEASE, AtomicWidth.REGISTER, rs, rn);
    }

    /** {@code swp rs, rt, [xn]}: atomic swap. */
    default A64Assembler swp(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.RELAXED, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code swpa rs, rt, [xn]}. */
    default A64Assembler swpa(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.ACQUIRE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code swpal rs, rt, [xn]}. */
    default A64Assembler swpal(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.ACQUIRE_RELEASE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code swpl rs, rt, [xn]}. */
    default A64Assembler swpl(GpRegister rs, GpRegister rt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.RELEASE, AtomicWidth.REGISTER, rs, rt, rn);
    }

    /** {@code swpb ws, wt, [xn]}. */
    default A64Assembler swpb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.RELAXED, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code swph ws, wt, [xn]}. */
    default A64Assembler swph(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.RELAXED, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code ldaddab ws, wt, [xn]}. */
    default A64Assembler ldaddab(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.ACQUIRE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code ldaddah ws, wt, [xn]}. */
    default A64Assembler ldaddah(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.ACQUIRE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code ldaddalb ws, wt, [xn]}. */
    default A64Assembler ldaddalb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.ACQUIRE_RELEASE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code ldaddalh ws, wt, [xn]}. */
    default A64Assembler ldaddalh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.ACQUIRE_RELEASE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code ldaddlb ws, wt, [xn]}. */
    default A64Assembler ldaddlb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.RELEASE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code ldaddlh ws, wt, [xn]}. */
    default A64Assembler ldaddlh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.ADD, Ordering.RELEASE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code swpab ws, wt, [xn]}. */
    default A64Assembler swpab(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.ACQUIRE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code swpah ws, wt, [xn]}. */
    default A64Assembler swpah(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.ACQUIRE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code swpalb ws, wt, [xn]}. */
    default A64Assembler swpalb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.ACQUIRE_RELEASE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code swpalh ws, wt, [xn]}. */
    default A64Assembler swpalh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.ACQUIRE_RELEASE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code swplb ws, wt, [xn]}. */
    default A64Assembler swplb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.RELEASE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code swplh ws, wt, [xn]}. */
    default A64Assembler swplh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return atomic(AtomicOp.SWP, Ordering.RELEASE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code casab ws, wt, [xn]}. */
    default A64Assembler casab(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.ACQUIRE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code casah ws, wt, [xn]}. */
    default A64Assembler casah(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.ACQUIRE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code caslb ws, wt, [xn]}. */
    default A64Assembler caslb(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.RELEASE, AtomicWidth.BYTE, ws, wt, rn);
    }

    /** {@code caslh ws, wt, [xn]}. */
    default A64Assembler caslh(GpRegister ws, GpRegister wt, GpRegister rn) {
        return compareAndSwap(Ordering.RELEASE, AtomicWidth.HALFWORD, ws, wt, rn);
    }

    /** {@code staddb ws, [xn]}. */
    default A64Assembler staddb(GpRegister ws, GpRegister rn) {
        return atomicStore(AtomicOp.ADD, Ordering.RELAXED, AtomicWidth.BYTE, ws, rn);
    }

    /** {@code staddh ws, [xn]}. */
    default A64Assembler staddh(GpRegister ws, GpRegister rn) {
        return atomicStore(AtomicOp.ADD, Ordering.RELAXED, AtomicWidth.HALFWORD, ws, rn);
    }

    /** {@code staddlb ws, [xn]}. */
    default A64Assembler staddlb(GpRegister ws, GpRegister rn) {
        return atomicStore(AtomicOp.ADD, Ordering.RELEASE, AtomicWidth.BYTE, ws, rn);
    }

    /** {@code staddlh ws, [xn]}. */
    default A64Assembler staddlh(GpRegister ws, GpRegister rn) {
        return atomicStore(AtomicOp.ADD, Ordering.RELEASE, AtomicWidth.HALFWORD, ws, rn);
    }

    // ---------------------------------------------------------------------------------------------
    // Shared checks and field computations.

    private static int gpData(String insn, GpRegister rt) {
        return Check.noSp(insn, "data register", rt);
    }

    private static int gpData32(String insn, GpRegister rt) {
        Check.is32(insn, "data register", rt);
        return Check.noSp(insn, "data register", rt);
    }

    private static int gpData64(String insn, GpRegister rt) {
        Check.is64(insn, "data register", rt);
        return Check.noSp(insn, "data register", rt);
    }

    private static int base(String insn, GpRegister rn) {
        Check.is64(insn, "base register", rn);
        return Check.noZr(insn, "base register", rn);
    }

    private static int literalOpc(String insn, FpRegister rt) {
        Check.width(insn, "destination", rt, FpWidth.S, FpWidth.D, FpWidth.Q);
        return switch (rt.width()) {
            case S -> 0b00;
            case D -> 0b01;
            default -> 0b10;
        };
    }

    private static int literalField(String insn, long offset) {
        Check.scaled(insn, "PC-relative offset", offset, -LabelUse.BRANCH19.maxBackward(), LabelUse.BRANCH19.maxForward(), 4);
        return (int) (offset >> 2);
    }

    private A64Assembler loadStore(Access access, int rt, Address address) {
        int base = address.base().code();
        return switch (address) {
            case Address.Offset o -> {
                long offset = o.offset();
                long unit = 1L << access.scale();
                if (offset >= 0 && offset % unit == 0 && offset <= 4095 * unit) {
                    yield emit(MemoryEncoders.loadStoreUnsignedImmediate(access.size(), access.v(), access.opc(),
                            (int) (offset >> access.scale()), base, rt));
                }
                if (offset >= -256 && offset <= 255) {
                    yield emit(MemoryEncoders.loadStoreImmediate9(access.size(), access.v(), access.opc(), (int) offset,
                            MemoryEncoders.IMM9_UNSCALED, base, rt));
                }
                throw new A64EncodingException(access.name() + ": offset " + offset + " is out of range"
                        + (offset % unit != 0 ? " and not a multiple of " + unit : "") + "; allowed multiples of "
                        + unit + " in 0.." + 4095 * unit + ", or -256..255 (as " + access.unscaledName() + ")");
            }
            case Address.PreIndex p when writeBackClash(access.v(), rt, base) -> throw writeBackError(access.name(), rt, p);
            case Address.PostIndex p when writeBackClash(access.v(), rt, base) -> throw writeBackError(access.name(), rt, p);
            case Address.PreIndex p -> emit(MemoryEncoders.loadStoreImmediate9(access.size(), access.v(), access.opc(),
                    (int) Check.range(access.name(), "pre-index offset", p.offset(), -256, 255),
                    MemoryEncoders.IMM9_PRE_INDEX, base, rt));
            case Address.PostIndex p -> emit(MemoryEncoders.loadStoreImmediate9(access.size(), access.v(), access.opc(),
                    (int) Check.range(access.name(), "post-index offset", p.offset(), -256, 255),
                    MemoryEncoders.IMM9_POST_INDEX, base, rt));
            case Address.Indexed x -> {
                int scale = access.scale();
                if (x.amountWritten() && x.amount() != 0 && x.amount() != scale) {
                    throw new A64EncodingException(access.name() + ": index shift amount " + x.amount()
                            + " is not allowed; allowed 0 or " + scale + " (log2 of the " + (1 << scale)
                            + "-byte access)");
                }
                int s = scale == 0 ? (x.amountWritten() ? 1 : 0) : (x.amount() == scale ? 1 : 0);
                yield emit(MemoryEncoders.loadStoreRegisterOffset(access.size(), access.v(), access.opc(),
                        x.index().code(), x.extend().code(), s, base, rt));
            }
        };
    }

    private static boolean writeBackClash(int v, int rt, int base) {
        return v == 0 && rt == base && base != 31;
    }

    private static A64EncodingException writeBackError(String insn, int rt, Address address) {
        return new A64EncodingException(insn + ": data register number " + rt + " is also the written-back base "
                + address.base().name() + " (unpredictable); allowed a data register other than the base");
    }

    private A64Assembler unscaled(Access access, int rt, Address address) {
        if (!(address instanceof Address.Offset o)) {
            throw new A64EncodingException(access.unscaledName() + ": address " + address
                    + " is not allowed; allowed [xn{, #offset}] with offset -256..255");
        }
        int imm9 = (int) Check.range(access.unscaledName(), "offset", o.offset(), -256, 255);
        return emit(MemoryEncoders.loadStoreImmediate9(access.size(), access.v(), access.opc(), imm9,
                MemoryEncoders.IMM9_UNSCALED, o.base().code(), rt));
    }

    private A64Assembler gpPair(String insn, int load, int opc, GpRegister rt1, GpRegister rt2, Address address,
            boolean noAllocate) {
        Check.sameWidth(insn, rt1, rt2);
        int t1 = gpData(insn, rt1);
        int t2 = Check.noSp(insn, "second data register", rt2);
        int scale = opc == 0b10 ? 3 : 2;
        return pair(insn, opc, 0, load, scale, t1, t2, address, noAllocate);
    }

    private A64Assembler fpPair(String insn, int load, FpRegister rt1, FpRegister rt2, Address address,
            boolean noAllocate) {
        Check.width(insn, "first register", rt1, FpWidth.S, FpWidth.D, FpWidth.Q);
        if (rt2.width() != rt1.width()) {
            throw new A64EncodingException(insn + ": registers " + rt1.name() + ", " + rt2.name()
                    + " have different widths; allowed both s, both d or both q");
        }
        int scale = rt1.width().log2Bytes();
        return pair(insn, scale - 2, 1, load, scale, rt1.code(), rt2.code(), address, noAllocate);
    }

    private A64Assembler pair(String insn, int opc, int v, int load, int scale, int rt1, int rt2, Address address,
            boolean noAllocate) {
        if (load == 1 && !noAllocate && rt1 == rt2) {
            throw new A64EncodingException(insn + ": both destination registers are number " + rt1
                    + " (unpredictable); allowed two different registers");
        }
        if (v == 0 && !(address instanceof Address.Offset) && (rt1 == address.base().code() || rt2 == address.base().code())
                && address.base().code() != 31) {
            throw writeBackError(insn, rt1 == address.base().code() ? rt1 : rt2, address);
        }
        long unit = 1L << scale;
        long min = -64 * unit;
        long max = 63 * unit;
        int kind;
        long offset;
        switch (address) {
            case Address.Offset o -> {
                kind = noAllocate ? MemoryEncoders.PAIR_NO_ALLOCATE : MemoryEncoders.PAIR_OFFSET;
                offset = Check.scaled(insn, "offset", o.offset(), min, max, unit);
            }
            case Address.PreIndex p when !noAllocate -> {
                kind = MemoryEncoders.PAIR_PRE_INDEX;
                offset = Check.scaled(insn, "pre-index offset", p.offset(), min, max, unit);
            }
            case Address.PostIndex p when !noAllocate -> {
                kind = MemoryEncoders.PAIR_POST_INDEX;
                offset = Check.scaled(insn, "post-index offset", p.offset(), min, max, unit);
            }
            default -> throw new A64EncodingException(insn + ": address " + address + " is not allowed; allowed "
                    + (noAllocate ? "[xn{, #offset}]" : "[xn{, #offset}], [xn, #offset]! or [xn], #offset"));
        }
        return emit(MemoryEncoders.loadStorePair(opc, v, kind, load, (int) (offset >> scale), rt2,
                address.base().code(), rt1));
    }

    private static int exclusiveSize(String insn, int size, GpRegister rt) {
        if (size >= 0) {
            Check.is32(insn, "data register", rt);
            return size;
        }
        return rt.is64() ? 3 : 2;
    }

    private A64Assembler exclusiveLoad(String insn, int size, int o2, int o0, GpRegister rt, GpRegister rn) {
        int t = gpData(insn, rt);
        int sz = exclusiveSize(insn, size, rt);
        return emit(MemoryEncoders.loadStoreExclusive(sz, o2, 1, 0, 31, o0, 31, base(insn, rn), t));
    }

    private A64Assembler storeRelease(String insn, int size, GpRegister rt, GpRegister rn) {
        int t = gpData(insn, rt);
        int sz = exclusiveSize(insn, size, rt);
        return emit(MemoryEncoders.loadStoreExclusive(sz, 1, 0, 0, 31, 1, 31, base(insn, rn), t));
    }

    private A64Assembler exclusiveStore(String insn, int size, int o0, GpRegister ws, GpRegister rt, GpRegister rn) {
        int t = gpData(insn, rt);
        int sz = exclusiveSize(insn, size, rt);
        int s = status(insn, ws, rt, rn);
        return emit(MemoryEncoders.loadStoreExclusive(sz, 0, 0, 0, s, o0, 31, base(insn, rn), t));
    }

    private A64Assembler exclusivePair(String insn, int load, int o0, GpRegister ws, GpRegister rt1, GpRegister rt2,
            GpRegister rn) {
        Check.sameWidth(insn, rt1, rt2);
        int t1 = gpData(insn, rt1);
        int t2 = Check.noSp(insn, "second data register", rt2);
        int s = 31;
        if (load == 0) {
            s = status(insn, ws, rt1, rn);
            if (ws.code() == rt2.code()) {
                throw new A64EncodingException(insn + ": status register " + ws.name()
                        + " is also a data register; allowed a status register distinct from the data and base registers");
            }
        }
        return emit(MemoryEncoders.loadStoreExclusive(rt1.is64() ? 3 : 2, 0, load, 1, s, o0, t2, base(insn, rn), t1));
    }

    private static int status(String insn, GpRegister ws, GpRegister rt, GpRegister rn) {
        Check.is32(insn, "status register", ws);
        int s = Check.noSp(insn, "status register", ws);
        if (s == rt.code() || (s == rn.code() && !rn.isStackPointer())) {
            throw new A64EncodingException(insn + ": status register " + ws.name()
                    + " is also a data or base register; allowed a status register distinct from the data and base registers");
        }
        return s;
    }

    private static int evenPair(String insn, String role, GpRegister first, GpRegister second) {
        int code = Check.noSp(insn, role + " register", first);
        Check.noSp(insn, role + " register", second);
        if (code % 2 != 0 || second.code() != code + 1) {
            throw new A64EncodingException(insn + ": " + role + " registers " + first.name() + ", " + second.name()
                    + " are not an even/odd pair; allowed an even register and the next one, such as x0, x1");
        }
        return code;
    }

    private static int atomicSize(String insn, AtomicWidth width, GpRegister rs, GpRegister rt) {
        if (width != AtomicWidth.REGISTER) {
            Check.is32(insn, "first register", rs);
            Check.is32(insn, "second register", rt);
            return width.size;
        }
        Check.sameWidth(insn, rs, rt);
        return rs.is64() ? 3 : 2;
    }
}
