package dev.stitch.a64;

/**
 * Pure encoders for the loads and stores of the Arm ARM's "Loads and Stores" encoding group
 * (C4.1.66 in DDI 0487). One function per encoding class; each takes already-checked field
 * values whose parameter names say which bits they fill, and ORs them into the class's base word,
 * written as a binary literal grouped by field. Range checks live in {@link MemoryInstructions}.
 */
final class MemoryEncoders {
    private MemoryEncoders() {}

    /** Load/store register (unsigned immediate): size 111 V 01 opc imm12 Rn Rt. */
    static final int LDST_UNSIGNED_IMMEDIATE = 0b00_111_0_01_00_000000000000_00000_00000;

    /** Load/store register (unscaled immediate) and its pre/post-indexed forms: size 111 V 00 opc 0 imm9 op Rn Rt. */
    static final int LDST_IMMEDIATE9 = 0b00_111_0_00_00_0_000000000_00_00000_00000;

    /** Load/store register (register offset): size 111 V 00 opc 1 Rm option S 10 Rn Rt. */
    static final int LDST_REGISTER_OFFSET = 0b00_111_0_00_00_1_00000_000_0_10_00000_00000;

    /** Load register (literal): opc 011 V 00 imm19 Rt. */
    static final int LOAD_LITERAL = 0b00_011_0_00_0000000000000000000_00000;

    /** Load/store pair (all four kinds): opc 101 V kind L imm7 Rt2 Rn Rt. */
    static final int LDST_PAIR = 0b00_101_0_000_0_0000000_00000_00000_00000;

    /** Load/store exclusive and ordered, compare and swap: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt. */
    static final int LDST_EXCLUSIVE = 0b00_001000_0_0_0_00000_0_00000_00000_00000;

    /** Atomic memory operations (FEAT_LSE): size 111 V=0 00 A R 1 Rs o3 opc 00 Rn Rt. */
    static final int ATOMIC_MEMORY = 0b00_111_0_00_0_0_1_00000_0_000_00_00000_00000;

    /** Move wide (immediate), {@code movz}: sf 10 100101 hw imm16 Rd (used by {@code ldr xN, =value}). */
    static final int MOVZ = 0b0_10_100101_00_0000000000000000_00000;

    /** Pair kinds, bits [25:23] of Load/store pair. */
    static final int PAIR_NO_ALLOCATE = 0b000;
    static final int PAIR_POST_INDEX = 0b001;
    static final int PAIR_OFFSET = 0b010;
    static final int PAIR_PRE_INDEX = 0b011;

    /** The op field, bits [11:10], of the imm9 classes. */
    static final int IMM9_UNSCALED = 0b00;
    static final int IMM9_POST_INDEX = 0b01;
    static final int IMM9_PRE_INDEX = 0b11;

    /** Load/store register (unsigned immediate), C4.1.66. {@code imm12} is the offset divided by the access size. */
    static int loadStoreUnsignedImmediate(int size, int v, int opc, int imm12, int rn, int rt) {
        return LDST_UNSIGNED_IMMEDIATE | size << 30 | v << 26 | opc << 22 | (imm12 & 0xfff) << 10 | rn << 5 | rt;
    }

    /**
     * Load/store register (unscaled immediate), (immediate post-indexed), (immediate pre-indexed),
     * C4.1.66: the three share a layout and differ in {@code op} (bits [11:10]).
     */
    static int loadStoreImmediate9(int size, int v, int opc, int imm9, int op, int rn, int rt) {
        return LDST_IMMEDIATE9 | size << 30 | v << 26 | opc << 22 | (imm9 & 0x1ff) << 12 | op << 10 | rn << 5 | rt;
    }

    /** Load/store register (register offset), C4.1.66: {@code option} is the extend, {@code s} selects the scaled index. */
    static int loadStoreRegisterOffset(int size, int v, int opc, int rm, int option, int s, int rn, int rt) {
        return LDST_REGISTER_OFFSET | size << 30 | v << 26 | opc << 22 | rm << 16 | option << 13 | s << 12 | rn << 5 | rt;
    }

    /** Load register (literal), C4.1.66: {@code imm19} counts words from the instruction. */
    static int loadLiteral(int opc, int v, int imm19, int rt) {
        return LOAD_LITERAL | opc << 30 | v << 26 | (imm19 & 0x7ffff) << 5 | rt;
    }

    /**
     * Load/store no-allocate pair (offset), register pair (post-indexed), (signed offset),
     * (pre-indexed), C4.1.66: {@code kind} is bits [25:23], {@code imm7} the offset divided by the
     * register size.
     */
    static int loadStorePair(int opc, int v, int kind, int l, int imm7, int rt2, int rn, int rt) {
        return LDST_PAIR | opc << 30 | v << 26 | kind << 23 | l << 22 | (imm7 & 0x7f) << 15 | rt2 << 10 | rn << 5 | rt;
    }

