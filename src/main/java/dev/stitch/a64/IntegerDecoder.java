package dev.stitch.a64;

/**
 * Disassembles the integer data-processing instructions of {@link IntegerInstructions} into
 * LLVM's text, with LLVM's preferred aliases ({@code mov}, {@code cmp}, {@code cmn}, {@code neg},
 * {@code tst}, {@code mvn}, {@code lsl}/{@code lsr}/{@code asr}/{@code ror}, {@code ubfx} and the
 * other bitfield aliases, {@code mul}, {@code cset}, {@code cinc}...) chosen by the conditions the
 * Arm ARM gives for each alias. Encoding classes follow the Arm ARM C4.1 decode tables; a word of
 * another class, or a reserved encoding of one of these classes, gives null.
 */
final class IntegerDecoder {
    private IntegerDecoder() {}

    /** The text of {@code word} if it belongs to this group, else null. */
    static String decode(int word) {
        if ((word & 0x1f00_0000) == 0x1000_0000) {
            return pcRelative(word);
        }
        if ((word & 0x1f80_0000) == 0x1100_0000) {
            return addSubImmediate(word);
        }
        if ((word & 0x1f80_0000) == 0x1200_0000) {
            return logicalImmediate(word);
        }
        if ((word & 0x1f80_0000) == 0x1280_0000) {
            return moveWide(word);
        }
        if ((word & 0x1f80_0000) == 0x1300_0000) {
            return bitfield(word);
        }
        if ((word & 0x1f80_0000) == 0x1380_0000) {
            return extract(word);
        }
        if ((word & 0x1f00_0000) == 0x0a00_0000) {
            return logicalShifted(word);
        }
        if ((word & 0x1f20_0000) == 0x0b00_0000) {
            return addSubShifted(word);
        }
        if ((word & 0x1f20_0000) == 0x0b20_0000) {
            return addSubExtended(word);
        }
        if ((word & 0x1fe0_0000) == 0x1a00_0000) {
            return addSubCarry(word);
        }
        if ((word & 0x1fe0_0000) == 0x1a40_0000) {
            return conditionalCompare(word);
        }
        if ((word & 0x1fe0_0000) == 0x1a80_0000) {
            return conditionalSelect(word);
        }
        if ((word & 0x1fe0_0000) == 0x1ac0_0000) {
            return (word & 0x4000_0000) == 0 ? twoSource(word) : oneSource(word);
        }
        if ((word & 0x1f00_0000) == 0x1b00_0000) {
            return threeSource(word);
        }
        return null;
    }

    // ------------------------------------------------------------------------------- fields

    private static int bits(int word, int lsb, int width) {
        return (word >>> lsb) & ((1 << width) - 1);
    }

    private static boolean sf(int word) {
        return word < 0;
    }

    private static int rd(int word) {
        return word & 31;
    }

    private static int rn(int word) {
        return (word >>> 5) & 31;
    }

    private static int rm(int word) {
        return (word >>> 16) & 31;
    }

    /** Register {@code code} by name: 31 is {@code sp}/{@code wsp} if {@code stack}, else {@code xzr}/{@code wzr}. */
    private static String reg(int code, boolean wide, boolean stack) {
        return GpRegister.name(code, wide, stack);
    }

    private static String zr(int code, boolean wide) {
        return reg(code, wide, false);
    }

    private static String shiftSuffix(int shift, int amount) {
        return shift == 0 && amount == 0 ? "" : ", " + Shift.fromCode(shift).text() + " #" + amount;
    }

    private static String cond(int code) {
        return Condition.fromCode(code).text();
    }

    private static String inverted(int code) {
        return Condition.fromCode(code ^ 1).text();
    }

    // ------------------------------------------------------------------------------ classes

    private static String pcRelative(int word) {
        long imm = ((long) bits(word, 5, 19) << 2) | bits(word, 29, 2);
        imm = (imm << 43) >> 43;
        String rd = zr(rd(word), true);
        return word < 0 ? "adrp " + rd + ", #" + (imm << 12) : "adr " + rd + ", #" + imm;
    }

