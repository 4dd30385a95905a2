package dev.stitch.a64;

/**
 * The kinds of PC-relative reference an instruction can make to a label, each with its reach and
 * the way it patches and reads the instruction word's offset field. The ranges are stated here
 * only; the immediate-offset forms of the same instructions check against them too.
 */
public enum LabelUse {
    /** {@code b}, {@code bl}: imm26 in bits [25:0], in words: ±128 MiB. */
    BRANCH26(26, 2, 0, "b/bl") {
        @Override
        int insert(int word, long field) {
            return (word & ~0x03ff_ffff) | (int) (field & 0x03ff_ffff);
        }
    },
    /** {@code b.cond}, {@code cbz}, {@code cbnz}, {@code ldr} (literal): imm19 in bits [23:5], in words: ±1 MiB. */
    BRANCH19(19, 2, 0, "b.cond/cbz/cbnz/ldr literal") {
        @Override
        int insert(int word, long field) {
            return (word & ~(0x7ffff << 5)) | (int) ((field & 0x7ffff) << 5);
        }
    },
    /** {@code tbz}, {@code tbnz}: imm14 in bits [18:5], in words: ±32 KiB. */
    BRANCH14(14, 2, 0, "tbz/tbnz") {
        @Override
        int insert(int word, long field) {
            return (word & ~(0x3fff << 5)) | (int) ((field & 0x3fff) << 5);
        }
    },
    /** {@code adr}: a byte offset, immlo in bits [30:29], immhi in bits [23:5]: ±1 MiB. */
    ADR21(21, 0, 0, "adr") {
        @Override
        int insert(int word, long field) {
            return insertAdr(word, field);
        }
    },
    /** {@code adrp}: a 4 KiB page offset, immlo in [30:29], immhi in [23:5]: ±4 GiB. */
    ADRP21(21, 0, 12, "adrp") {
        @Override
        int insert(int word, long field) {
            return insertAdr(word, field);
        }
    };

    private final int bits;
    private final int alignBits;
    private final int pageBits;
    private final String instructions;

    LabelUse(int bits, int alignBits, int pageBits, String instructions) {
        this.bits = bits;
        this.alignBits = alignBits;
        this.pageBits = pageBits;
        this.instructions = instructions;
    }

    private static int insertAdr(int word, long field) {
        int immlo = (int) (field & 3);
        int immhi = (int) ((field >> 2) & 0x7ffff);
        return (word & ~((3 << 29) | (0x7ffff << 5))) | immlo << 29 | immhi << 5;
    }

    abstract int insert(int word, long field);

    /** The largest forward distance in bytes (from the instruction to the target). */
    public long maxForward() {
        return ((1L << (bits - 1)) - 1) << (alignBits + pageBits);
    }

    /** The largest backward distance in bytes, as a positive number. */
    public long maxBackward() {
        return (1L << (bits - 1)) << (alignBits + pageBits);
    }

    /**
     * The distance this use encodes from an instruction at {@code pc} to {@code target}: bytes,
     * or for {@link #ADRP21} the difference of their 4 KiB pages in bytes.
     */
    public long distance(long pc, long target) {
        return pageBits == 0 ? target - pc : (target & -(1L << pageBits)) - (pc & -(1L << pageBits));
    }

    /** True if {@code distance} (see {@link #distance}) is aligned and within reach. */
    public boolean fits(long distance) {
        long unit = 1L << (alignBits + pageBits);
        return (distance & (unit - 1)) == 0 && distance <= maxForward() && distance >= -maxBackward();
    }

    /**
     * Returns {@code word} with its offset field set to reach {@code distance} (see {@link #distance}).
     *
     * @param instruction the instruction, for the message if the distance does not fit
     */
    public int patch(int word, long distance, String instruction) {
        long unit = 1L << (alignBits + pageBits);
        if (distance % unit != 0) {
            throw new A64EncodingException(instruction + ": target is " + distance + " bytes away, not a multiple of "
                    + unit + "; " + instructions + " targets must be " + unit + "-byte aligned");
        }
        if (distance > maxForward() || distance < -maxBackward()) {
            throw new A64EncodingException(instruction + ": target is " + distance + " bytes away, out of range; "
                    + instructions + " reaches -" + maxBackward() + ".." + maxForward() + " bytes");
        }
        return insert(word, distance >> (alignBits + pageBits)); // exact: distance is a multiple of unit
    }

    /** The signed field value this use holds in {@code word}, in bytes (page bytes for {@link #ADRP21}). */
    public long extract(int word) {
        long field = switch (this) {
            case BRANCH26 -> word & 0x03ff_ffff;
            case BRANCH19 -> (word >>> 5) & 0x7ffff;
            case BRANCH14 -> (word >>> 5) & 0x3fff;
            case ADR21, ADRP21 -> ((word >>> 29) & 3) | (((word >>> 5) & 0x7ffff) << 2);
        };
        long signExtended = (field << (64 - bits)) >> (64 - bits);
        return signExtended << (alignBits + pageBits);
    }
}
