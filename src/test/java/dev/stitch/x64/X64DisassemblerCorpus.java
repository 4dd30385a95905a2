package dev.stitch.x64;

import java.util.ArrayList;
import java.util.List;

/**
 * Intel-syntax corpora for the disassembler tests: every instruction form Stitch's x86-64
 * assembler emits, with all 16 registers of each width, the special addressing modes (SIB for
 * {@code rsp}/{@code r12} bases, disp8 0 for {@code rbp}/{@code r13}, no base, absolute,
 * RIP-relative), displacement and immediate edge values, and every condition. Lines hold no
 * labels (LLVM must encode each line completely); relative branches are in the byte corpora of
 * {@link X64DisassemblerEncodingsTest}.
 */
final class X64DisassemblerCorpus {
    static final int[] WIDTHS = {8, 16, 32, 64};
    static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    static final String[] GROUP3 = {"not", "neg", "mul", "imul", "div", "idiv"};
    static final String[] SHIFTS = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar"};
    static final long[] DISPLACEMENTS = {1, -1, 8, 127, 128, -128, -129, 255, 32767, -32768,
            2147483647L, -2147483648L};

    private X64DisassemblerCorpus() {}

    static String r(int number, int bits) {
        return Registers.of(number, bits).name();
    }

    static String ptr(int bits) {
        return switch (bits) {
            case 8 -> "byte ptr ";
            case 16 -> "word ptr ";
            case 32 -> "dword ptr ";
            default -> "qword ptr ";
        };
    }

    /** {@code [base + disp]} with the sign folded into the operator. */
    static String plus(long disp) {
        return disp < 0 ? " - " + -disp : " + " + disp;
    }

    /** Addresses of every special form; each one in brackets, without a size. */
    static List<String> addresses() {
        List<String> out = new ArrayList<>();
        for (int base = 0; base < 16; base++) {
            out.add("[" + r(base, 64) + "]");
        }
        for (int base : new int[] {0, 4, 5, 12, 13, 15}) {
            for (long disp : DISPLACEMENTS) {
                out.add("[" + r(base, 64) + plus(disp) + "]");
            }
        }
        int[] scales = {1, 2, 4, 8};
        for (int index = 0; index < 16; index++) {
            if (index == 4) {
                continue;
            }
            int scale = scales[index % 4];
            String scaled = (scale == 1 ? "" : scale + "*") + r(index, 64);
            out.add("[rax + " + scaled + "]");
            out.add("[" + r(15 - index, 64) + " + " + scaled + plus(index * 8 - 64) + "]");
            out.add("[rbp + " + scaled + "]");
            out.add("[r13 + " + scaled + "]");
            out.add("[rsp + " + scaled + " + 16]");
            out.add("[r12 + " + scaled + plus(-2147483648L) + "]");
            out.add("[" + scaled + plus(100000) + "]");
            out.add("[" + (scale == 1 ? "2" : Integer.toString(scale)) + "*" + r(index, 64) + "]");
        }
        for (long disp : new long[] {0, 16, -16, 2147483647L, -2147483648L}) {
            out.add("[" + disp + "]");
        }
        out.add("[rip]");
        for (long disp : DISPLACEMENTS) {
            out.add("[rip" + plus(disp) + "]");
        }
        return out;
    }

    /** Immediates worth checking for an operand of {@code bits}, as LLVM accepts them. */
    static long[] immediates(int bits) {
        return switch (bits) {
            case 8 -> new long[] {0, 1, -1, 127, -128, 100};
            case 16 -> new long[] {0, 1, -1, 127, 128, -128, -129, 255, 32767, -32768, 65535};
            case 32 -> new long[] {0, 1, -1, 127, 128, -128, -129, 32768, 2147483647L, -2147483648L,
                    4294967295L};
            default -> new long[] {0, 1, -1, 127, 128, -128, -129, 2147483647L, -2147483648L};
        };
    }