    private static String addSubImmediate(int word) {
        boolean wide = sf(word);
        int op = bits(word, 30, 1);
        boolean s = bits(word, 29, 1) == 1;
        int sh = bits(word, 22, 1);
        int imm12 = bits(word, 10, 12);
        int rn = rn(word);
        int rd = rd(word);
        String imm = "#" + imm12 + (sh == 1 ? ", lsl #12" : "");
        if (!s && op == 0 && sh == 0 && imm12 == 0 && (rd == 31 || rn == 31)) {
            return "mov " + reg(rd, wide, true) + ", " + reg(rn, wide, true);
        }
        if (s && rd == 31) {
            return (op == 0 ? "cmn " : "cmp ") + reg(rn, wide, true) + ", " + imm;
        }
        String mnemonic = (op == 0 ? "add" : "sub") + (s ? "s" : "");
        return mnemonic + " " + reg(rd, wide, !s) + ", " + reg(rn, wide, true) + ", " + imm;
    }

    private static String addSubShifted(int word) {
        boolean wide = sf(word);
        int op = bits(word, 30, 1);
        boolean s = bits(word, 29, 1) == 1;
        int shift = bits(word, 22, 2);
        int amount = bits(word, 10, 6);
        if (shift == 3 || (!wide && amount >= 32)) {
            return null;
        }
        int rd = rd(word);
        int rn = rn(word);
        String rm = zr(rm(word), wide) + shiftSuffix(shift, amount);
        if (s && rd == 31) {
            return (op == 0 ? "cmn " : "cmp ") + zr(rn, wide) + ", " + rm;
        }
        if (op == 1 && rn == 31) {
            return (s ? "negs " : "neg ") + zr(rd, wide) + ", " + rm;
        }
        String mnemonic = (op == 0 ? "add" : "sub") + (s ? "s" : "");
        return mnemonic + " " + zr(rd, wide) + ", " + zr(rn, wide) + ", " + rm;
    }

    private static String addSubExtended(int word) {
        boolean wide = sf(word);
        int op = bits(word, 30, 1);
        boolean s = bits(word, 29, 1) == 1;
        int opt = bits(word, 22, 2);
        int option = bits(word, 13, 3);
        int amount = bits(word, 10, 3);
        if (opt != 0 || amount > 4) {
            return null;
        }
        int rd = rd(word);
        int rn = rn(word);
        boolean rmWide = wide && (option & 3) == 3;
        boolean lslAlias = option == (wide ? 3 : 2) && ((!s && rd == 31) || rn == 31);
        String extend;
        if (lslAlias) {
            extend = amount == 0 ? "" : ", lsl #" + amount;
        } else {
            extend = ", " + Extend.fromCode(option).text() + (amount == 0 ? "" : " #" + amount);
        }
        String rm = zr(rm(word), rmWide) + extend;
        if (s && rd == 31) {
            return (op == 0 ? "cmn " : "cmp ") + reg(rn, wide, true) + ", " + rm;
        }
        String mnemonic = (op == 0 ? "add" : "sub") + (s ? "s" : "");
        return mnemonic + " " + reg(rd, wide, !s) + ", " + reg(rn, wide, true) + ", " + rm;
    }

    private static String addSubCarry(int word) {
        if (bits(word, 10, 6) != 0) {
            return null;
        }
        boolean wide = sf(word);
        int op = bits(word, 30, 1);
        boolean s = bits(word, 29, 1) == 1;
        String rd = zr(rd(word), wide);
        String rm = zr(rm(word), wide);
        if (op == 1 && rn(word) == 31) {
            return (s ? "ngcs " : "ngc ") + rd + ", " + rm;
        }
        String mnemonic = (op == 0 ? "adc" : "sbc") + (s ? "s" : "");
        return mnemonic + " " + rd + ", " + zr(rn(word), wide) + ", " + rm;
    }

