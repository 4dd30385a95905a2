package dev.stitch.x64;

import java.util.Objects;

/**
 * A memory operand: {@code [base + index*scale + disp]} or {@code [rip + disp]} (or RIP-relative
 * to a {@link Label}), with the access size Intel syntax writes as {@code byte/word/dword/qword
 * ptr} (0 when the other operand's register gives it). Base and index are 64-bit registers;
 * {@code rsp} cannot be an index. Checked when made, so an impossible operand never reaches an
 * encoder.
 *
 * @param base        the base register, or null (absolute {@code [disp32]} or index only)
 * @param index       the index register, or null
 * @param scale       1, 2, 4 or 8 (1 when there is no index)
 * @param disp        the signed 32-bit displacement
 * @param size        the access size in bytes: 0 (from the register operand), 1, 2, 4 or 8
 * @param rip         true for {@code [rip + disp]}; base and index are then null
 * @param label       with {@code rip}, a label the displacement is relative to (disp is added), or null
 * @param forceDisp32 encode the displacement in 32 bits even when 8 (or none) would do, so it can be patched
 */
public record Mem(Register base, Register index, int scale, int disp, int size, boolean rip, Label label,
                  boolean forceDisp32) {
    public Mem {
        if (base != null && base.bits() != 64) {
            throw new X64EncodingException("memory operand: base register must be 64-bit, got " + base);
        }
        if (index != null && index.bits() != 64) {
            throw new X64EncodingException("memory operand: index register must be 64-bit, got " + index);
        }
        if (index != null && index.number() == 4) {
            throw new X64EncodingException("memory operand: rsp cannot be an index register");
        }
        if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
            throw new X64EncodingException("memory operand: scale must be 1, 2, 4 or 8, got " + scale);
        }
        if (index == null && scale != 1) {
            throw new X64EncodingException("memory operand: scale " + scale + " without an index register");
        }
        if (size != 0 && size != 1 && size != 2 && size != 4 && size != 8) {
            throw new X64EncodingException("memory operand: size must be 0, 1, 2, 4 or 8 bytes, got " + size);
        }
        if (rip && (base != null || index != null)) {
            throw new X64EncodingException("memory operand: [rip + disp] takes no base or index register");
        }
        if (label != null && !rip) {
            throw new X64EncodingException("memory operand: a label operand must be RIP-relative");
        }
    }

    /** {@code [base + disp]}. */
    public static Mem of(Register base, int disp) {
        return new Mem(Objects.requireNonNull(base, "base"), null, 1, disp, 0, false, null, false);
    }

    /** {@code [base]}. */
    public static Mem of(Register base) {
        return of(base, 0);
    }

    /** {@code [base + index*scale + disp]}. */
    public static Mem of(Register base, Register index, int scale, int disp) {
        return new Mem(Objects.requireNonNull(base, "base"), Objects.requireNonNull(index, "index"), scale, disp, 0,
                false, null, false);
    }

    /** {@code [rip + disp]}: relative to the end of the instruction. */
    public static Mem rip(int disp) {
        return new Mem(null, null, 1, disp, 0, true, null, false);
    }

    /** {@code [rip + label]}: the displacement is filled in when the label is bound. */
    public static Mem rip(Label label) {
        return new Mem(null, null, 1, 0, 0, true, Objects.requireNonNull(label, "label"), false);
    }

    /** {@code [disp32]}: an absolute address in the low 2 GiB (SIB with no base and no index). */
    public static Mem absolute(int disp) {
        return new Mem(null, null, 1, disp, 0, false, null, false);
    }

    /** The same operand with access size {@code bytes}: 1 byte, 2 word, 4 dword, 8 qword ptr. */
    public Mem withSize(int bytes) {
        return new Mem(base, index, scale, disp, bytes, rip, label, forceDisp32);
    }

    /** {@code qword ptr}. */
    public Mem qword() {
        return withSize(8);
    }

    /** {@code dword ptr}. */
    public Mem dword() {
        return withSize(4);
    }

    /** {@code word ptr}. */
    public Mem word() {
        return withSize(2);
    }

    /** {@code byte ptr}. */
    public Mem byteSize() {
        return withSize(1);
    }

    /** The same operand with a 32-bit displacement field whatever its value: for stencil holes. */
    public Mem withDisp32() {
        return new Mem(base, index, scale, disp, size, rip, label, true);
    }
}