    /** {@code op r/m, reg}, {@code op reg, r/m} and {@code op r/m, imm} for one two-operand operation. */
    static void twoOperand(List<String> out, String op, boolean withImmediate, boolean rmFirstOnly) {
        List<String> addresses = addresses();
        for (int bits : WIDTHS) {
            for (int a = 0; a < 16; a++) {
                out.add(op + " " + r(a, bits) + ", " + r((a + 5) % 16, bits));
                out.add(op + " " + r((a + 11) % 16, bits) + ", " + r(a, bits));
                out.add(op + " " + ptr(bits) + addresses.get(a * 7 % addresses.size()) + ", " + r(a, bits));
                if (!rmFirstOnly) {
                    out.add(op + " " + r(a, bits) + ", " + ptr(bits) + addresses.get((a * 13 + 3) % addresses.size()));
                }
            }
            for (int i = 0; i < addresses.size(); i++) {
                out.add(op + " " + ptr(bits) + addresses.get(i) + ", " + r(i % 16, bits));
                if (!rmFirstOnly && i % 3 == 0) {
                    out.add(op + " " + r(15 - i % 16, bits) + ", " + ptr(bits) + addresses.get(i));
                }
            }
            if (withImmediate) {
                for (long imm : immediates(bits)) {
                    for (int a = 0; a < 16; a++) {
                        out.add(op + " " + r(a, bits) + ", " + imm);
                    }
                    out.add(op + " " + ptr(bits) + addresses.get((int) (Math.abs(imm) % addresses.size())) + ", " + imm);
                    out.add(op + " " + ptr(bits) + "[rip + 64], " + imm);
                }
            }
        }
    }

    static List<String> moves() {
        List<String> out = new ArrayList<>();
        for (int bits : WIDTHS) {
            for (int a = 0; a < 16; a++) {
                for (int b = 0; b < 16; b++) {
                    out.add("mov " + r(a, bits) + ", " + r(b, bits));
                }
            }
        }
        twoOperand(out, "mov", true, false);
        for (int a = 0; a < 16; a++) {
            for (long imm : new long[] {2147483648L, 4294967295L, -2147483649L, 0x123456789abcdefL,
                    Long.MIN_VALUE, Long.MAX_VALUE}) {
                out.add("movabs " + r(a, 64) + ", " + imm);
            }
        }
        // High-byte registers, only without REX.
        for (String high : new String[] {"ah", "ch", "dh", "bh"}) {
            out.add("mov " + high + ", al");
            out.add("mov bl, " + high);
            out.add("mov " + high + ", 5");
            out.add("mov byte ptr [rax], " + high);
        }
        List<String> addresses = addresses();
        for (int bits : new int[] {16, 32, 64}) {
            for (int a = 0; a < 16; a++) {
                out.add("lea " + r(a, bits) + ", " + addresses.get(a * 5 % addresses.size()));
            }
        }
        for (String address : addresses) {
            out.add("lea rax, " + address);
            out.add("lea r9d, " + address);
        }
        int[][] extensions = {{16, 8}, {32, 8}, {32, 16}, {64, 8}, {64, 16}};
        for (String op : new String[] {"movzx", "movsx"}) {
            for (int[] e : extensions) {
                for (int a = 0; a < 16; a++) {
                    out.add(op + " " + r(a, e[0]) + ", " + r((a + 7) % 16, e[1]));
                    out.add(op + " " + r(a, e[0]) + ", " + ptr(e[1]) + addresses.get(a * 11 % addresses.size()));
                }
            }
        }
        for (int a = 0; a < 16; a++) {
            out.add("movsxd " + r(a, 64) + ", " + r((a + 3) % 16, 32));
            out.add("movsxd " + r(a, 64) + ", dword ptr " + addresses.get(a * 9 % addresses.size()));
        }
        for (String address : addresses) {
            out.add("movsxd rdx, dword ptr " + address);
        }
        return out;
    }

