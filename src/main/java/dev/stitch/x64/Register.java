package dev.stitch.x64;

/**
 * An x86-64 general-purpose register of one width: {@code rax} (64), {@code eax} (32), {@code ax}
 * (16) or {@code al} (8) and their siblings up to {@code r15}, {@code r15d}, {@code r15w},
 * {@code r15b}. {@code number} is the 4-bit register number whose low three bits go in ModRM/SIB
 * and whose high bit goes in REX (Intel SDM Vol. 2, 2.2.1). The legacy high-byte registers
 * ({@code ah}..{@code bh}) are not modelled: nothing Stitch emits needs them. The constants are in
 * {@link Registers}.
 */
public final class Register {
    private final String name;
    private final int number;
    private final int bits;

    Register(String name, int number, int bits) {
        this.name = name;
        this.number = number;
        this.bits = bits;
    }

    /** The Intel-syntax name, lower case, as LLVM prints it. */
    public String name() {
        return name;
    }

    /** 0..15: rax=0, rcx=1, rdx=2, rbx=3, rsp=4, rbp=5, rsi=6, rdi=7, r8..r15=8..15. */
    public int number() {
        return number;
    }

    /** 8, 16, 32 or 64. */
    public int bits() {
        return bits;
    }

    /** The low three bits of the number, for ModRM.reg, ModRM.rm, SIB.base, SIB.index or the opcode. */
    public int low3() {
        return number & 7;
    }

    /** True for r8..r15 of any width: the high bit of the number goes in a REX prefix. */
    public boolean isExtended() {
        return number >= 8;
    }

    /**
     * True for {@code spl}, {@code bpl}, {@code sil} and {@code dil}, which exist only with a REX
     * prefix (without one, the same numbers mean {@code ah}..{@code bh}).
     */
    public boolean needsRexForByte() {
        return bits == 8 && number >= 4 && number <= 7;
    }

    /** The register with the same number and {@code bits} width: {@code RAX.withBits(32)} is {@code eax}. */
    public Register withBits(int bits) {
        return Registers.of(number, bits);
    }

    @Override
    public String toString() {
        return name;
    }
}