    /** Load/store exclusive register/pair, load-acquire/store-release, compare and swap, C4.1.66. */
    static int loadStoreExclusive(int size, int o2, int l, int o1, int rs, int o0, int rt2, int rn, int rt) {
        return LDST_EXCLUSIVE | size << 30 | o2 << 23 | l << 22 | o1 << 21 | rs << 16 | o0 << 15 | rt2 << 10
                | rn << 5 | rt;
    }

    /** Atomic memory operations, C4.1.66: {@code a} acquire, {@code r} release, {@code o3:opc} the operation. */
    static int atomicMemory(int size, int a, int r, int rs, int o3, int opc, int rn, int rt) {
        return ATOMIC_MEMORY | size << 30 | a << 23 | r << 22 | rs << 16 | o3 << 15 | opc << 12 | rn << 5 | rt;
    }

    /** Move wide (immediate), {@code movz}, C4.1.65: {@code hw} is the shift divided by 16. */
    static int moveWideZero(int sf, int hw, int imm16, int rd) {
        return MOVZ | sf << 31 | hw << 21 | (imm16 & 0xffff) << 5 | rd;
    }

    /**
     * The fields that select one load/store of the register classes (unsigned immediate, imm9,
     * register offset): {@code size}, {@code V} and {@code opc}, with the names LLVM gives the
     * scaled and unscaled forms, the register it moves and log2 of the bytes accessed.
     */
    record Access(String name, String unscaledName, int size, int v, int opc, int scale, char registerPrefix) {
        /** True if the register moved is an FP/SIMD register. */
        boolean fp() {
            return v == 1;
        }
    }

    static final Access STRB = new Access("strb", "sturb", 0, 0, 0, 0, 'w');
    static final Access LDRB = new Access("ldrb", "ldurb", 0, 0, 1, 0, 'w');
    static final Access LDRSB_X = new Access("ldrsb", "ldursb", 0, 0, 2, 0, 'x');
    static final Access LDRSB_W = new Access("ldrsb", "ldursb", 0, 0, 3, 0, 'w');
    static final Access STRH = new Access("strh", "sturh", 1, 0, 0, 1, 'w');
    static final Access LDRH = new Access("ldrh", "ldurh", 1, 0, 1, 1, 'w');
    static final Access LDRSH_X = new Access("ldrsh", "ldursh", 1, 0, 2, 1, 'x');
    static final Access LDRSH_W = new Access("ldrsh", "ldursh", 1, 0, 3, 1, 'w');
    static final Access STR_W = new Access("str", "stur", 2, 0, 0, 2, 'w');
    static final Access LDR_W = new Access("ldr", "ldur", 2, 0, 1, 2, 'w');
    static final Access LDRSW = new Access("ldrsw", "ldursw", 2, 0, 2, 2, 'x');
    static final Access STR_X = new Access("str", "stur", 3, 0, 0, 3, 'x');
    static final Access LDR_X = new Access("ldr", "ldur", 3, 0, 1, 3, 'x');

    private static final Access[] ACCESSES = accesses();

    private static Access[] accesses() {
        Access[] table = new Access[32];
        for (Access a : new Access[] {STRB, LDRB, LDRSB_X, LDRSB_W, STRH, LDRH, LDRSH_X, LDRSH_W, STR_W, LDR_W,
                LDRSW, STR_X, LDR_X}) {
            table[index(a.size(), a.v(), a.opc())] = a;
        }
        for (FpWidth width : FpWidth.values()) {
            for (int load = 0; load < 2; load++) {
                Access a = fp(width, load == 1);
                table[index(a.size(), a.v(), a.opc())] = a;
            }
        }
        return table;
    }

    private static int index(int size, int v, int opc) {
        return size << 3 | v << 2 | opc;
    }

    /** The FP/SIMD load ({@code load}) or store of one register width. */
    static Access fp(FpWidth width, boolean load) {
        int scale = width.log2Bytes();
        int size = scale & 3;
        int opc = (scale == 4 ? 2 : 0) | (load ? 1 : 0);
        char prefix = width.prefix().charAt(0);
        return load ? new Access("ldr", "ldur", size, 1, opc, scale, prefix)
                : new Access("str", "stur", size, 1, opc, scale, prefix);
    }

    /** The access selected by {@code size}, {@code V}, {@code opc}, or null for prefetches and unallocated encodings. */
    static Access access(int size, int v, int opc) {
        return ACCESSES[index(size, v, opc)];
    }
}
