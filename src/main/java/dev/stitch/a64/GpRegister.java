package dev.stitch.a64;

/**
 * A general-purpose register: {@code x0..x30} or {@code w0..w30}, or register number 31, which is
 * either the zero register ({@code xzr}/{@code wzr}) or the stack pointer ({@code sp}/{@code wsp})
 * depending on the instruction. The two are distinct values so that an encoder can refuse the one
 * its encoding class does not allow.
 *
 * @param code          0..31
 * @param is64          true for the 64-bit view ({@code x}), false for the 32-bit view ({@code w})
 * @param stackPointer  for code 31: true for {@code sp}/{@code wsp}, false for {@code xzr}/{@code wzr}
 */
public record GpRegister(int code, boolean is64, boolean stackPointer) implements Register {
    public GpRegister {
        if (code < 0 || code > 31) {
            throw new IllegalArgumentException("general-purpose register number must be 0..31, got " + code);
        }
        if (stackPointer && code != 31) {
            throw new IllegalArgumentException("only register 31 can be the stack pointer, got " + code);
        }
    }

    /** True for {@code xzr} and {@code wzr}. */
    public boolean isZeroRegister() {
        return code == 31 && !stackPointer;
    }

    /** True for {@code sp} and {@code wsp}. */
    public boolean isStackPointer() {
        return stackPointer;
    }

    /** The {@code sf} bit of most encodings: 1 for a 64-bit register. */
    public int sf() {
        return is64 ? 1 : 0;
    }

    /** {@code xzr} or {@code wzr}. */
    public static GpRegister zeroRegister(boolean is64) {
        return is64 ? Registers.XZR : Registers.WZR;
    }

    /** The same register number in the other width. */
    public GpRegister withWidth(boolean wide) {
        return new GpRegister(code, wide, stackPointer);
    }

    @Override
    public String name() {
        return name(code, is64, stackPointer);
    }

    /**
     * The name of register {@code code} (0..31) without making a register: what a disassembler
     * prints for a field. Register 31 is {@code sp}/{@code wsp} if {@code stackPointer}, else
     * {@code xzr}/{@code wzr}.
     */
    public static String name(int code, boolean is64, boolean stackPointer) {
        if (code == 31) {
            return stackPointer ? (is64 ? "sp" : "wsp") : (is64 ? "xzr" : "wzr");
        }
        return (is64 ? "x" : "w") + code;
    }

    @Override
    public String toString() {
        return name();
    }
}