    static List<String> arithmetic() {
        List<String> out = new ArrayList<>();
        for (String op : ALU) {
            twoOperand(out, op, true, false);
        }
        twoOperand(out, "test", true, true);
        List<String> addresses = addresses();
        for (int bits : new int[] {16, 32, 64}) {
            for (int a = 0; a < 16; a++) {
                out.add("imul " + r(a, bits) + ", " + r((a + 1) % 16, bits));
                out.add("imul " + r(a, bits) + ", " + ptr(bits) + addresses.get(a * 3 % addresses.size()));
                for (long imm : immediates(bits)) {
                    out.add("imul " + r(a, bits) + ", " + r((a + 9) % 16, bits) + ", " + imm);
                }
                out.add("imul " + r(a, bits) + ", " + ptr(bits) + addresses.get(a * 17 % addresses.size()) + ", 1000");
                out.add("imul " + r(a, bits) + ", " + ptr(bits) + addresses.get(a * 19 % addresses.size()) + ", -3");
            }
        }
        for (int bits : WIDTHS) {
            for (String op : GROUP3) {
                for (int a = 0; a < 16; a++) {
                    out.add(op + " " + r(a, bits));
                }
                for (int i = 0; i < addresses.size(); i += 5) {
                    out.add(op + " " + ptr(bits) + addresses.get(i));
                }
            }
            for (String op : SHIFTS) {
                for (int a = 0; a < 16; a++) {
                    out.add(op + " " + r(a, bits));
                    out.add(op + " " + r(a, bits) + ", cl");
                    out.add(op + " " + r(a, bits) + ", " + (a * 17 % 64));
                }
                out.add(op + " " + r(3, bits) + ", 255");
                for (int i = 0; i < addresses.size(); i += 7) {
                    out.add(op + " " + ptr(bits) + addresses.get(i));
                    out.add(op + " " + ptr(bits) + addresses.get(i) + ", cl");
                    out.add(op + " " + ptr(bits) + addresses.get(i) + ", " + (i % 64));
                }
            }
        }
        out.addAll(List.of("cqo", "cdq", "cwd", "cdqe", "cwde", "cbw"));
        return out;
    }

    static List<String> conditionsAndControl() {
        List<String> out = new ArrayList<>();
        List<String> addresses = addresses();
        for (Condition cc : Condition.values()) {
            for (int bits : new int[] {16, 32, 64}) {
                for (int a = 0; a < 16; a++) {
                    out.add("cmov" + cc.suffix() + " " + r(a, bits) + ", " + r((a + cc.code()) % 16, bits));
                }
                out.add("cmov" + cc.suffix() + " " + r(cc.code(), bits) + ", " + ptr(bits)
                        + addresses.get(cc.code() * 7 % addresses.size()));
            }
            for (int a = 0; a < 16; a++) {
                out.add("set" + cc.suffix() + " " + r(a, 8));
            }
            out.add("set" + cc.suffix() + " ah");
            out.add("set" + cc.suffix() + " byte ptr " + addresses.get(cc.code() * 11 % addresses.size()));
        }
        for (int a = 0; a < 16; a++) {
            out.add("push " + r(a, 64));
            out.add("pop " + r(a, 64));
            out.add("push " + r(a, 16));
            out.add("pop " + r(a, 16));
            out.add("call " + r(a, 64));
            out.add("jmp " + r(a, 64));
        }
        for (long imm : new long[] {0, 1, -1, 127, -128, 128, -129, 2147483647L, -2147483648L}) {
            out.add("push " + imm);
        }
        for (String address : addresses) {
            if (address.matches("\\[-?\\d+]")) {
                continue; // llvm-mc reads call/jmp [absolute] as a direct branch; in the byte corpora
            }
            out.add("call qword ptr " + address);
            out.add("jmp qword ptr " + address);
        }
        out.addAll(List.of("ret", "int3", "ud2", "nop", "leave", "hlt", "ret 8", "ret 65535"));
        for (int bits : WIDTHS) {
            for (int a = 0; a < 16; a++) {
                out.add("inc " + r(a, bits));
                out.add("dec " + r(a, bits));
                out.add("xchg " + r(a, bits) + ", " + r((a + 3) % 16, bits));
                out.add("xchg " + ptr(bits) + addresses.get(a * 7 % addresses.size()) + ", " + r(a, bits));
            }
            for (int i = 0; i < addresses.size(); i += 4) {
                out.add("inc " + ptr(bits) + addresses.get(i));
                out.add("dec " + ptr(bits) + addresses.get(i));
            }
        }
        for (int i = 0; i < addresses.size(); i += 2) {
            out.add("push qword ptr " + addresses.get(i));
            out.add("pop qword ptr " + addresses.get(i));
            out.add("push word ptr " + addresses.get(i));
            out.add("pop word ptr " + addresses.get(i));
        }
        for (int bits : new int[] {16, 32, 64}) {
            for (int a = 0; a < 16; a++) {
                out.add("nop " + r(a, bits));
            }
            for (int i = 0; i < addresses.size(); i += 3) {
                out.add("nop " + ptr(bits) + addresses.get(i));
            }
        }
        return out;
    }
}