    private static String hex(long value, boolean wide) {
        return "#0x" + Long.toHexString(wide ? value : value & 0xffff_ffffL);
    }

    private static String logicalImmediate(int word) {
        boolean wide = sf(word);
        int opc = bits(word, 29, 2);
        int n = bits(word, 22, 1);
        int immr = bits(word, 16, 6);
        int imms = bits(word, 10, 6);
        if (!BitmaskImmediate.isValid(n, immr, imms, wide)) {
            return null;
        }
        long value = BitmaskImmediate.decode(n, immr, imms, wide);
        int rd = rd(word);
        int rn = rn(word);
        if (opc == 0b01 && rn == 31 && !isMoveWideValue(value, wide)) {
            return "mov " + reg(rd, wide, true) + ", #" + (wide ? value : (long) (int) value);
        }
        if (opc == 0b11 && rd == 31) {
            return "tst " + zr(rn, wide) + ", " + hex(value, wide);
        }
        String mnemonic = switch (opc) {
            case 0b00 -> "and";
            case 0b01 -> "orr";
            case 0b10 -> "eor";
            default -> "ands";
        };
        return mnemonic + " " + reg(rd, wide, opc != 0b11) + ", " + zr(rn, wide) + ", " + hex(value, wide);
    }

    /** True if one {@code movz} or {@code movn} makes {@code value} (so LLVM prints {@code orr}, not {@code mov}). */
    private static boolean isMoveWideValue(long value, boolean wide) {
        int chunks = wide ? 4 : 2;
        long inverse = wide ? ~value : ~value & 0xffff_ffffL;
        for (int i = 0; i < chunks; i++) {
            long outside = ~(0xffffL << (16 * i));
            if ((value & outside) == 0 || (inverse & outside) == 0) {
                return true;
            }
        }
        return false;
    }

    private static String moveWide(int word) {
        boolean wide = sf(word);
        int opc = bits(word, 29, 2);
        int hw = bits(word, 21, 2);
        int imm16 = bits(word, 5, 16);
        if (opc == 0b01 || (!wide && hw >= 2)) {
            return null;
        }
        String rd = zr(rd(word), wide);
        String shift = hw == 0 ? "" : ", lsl #" + (16 * hw);
        if (opc == 0b11) {
            return "movk " + rd + ", #" + imm16 + shift;
        }
        boolean alias = !(imm16 == 0 && hw != 0) && !(opc == 0b00 && !wide && imm16 == 0xffff);
        if (!alias) {
            return (opc == 0b10 ? "movz " : "movn ") + rd + ", #" + imm16 + shift;
        }
        long value = (long) imm16 << (16 * hw);
        if (opc == 0b00) {
            value = ~value;
        }
        return "mov " + rd + ", #" + (wide ? value : (long) (int) value);
    }

    private static String bitfield(int word) {
        boolean wide = sf(word);
        int opc = bits(word, 29, 2);
        int n = bits(word, 22, 1);
        int immr = bits(word, 16, 6);
        int imms = bits(word, 10, 6);
        if (opc == 0b11 || n != (wide ? 1 : 0) || (!wide && (immr >= 32 || imms >= 32))) {
            return null;
        }
        int size = wide ? 64 : 32;
        String rd = zr(rd(word), wide);
        String rn = zr(rn(word), wide);
        String both = rd + ", " + rn;
        switch (opc) {
            case 0b00 -> {
                if (imms == size - 1) {
                    return "asr " + both + ", #" + immr;
                }
                if (imms < immr) {
                    return "sbfiz " + both + ", #" + (size - immr) + ", #" + (imms + 1);
                }
                if (immr == 0 && (imms == 7 || imms == 15 || imms == 31)) {
                    String name = imms == 7 ? "sxtb " : imms == 15 ? "sxth " : "sxtw ";
                    return name + rd + ", " + zr(rn(word), false);
                }
                return "sbfx " + both + ", #" + immr + ", #" + (imms - immr + 1);
            }
            case 0b01 -> {
                if (imms < immr) {
                    return "bfi " + both + ", #" + (size - immr) + ", #" + (imms + 1);
                }
                return "bfxil " + both + ", #" + immr + ", #" + (imms - immr + 1);
            }
            default -> {
                if (imms == size - 1) {
                    return "lsr " + both + ", #" + immr;
                }
                if (imms + 1 == immr) {
                    return "lsl " + both + ", #" + (size - 1 - imms);
                }
                if (imms < immr) {
                    return "ubfiz " + both + ", #" + (size - immr) + ", #" + (imms + 1);
                }
                if (!wide && immr == 0 && (imms == 7 || imms == 15)) {
                    return (imms == 7 ? "uxtb " : "uxth ") + both;
                }
                return "ubfx " + both + ", #" + immr + ", #" + (imms - immr + 1);
            }
        }
    }

