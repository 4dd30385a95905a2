package dev.stitch.x64;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The x86-64 general-purpose registers, by width, and lookup by name or number. */
public final class Registers {
    private static final String[] NAMES_64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] NAMES_32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] NAMES_16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] NAMES_8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
            "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};

    private static final Register[][] BY_WIDTH = new Register[4][16];
    private static final Map<String, Register> BY_NAME = new HashMap<>();

    static {
        String[][] names = {NAMES_8, NAMES_16, NAMES_32, NAMES_64};
        for (int w = 0; w < 4; w++) {
            for (int n = 0; n < 16; n++) {
                Register r = new Register(names[w][n], n, 8 << w);
                BY_WIDTH[w][n] = r;
                BY_NAME.put(r.name(), r);
            }
        }
    }

    public static final Register RAX = of(0, 64), RCX = of(1, 64), RDX = of(2, 64), RBX = of(3, 64),
            RSP = of(4, 64), RBP = of(5, 64), RSI = of(6, 64), RDI = of(7, 64),
            R8 = of(8, 64), R9 = of(9, 64), R10 = of(10, 64), R11 = of(11, 64),
            R12 = of(12, 64), R13 = of(13, 64), R14 = of(14, 64), R15 = of(15, 64);

    public static final Register EAX = of(0, 32), ECX = of(1, 32), EDX = of(2, 32), EBX = of(3, 32),
            ESP = of(4, 32), EBP = of(5, 32), ESI = of(6, 32), EDI = of(7, 32),
            R8D = of(8, 32), R9D = of(9, 32), R10D = of(10, 32), R11D = of(11, 32),
            R12D = of(12, 32), R13D = of(13, 32), R14D = of(14, 32), R15D = of(15, 32);

    public static final Register AX = of(0, 16), CX = of(1, 16), DX = of(2, 16), BX = of(3, 16),
            SP = of(4, 16), BP = of(5, 16), SI = of(6, 16), DI = of(7, 16),
            R8W = of(8, 16), R9W = of(9, 16), R10W = of(10, 16), R11W = of(11, 16),
            R12W = of(12, 16), R13W = of(13, 16), R14W = of(14, 16), R15W = of(15, 16);

    public static final Register AL = of(0, 8), CL = of(1, 8), DL = of(2, 8), BL = of(3, 8),
            SPL = of(4, 8), BPL = of(5, 8), SIL = of(6, 8), DIL = of(7, 8),
            R8B = of(8, 8), R9B = of(9, 8), R10B = of(10, 8), R11B = of(11, 8),
            R12B = of(12, 8), R13B = of(13, 8), R14B = of(14, 8), R15B = of(15, 8);

    private Registers() {}

    /**
     * The register numbered {@code number} (0..15) of width {@code bits} (8, 16, 32 or 64).
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static Register of(int number, int bits) {
        if (number < 0 || number > 15) {
            throw new IllegalArgumentException("x86-64 register number must be 0..15, got " + number);
        }
        int w = switch (bits) {
            case 8 -> 0;
            case 16 -> 1;
            case 32 -> 2;
            case 64 -> 3;
            default -> throw new IllegalArgumentException("x86-64 register width must be 8, 16, 32 or 64 bits, got " + bits);
        };
        return BY_WIDTH[w][number];
    }

    /** The register called {@code name} (any case), or null. */
    public static Register byName(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
