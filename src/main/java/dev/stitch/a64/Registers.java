package dev.stitch.a64;

/**
 * Every register as a constant, for {@code import static dev.stitch.a64.Registers.*}, plus
 * lookups by number. The AAPCS64 synonyms are here too: {@link #FP} ({@code x29}), {@link #LR}
 * ({@code x30}), {@link #IP0} and {@link #IP1} ({@code x16}, {@code x17}: the registers veneers
 * may clobber).
 */
public final class Registers {
    private Registers() {}

    public static final GpRegister X0 = new GpRegister(0, true, false);
    public static final GpRegister X1 = new GpRegister(1, true, false);
    public static final GpRegister X2 = new GpRegister(2, true, false);
    public static final GpRegister X3 = new GpRegister(3, true, false);
    public static final GpRegister X4 = new GpRegister(4, true, false);
    public static final GpRegister X5 = new GpRegister(5, true, false);
    public static final GpRegister X6 = new GpRegister(6, true, false);
    public static final GpRegister X7 = new GpRegister(7, true, false);
    public static final GpRegister X8 = new GpRegister(8, true, false);
    public static final GpRegister X9 = new GpRegister(9, true, false);
    public static final GpRegister X10 = new GpRegister(10, true, false);
    public static final GpRegister X11 = new GpRegister(11, true, false);
    public static final GpRegister X12 = new GpRegister(12, true, false);
    public static final GpRegister X13 = new GpRegister(13, true, false);
    public static final GpRegister X14 = new GpRegister(14, true, false);
    public static final GpRegister X15 = new GpRegister(15, true, false);
    public static final GpRegister X16 = new GpRegister(16, true, false);
    public static final GpRegister X17 = new GpRegister(17, true, false);
    public static final GpRegister X18 = new GpRegister(18, true, false);
    public static final GpRegister X19 = new GpRegister(19, true, false);
    public static final GpRegister X20 = new GpRegister(20, true, false);
    public static final GpRegister X21 = new GpRegister(21, true, false);
    public static final GpRegister X22 = new GpRegister(22, true, false);
    public static final GpRegister X23 = new GpRegister(23, true, false);
    public static final GpRegister X24 = new GpRegister(24, true, false);
    public static final GpRegister X25 = new GpRegister(25, true, false);
    public static final GpRegister X26 = new GpRegister(26, true, false);
    public static final GpRegister X27 = new GpRegister(27, true, false);
    public static final GpRegister X28 = new GpRegister(28, true, false);
    public static final GpRegister X29 = new GpRegister(29, true, false);
    public static final GpRegister X30 = new GpRegister(30, true, false);
    /** The 64-bit zero register. */
    public static final GpRegister XZR = new GpRegister(31, true, false);
    /** The stack pointer. */
    public static final GpRegister SP = new GpRegister(31, true, true);
    public static final GpRegister W0 = new GpRegister(0, false, false);
    public static final GpRegister W1 = new GpRegister(1, false, false);
    public static final GpRegister W2 = new GpRegister(2, false, false);
    public static final GpRegister W3 = new GpRegister(3, false, false);
    public static final GpRegister W4 = new GpRegister(4, false, false);
    public static final GpRegister W5 = new GpRegister(5, false, false);
    public static final GpRegister W6 = new GpRegister(6, false, false);
    public static final GpRegister W7 = new GpRegister(7, false, false);
    public static final GpRegister W8 = new GpRegister(8, false, false);
    public static final GpRegister W9 = new GpRegister(9, false, false);
    public static final GpRegister W10 = new GpRegister(10, false, false);
    public static final GpRegister W11 = new GpRegister(11, false, false);
    public static final GpRegister W12 = new GpRegister(12, false, false);
    public static final GpRegister W13 = new GpRegister(13, false, false);
    public static final GpRegister W14 = new GpRegister(14, false, false);
    public static final GpRegister W15 = new GpRegister(15, false, false);
    public static final GpRegister W16 = new GpRegister(16, false, false);
    public static final GpRegister W17 = new GpRegister(17, false, false);
    public static final GpRegister W18 = new GpRegister(18, false, false);
    public static final GpRegister W19 = new GpRegister(19, false, false);
    public static final GpRegister W20 = new GpRegister(20, false, false);
    public static final GpRegister W21 = new GpRegister(21, false, false);
    public static final GpRegister W22 = new GpRegister(22, false, false);
    public static final GpRegister W23 = new GpRegister(23, false, false);
    public static final GpRegister W24 = new GpRegister(24, false, false);
    public static final GpRegister W25 = new GpRegister(25, false, false);
    public static final GpRegister W26 = new GpRegister(26, false, false);
    public static final GpRegister W27 = new GpRegister(27, false, false);
    public static final GpRegister W28 = new GpRegister(28, false, false);
    public static final GpRegister W29 = new GpRegister(29, false, false);
    public static final GpRegister W30 = new GpRegister(30, false, false);
    /** The 32-bit zero register. */
    public static final GpRegister WZR = new GpRegister(31, false, false);
    /** The 32-bit view of the stack pointer. */
    public static final GpRegister WSP = new GpRegister(31, false, true);
    /** The frame pointer, {@code x29}. */
    public static final GpRegister FP = X29;
    /** The link register, {@code x30}. */
    public static final GpRegister LR = X30;
    /** The first intra-procedure-call scratch register, {@code x16}. */
    public static final GpRegister IP0 = X16;
    /** The second intra-procedure-call scratch register, {@code x17}. */
    public static final GpRegister IP1 = X17;
    public static final FpRegister B0 = new FpRegister(0, FpWidth.B);
    public static final FpRegister B1 = new FpRegister(1, FpWidth.B);
    public static final FpRegister B2 = new FpRegister(2, FpWidth.B);
    public static final FpRegister B3 = new FpRegister(3, FpWidth.B);
    public static final FpRegister B4 = new FpRegister(4, FpWidth.B);
    public static final FpRegister B5 = new FpRegister(5, FpWidth.B);
    public static final FpRegister B6 = new FpRegister(6, FpWidth.B);
    public static final FpRegister B7 = new FpRegister(7, FpWidth.B);
    public static final FpRegister B8 = new FpRegister(8, FpWidth.B);
    public static final FpRegister B9 = new FpRegister(9, FpWidth.B);
    public static final FpRegister B10 = new FpRegister(10, FpWidth.B);
    public static final FpRegister B11 = new FpRegister(11, FpWidth.B);
    public static final FpRegister B12 = new FpRegister(12, FpWidth.B);
    public static final FpRegister B13 = new FpRegister(13, FpWidth.B);
    public static final FpRegister B14 = new FpRegister(14, FpWidth.B);
    public static final FpRegister B15 = new FpRegister(15, FpWidth.B);
    public static final FpRegister B16 = new FpRegister(16, FpWidth.B);
    public static final FpRegister B17 = new FpRegister(17, FpWidth.B);
    public static final FpRegister B18 = new FpRegister(18, FpWidth.B);
    public static final FpRegister B19 = new FpRegister(19, FpWidth.B);
    public static final FpRegister B20 = new FpRegister(20, FpWidth.B);
    public static final FpRegister B21 = new FpRegister(21, FpWidth.B);
    public static final FpRegister B22 = new FpRegister(22, FpWidth.B);
    public static final FpRegister B23 = new FpRegister(23, FpWidth.B);
    public static final FpRegister B24 = new FpRegister(24, FpWidth.B);
    public static final FpRegister B25 = new FpRegister(25, FpWidth.B);
    public static final FpRegister B26 = new FpRegister(26, FpWidth.B);
    public static final FpRegister B27 = new FpRegister(27, FpWidth.B);
    public static final FpRegister B28 = new FpRegister(28, FpWidth.B);
    public static final FpRegister B29 = new FpRegister(29, FpWidth.B);
    public static final FpRegister B30 = new FpRegister(30, FpWidth.B);
    public static final FpRegister B31 = new FpRegister(31, FpWidth.B);
    public static final FpRegister H0 = new FpRegister(0, FpWidth.H);
    public static final FpRegister H1 = new FpRegister(1, FpWidth.H);
    public static final FpRegister H2 = new FpRegister(2, FpWidth.H);
    public static final FpRegister H3 = new FpRegister(3, FpWidth.H);
    public static final FpRegister H4 = new FpRegister(4, FpWidth.H);
    public static final FpRegister H5 = new FpRegister(5, FpWidth.H);
    public static final FpRegister H6 = new FpRegister(6, FpWidth.H);
    public static final FpRegister H7 = new FpRegister(7, FpWidth.H);
    public static final FpRegister H8 = new FpRegister(8, FpWidth.H);
    public static final FpRegister H9 = new FpRegister(9, FpWidth.H);
    public static final FpRegister H10 = new FpRegister(10, FpWidth.H);
    public static final FpRegister H11 = new FpRegister(11, FpWidth.H);
    public static final FpRegister H12 = new FpRegister(12, FpWidth.H);
    public static final FpRegister H13 = new FpRegister(13, FpWidth.H);
    public static final FpRegister H14 = new FpRegister(14, FpWidth.H);
    public static final FpRegister H15 = new FpRegister(15, FpWidth.H);
    public static final FpRegister H16 = new FpRegister(16, FpWidth.H);
    public static final FpRegister H17 = new FpRegister(17, FpWidth.H);
    public static final FpRegister H18 = new FpRegister(18, FpWidth.H);
    public static final FpRegister H19 = new FpRegister(19, FpWidth.H);
    public static final FpRegister H20 = new FpRegister(20, FpWidth.H);
    public static final FpRegister H21 = new FpRegister(21, FpWidth.H);
    public static final FpRegister H22 = new FpRegister(22, FpWidth.H);
    public static final FpRegister H23 = new FpRegister(23, FpWidth.H);
    public static final FpRegister H24 = new FpRegister(24, FpWidth.H);
    public static final FpRegister H25 = new FpRegister(25, FpWidth.H);
    public static final FpRegister H26 = new FpRegister(26, FpWidth.H);
    public static final FpRegister H27 = new FpRegister(27, FpWidth.H);
    public static final FpRegister H28 = new FpRegister(28, FpWidth.H);
    public static final FpRegister H29 = new FpRegister(29, FpWidth.H);
    public static final FpRegister H30 = new FpRegister(30, FpWidth.H);
    public static final FpRegister H31 = new FpRegister(31, FpWidth.H);
    public static final FpRegister S0 = new FpRegister(0, FpWidth.S);
    public static final FpRegister S1 = new FpRegister(1, FpWidth.S);
    public static final FpRegister S2 = new FpRegister(2, FpWidth.S);
    public static final FpRegister S3 = new FpRegister(3, FpWidth.S);
    public static final FpRegister S4 = new FpRegister(4, FpWidth.S);
    public static final FpRegister S5 = new FpRegister(5, FpWidth.S);
    public static final FpRegister S6 = new FpRegister(6, FpWidth.S);
    public static final FpRegister S7 = new FpRegister(7, FpWidth.S);
    public static final FpRegister S8 = new FpRegister(8, FpWidth.S);
    public static final FpRegister S9 = new FpRegister(9, FpWidth.S);
    public static final FpRegister S10 = new FpRegister(10, FpWidth.S);
    public static final FpRegister S11 = new FpRegister(11, FpWidth.S);
    public static final FpRegister S12 = new FpRegister(12, FpWidth.S);
    public static final FpRegister S13 = new FpRegister(13, FpWidth.S);
    public static final FpRegister S14 = new FpRegister(14, FpWidth.S);
    public static final FpRegister S15 = new FpRegister(15, FpWidth.S);
    public static final FpRegister S16 = new FpRegister(16, FpWidth.S);
    public static final FpRegister S17 = new FpRegister(17, FpWidth.S);
    public static final FpRegister S18 = new FpRegister(18, FpWidth.S);
    public static final FpRegister S19 = new FpRegister(19, FpWidth.S);
    public static final FpRegister S20 = new FpRegister(20, FpWidth.S);
    public static final FpRegister S21 = new FpRegister(21, FpWidth.S);
    public static final FpRegister S22 = new FpRegister(22, FpWidth.S);
    public static final FpRegister S23 = new FpRegister(23, FpWidth.S);
    public static final FpRegister S24 = new FpRegister(24, FpWidth.S);
    public static final FpRegister S25 = new FpRegister(25, FpWidth.S);
    public static final FpRegister S26 = new FpRegister(26, FpWidth.S);
    public static final FpRegister S27 = new FpRegister(27, FpWidth.S);
    public static final FpRegister S28 = new FpRegister(28, FpWidth.S);
    public static final FpRegister S29 = new FpRegister(29, FpWidth.S);
    public static final FpRegister S30 = new FpRegister(30, FpWidth.S);
    public static final FpRegister S31 = new FpRegister(31, FpWidth.S);
    public static final FpRegister D0 = new FpRegister(0, FpWidth.D);
    public static final FpRegister D1 = new FpRegister(1, FpWidth.D);
    public static final FpRegister D2 = new FpRegister(2, FpWidth.D);
    public static final FpRegister D3 = new FpRegister(3, FpWidth.D);
    public static final FpRegister D4 = new FpRegister(4, FpWidth.D);
    public static final FpRegister D5 = new FpRegister(5, FpWidth.D);
    public static final FpRegister D6 = new FpRegister(6, FpWidth.D);
    public static final FpRegister D7 = new FpRegister(7, FpWidth.D);
    public static final FpRegister D8 = new FpRegister(8, FpWidth.D);
    public static final FpRegister D9 = new FpRegister(9, FpWidth.D);
    public static final FpRegister D10 = new FpRegister(10, FpWidth.D);
    public static final FpRegister D11 = new FpRegister(11, FpWidth.D);
    public static final FpRegister D12 = new FpRegister(12, FpWidth.D);
    public static final FpRegister D13 = new FpRegister(13, FpWidth.D);
    public static final FpRegister D14 = new FpRegister(14, FpWidth.D);
    public static final FpRegister D15 = new FpRegister(15, FpWidth.D);
    public static final FpRegister D16 = new FpRegister(16, FpWidth.D);
    public static final FpRegister D17 = new FpRegister(17, FpWidth.D);
    public static final FpRegister D18 = new FpRegister(18, FpWidth.D);
    public static final FpRegister D19 = new FpRegister(19, FpWidth.D);
    public static final FpRegister D20 = new FpRegister(20, FpWidth.D);
    public static final FpRegister D21 = new FpRegister(21, FpWidth.D);
    public static final FpRegister D22 = new FpRegister(22, FpWidth.D);
    public static final FpRegister D23 = new FpRegister(23, FpWidth.D);
    public static final FpRegister D24 = new FpRegister(24, FpWidth.D);
    public static final FpRegister D25 = new FpRegister(25, FpWidth.D);
    public static final FpRegister D26 = new FpRegister(26, FpWidth.D);
    public static final FpRegister D27 = new FpRegister(27, FpWidth.D);
    public static final FpRegister D28 = new FpRegister(28, FpWidth.D);
    public static final FpRegister D29 = new FpRegister(29, FpWidth.D);
    public static final FpRegister D30 = new FpRegister(30, FpWidth.D);
    public static final FpRegister D31 = new FpRegister(31, FpWidth.D);
    public static final FpRegister Q0 = new FpRegister(0, FpWidth.Q);
    public static final FpRegister Q1 = new FpRegister(1, FpWidth.Q);
    public static final FpRegister Q2 = new FpRegister(2, FpWidth.Q);
    public static final FpRegister Q3 = new FpRegister(3, FpWidth.Q);
    public static final FpRegister Q4 = new FpRegister(4, FpWidth.Q);
    public static final FpRegister Q5 = new FpRegister(5, FpWidth.Q);
    public static final FpRegister Q6 = new FpRegister(6, FpWidth.Q);
    public static final FpRegister Q7 = new FpRegister(7, FpWidth.Q);
    public static final FpRegister Q8 = new FpRegister(8, FpWidth.Q);
    public static final FpRegister Q9 = new FpRegister(9, FpWidth.Q);
    public static final FpRegister Q10 = new FpRegister(10, FpWidth.Q);
    public static final FpRegister Q11 = new FpRegister(11, FpWidth.Q);
    public static final FpRegister Q12 = new FpRegister(12, FpWidth.Q);
    public static final FpRegister Q13 = new FpRegister(13, FpWidth.Q);
    public static final FpRegister Q14 = new FpRegister(14, FpWidth.Q);
    public static final FpRegister Q15 = new FpRegister(15, FpWidth.Q);
    public static final FpRegister Q16 = new FpRegister(16, FpWidth.Q);
    public static final FpRegister Q17 = new FpRegister(17, FpWidth.Q);
    public static final FpRegister Q18 = new FpRegister(18, FpWidth.Q);
    public static final FpRegister Q19 = new FpRegister(19, FpWidth.Q);
    public static final FpRegister Q20 = new FpRegister(20, FpWidth.Q);
    public static final FpRegister Q21 = new FpRegister(21, FpWidth.Q);
    public static final FpRegister Q22 = new FpRegister(22, FpWidth.Q);
    public static final FpRegister Q23 = new FpRegister(23, FpWidth.Q);
    public static final FpRegister Q24 = new FpRegister(24, FpWidth.Q);
    public static final FpRegister Q25 = new FpRegister(25, FpWidth.Q);
    public static final FpRegister Q26 = new FpRegister(26, FpWidth.Q);
    public static final FpRegister Q27 = new FpRegister(27, FpWidth.Q);
    public static final FpRegister Q28 = new FpRegister(28, FpWidth.Q);
    public static final FpRegister Q29 = new FpRegister(29, FpWidth.Q);
    public static final FpRegister Q30 = new FpRegister(30, FpWidth.Q);
    public static final FpRegister Q31 = new FpRegister(31, FpWidth.Q);

    /** {@code x<n>} for n in 0..30, {@code xzr} for 31. */
    public static GpRegister x(int n) {
        return new GpRegister(n, true, false);
    }

    /** {@code w<n>} for n in 0..30, {@code wzr} for 31. */
    public static GpRegister w(int n) {
        return new GpRegister(n, false, false);
    }

    /** The FP/SIMD register {@code n} used as a scalar of {@code width}. */
    public static FpRegister v(int n, FpWidth width) {
        return new FpRegister(n, width);
    }
}