    private static String extract(int word) {
        boolean wide = sf(word);
        int imms = bits(word, 10, 6);
        if (bits(word, 29, 2) != 0 || bits(word, 22, 1) != (wide ? 1 : 0) || bits(word, 21, 1) != 0
                || (!wide && imms >= 32)) {
            return null;
        }
        String rd = zr(rd(word), wide);
        String rn = zr(rn(word), wide);
        if (rn(word) == rm(word)) {
            return "ror " + rd + ", " + rn + ", #" + imms;
        }
        return "extr " + rd + ", " + rn + ", " + zr(rm(word), wide) + ", #" + imms;
    }

    private static String logicalShifted(int word) {
        boolean wide = sf(word);
        int opc = bits(word, 29, 2);
        int shift = bits(word, 22, 2);
        int n = bits(word, 21, 1);
        int amount = bits(word, 10, 6);
        if (!wide && amount >= 32) {
            return null;
        }
        int rd = rd(word);
        int rn = rn(word);
        String rm = zr(rm(word), wide) + shiftSuffix(shift, amount);
        if (opc == 0b01 && n == 0 && rn == 31 && shift == 0 && amount == 0) {
            return "mov " + zr(rd, wide) + ", " + rm;
        }
        if (opc == 0b01 && n == 1 && rn == 31) {
            return "mvn " + zr(rd, wide) + ", " + rm;
        }
        if (opc == 0b11 && n == 0 && rd == 31) {
            return "tst " + zr(rn, wide) + ", " + rm;
        }
        String mnemonic = switch (opc << 1 | n) {
            case 0b000 -> "and";
            case 0b001 -> "bic";
            case 0b010 -> "orr";
            case 0b011 -> "orn";
            case 0b100 -> "eor";
            case 0b101 -> "eon";
            case 0b110 -> "ands";
            default -> "bics";
        };
        return mnemonic + " " + zr(rd, wide) + ", " + zr(rn, wide) + ", " + rm;
    }

    private static String conditionalCompare(int word) {
        if (bits(word, 29, 1) != 1 || bits(word, 10, 1) != 0 || bits(word, 4, 1) != 0) {
            return null;
        }
        boolean wide = sf(word);
        String mnemonic = bits(word, 30, 1) == 1 ? "ccmp " : "ccmn ";
        String second = bits(word, 11, 1) == 1 ? "#" + rm(word) : zr(rm(word), wide);
        return mnemonic + zr(rn(word), wide) + ", " + second + ", #" + bits(word, 0, 4) + ", " + cond(bits(word, 12, 4));
    }

    private static String conditionalSelect(int word) {
        if (bits(word, 29, 1) != 0 || bits(word, 11, 1) != 0) {
            return null;
        }
        boolean wide = sf(word);
        int kind = bits(word, 30, 1) << 1 | bits(word, 10, 1);
        int cond = bits(word, 12, 4);
        int rd = rd(word);
        int rn = rn(word);
        int rm = rm(word);
        boolean aliasable = rn == rm && cond < 14;
        String d = zr(rd, wide);
        switch (kind) {
            case 0b01 -> {
                if (aliasable && rn == 31) {
                    return "cset " + d + ", " + inverted(cond);
                }
                if (aliasable) {
                    return "cinc " + d + ", " + zr(rn, wide) + ", " + inverted(cond);
                }
            }
            case 0b10 -> {
                if (aliasable && rn == 31) {
                    return "csetm " + d + ", " + inverted(cond);
                }
                if (aliasable) {
                    return "cinv " + d + ", " + zr(rn, wide) + ", " + inverted(cond);
                }
            }
            case 0b11 -> {
                if (aliasable) {
                    return "cneg " + d + ", " + zr(rn, wide) + ", " + inverted(cond);
                }
            }
            default -> {
                // csel has no alias
            }
        }
        String mnemonic = switch (kind) {
            case 0b00 -> "csel ";
            case 0b01 -> "csinc ";
            case 0b10 -> "csinv ";
            default -> "csneg ";
        };
        return mnemonic + d + ", " + zr(rn, wide) + ", " + zr(rm, wide) + ", " + cond(cond);
    }

    private static String twoSource(int word) {
        if (bits(word, 29, 1) != 0) {
            return null;
        }
        String mnemonic = switch (bits(word, 10, 6)) {
            case 0b000010 -> "udiv";
            case 0b000011 -> "sdiv";
            case 0b001000 -> "lsl";
            case 0b001001 -> "lsr";
            case 0b001010 -> "asr";
            case 0b001011 -> "ror";
            default -> null;
        };
        if (mnemonic == null) {
            return null;
        }
        boolean wide = sf(word);
        return mnemonic + " " + zr(rd(word), wide) + ", " + zr(rn(word), wide) + ", " + zr(rm(word), wide);
    }

    private static String oneSource(int word) {
        if (bits(word, 29, 1) != 0 || bits(word, 16, 5) != 0) {
            return null;
        }
        boolean wide = sf(word);
        String mnemonic = switch (bits(word, 10, 6)) {
            case 0b000000 -> "rbit";
            case 0b000001 -> "rev16";
            case 0b000010 -> wide ? "rev32" : "rev";
            case 0b000011 -> wide ? "rev" : null;
            case 0b000100 -> "clz";
            case 0b000101 -> "cls";
            default -> null;
        };
        if (mnemonic == null) {
            return null;
        }
        return mnemonic + " " + zr(rd(word), wide) + ", " + zr(rn(word), wide);
    }

    private static String threeSource(int word) {
        boolean wide = sf(word);
        int op31 = bits(word, 21, 3);
        int o0 = bits(word, 15, 1);
        int ra = bits(word, 10, 5);
        if (bits(word, 29, 2) != 0 || (op31 != 0 && !wide)) {
            return null;
        }
        String rd = zr(rd(word), wide);
        switch (op31) {
            case 0b000 -> {
                String sources = rd + ", " + zr(rn(word), wide) + ", " + zr(rm(word), wide);
                if (ra == 31) {
                    return (o0 == 0 ? "mul " : "mneg ") + sources;
                }
                return (o0 == 0 ? "madd " : "msub ") + sources + ", " + zr(ra, wide);
            }
            case 0b001, 0b101 -> {
                String sign = op31 == 0b001 ? "s" : "u";
                String sources = rd + ", " + zr(rn(word), false) + ", " + zr(rm(word), false);
                if (ra == 31) {
                    return sign + (o0 == 0 ? "mull " : "mnegl ") + sources;
                }
                return sign + (o0 == 0 ? "maddl " : "msubl ") + sources + ", " + zr(ra, true);
            }
            case 0b010, 0b110 -> {
                if (o0 != 0) {
                    return null; // the Ra field is ignored, as LLVM ignores it
                }
                return (op31 == 0b010 ? "smulh " : "umulh ") + rd + ", " + zr(rn(word), true) + ", " + zr(rm(word), true);
            }
            default -> {
                return null;
            }
        }
    }
}
