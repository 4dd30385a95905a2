package dev.stitch.a64;

import dev.stitch.a64.MemoryEncoders.Access;

/**
 * Decodes the loads and stores Stitch assembles (Arm ARM C4.1.66, "Loads and Stores") into LLVM's
 * text: {@code ldur} for unscaled offsets, {@code [xn]} when a plain offset is zero, {@code lsl}
 * for the 64-bit index, {@code st<op>} for an LSE atomic whose destination is the zero register
 * (without acquire), and {@code #offset} for PC-relative literals. Anything else gives null:
 * prefetches, unprivileged and tagged accesses, SIMD structure loads, unallocated encodings.
 */
final class MemoryDecoder {
    private MemoryDecoder() {}

    private static final String[] ATOMIC_OPS = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

    /** The text of {@code word} if it belongs to this group, else null. */
    static String decode(int word) {
        if ((word & 0x3b00_0000) == 0x3900_0000) {
            return unsignedImmediate(word);
        }
        if ((word & 0x3b20_0000) == 0x3800_0000) {
            return immediate9(word);
        }
        if ((word & 0x3b20_0c00) == 0x3820_0800) {
            return registerOffset(word);
        }
        if ((word & 0x3b00_0000) == 0x1800_0000) {
            return literal(word);
        }
        if ((word & 0x3a00_0000) == 0x2800_0000) {
            return pair(word);
        }
        if ((word & 0x3f00_0000) == 0x0800_0000) {
            return exclusive(word);
        }
        if ((word & 0x3f20_0c00) == 0x3820_0000) {
            return atomic(word);
        }
        return null;
    }

    private static int field(int word, int lsb, int bits) {
        return (word >>> lsb) & ((1 << bits) - 1);
    }

    private static int signed(int value, int bits) {
        return (value << (32 - bits)) >> (32 - bits);
    }

    private static Access access(int word) {
        return MemoryEncoders.access(field(word, 30, 2), field(word, 26, 1), field(word, 22, 2));
    }

    private static String data(char prefix, int code) {
        if (code == 31 && (prefix == 'x' || prefix == 'w')) {
            return prefix + "zr";
        }
        return prefix + Integer.toString(code);
    }

    private static String x(int code) {
        return GpRegister.name(code, true, false);
    }

    private static String w(int code) {
        return GpRegister.name(code, false, false);
    }

    private static String base(int word) {
        return GpRegister.name(field(word, 5, 5), true, true);
    }

    private static String unsignedImmediate(int word) {
        Access a = access(word);
        if (a == null) {
            return null;
        }
        long offset = (long) field(word, 10, 12) << a.scale();
        return a.name() + " " + data(a.registerPrefix(), field(word, 0, 5)) + ", [" + base(word)
                + (offset == 0 ? "]" : ", #" + offset + "]");
    }

    private static String immediate9(int word) {
        Access a = access(word);
        int op = field(word, 10, 2);
        if (a == null || op == 0b10) {
            return null;
        }
        int offset = signed(field(word, 12, 9), 9);
        String rt = data(a.registerPrefix(), field(word, 0, 5));
        return switch (op) {
            case MemoryEncoders.IMM9_UNSCALED -> a.unscaledName() + " " + rt + ", [" + base(word)
                    + (offset == 0 ? "]" : ", #" + offset + "]");
            case MemoryEncoders.IMM9_POST_INDEX -> a.name() + " " + rt + ", [" + base(word) + "], #" + offset;
            default -> a.name() + " " + rt + ", [" + base(word) + ", #" + offset + "]!";
        };
    }

    private static String registerOffset(int word) {
        Access a = access(word);
        int option = field(word, 13, 3);
        if (a == null || (option & 0b010) == 0) {
            return null;
        }
        int rm = field(word, 16, 5);
        boolean scaled = field(word, 12, 1) == 1;
        String index = (option & 1) == 1 ? x(rm) : w(rm);
        String modifier;
        if (option == 0b011) {
            modifier = scaled ? ", lsl #" + a.scale() : "";
        } else {
            modifier = ", " + Extend.fromCode(option).text() + (scaled ? " #" + a.scale() : "");
        }
        return a.name() + " " + data(a.registerPrefix(), field(word, 0, 5)) + ", [" + base(word) + ", " + index
                + modifier + "]";
    }

    private static String literal(int word) {
        int opc = field(word, 30, 2);
        boolean fp = field(word, 26, 1) == 1;
        int rt = field(word, 0, 5);
        long offset = (long) signed(field(word, 5, 19), 19) * 4;
        String target = ", #" + offset;
        if (fp) {
            return switch (opc) {
                case 0 -> "ldr s" + rt + target;
                case 1 -> "ldr d" + rt + target;
                case 2 -> "ldr q" + rt + target;
                default -> null;
            };
        }
        return switch (opc) {
            case 0 -> "ldr " + w(rt) + target;
            case 1 -> "ldr " + x(rt) + target;
            case 2 -> "ldrsw " + x(rt) + target;
            default -> null;
        };
    }

    private static String pair(int word) {
        int opc = field(word, 30, 2);
        boolean fp = field(word, 26, 1) == 1;
        int kind = field(word, 23, 3);
        boolean load = field(word, 22, 1) == 1;
        if ((kind & 0b100) != 0 || opc == 3) {
            return null;
        }
        String name;
        char prefix;
        int scale;
        if (fp) {
            prefix = "sdq".charAt(opc);
            scale = opc + 2;
            name = kind == MemoryEncoders.PAIR_NO_ALLOCATE ? (load ? "ldnp" : "stnp") : (load ? "ldp" : "stp");
        } else if (opc == 1) {
            if (!load || kind == MemoryEncoders.PAIR_NO_ALLOCATE) {
                return null;
            }
            prefix = 'x';
            scale = 2;
            name = "ldpsw";
        } else {
            prefix = opc == 2 ? 'x' : 'w';
            scale = opc == 2 ? 3 : 2;
            name = kind == MemoryEncoders.PAIR_NO_ALLOCATE ? (load ? "ldnp" : "stnp") : (load ? "ldp" : "stp");
        }
        long offset = (long) signed(field(word, 15, 7), 7) << scale;
        String registers = name + " " + data(prefix, field(word, 0, 5)) + ", " + data(prefix, field(word, 10, 5))
                + ", [" + base(word);
        return switch (kind) {
            case MemoryEncoders.PAIR_POST_INDEX -> registers + "], #" + offset;
            case MemoryEncoders.PAIR_PRE_INDEX -> registers + ", #" + offset + "]!";
            default -> registers + (offset == 0 ? "]" : ", #" + offset + "]");
        };
    }

    private static String exclusive(int word) {
        int size = field(word, 30, 2);
        int o2 = field(word, 23, 1);
        int l = field(word, 22, 1);
        int o1 = field(word, 21, 1);
        int rs = field(word, 16, 5);
        int o0 = field(word, 15, 1);
        int rt2 = field(word, 10, 5);
        int rt = field(word, 0, 5);
        String suffix = size == 0 ? "b" : size == 1 ? "h" : "";
        String t = size == 3 ? x(rt) : w(rt);
        String memory = ", [" + base(word) + "]";
        if (o1 == 1 && o2 == 0) {
            if (size < 2) {
                return compareAndSwapPair(word);
            }
            String t2 = size == 3 ? x(rt2) : w(rt2);
            if (l == 1) {
                return rs != 31 ? null : (o0 == 1 ? "ldaxp " : "ldxp ") + t + ", " + t2 + memory;
            }
            return (o0 == 1 ? "stlxp " : "stxp ") + w(rs) + ", " + t + ", " + t2 + memory;
        }
        if (rt2 != 31) {
            return null;
        }
        if (o1 == 1) {
            String name = "cas" + (l == 1 ? "a" : "") + (o0 == 1 ? "l" : "") + suffix;
            String s = size == 3 ? x(rs) : w(rs);
            return name + " " + s + ", " + t + memory;
        }
        if (o2 == 1) {
            if (o0 == 0 || rs != 31) {
                return null;
            }
            return (l == 1 ? "ldar" : "stlr") + suffix + " " + t + memory;
        }
        if (l == 1) {
            return rs != 31 ? null : (o0 == 1 ? "ldaxr" : "ldxr") + suffix + " " + t + memory;
        }
        return (o0 == 1 ? "stlxr" : "stxr") + suffix + " " + w(rs) + ", " + t + memory;
    }

    private static String compareAndSwapPair(int word) {
        boolean wide = field(word, 30, 1) == 1;
        int rs = field(word, 16, 5);
        int rt = field(word, 0, 5);
        if (field(word, 10, 5) != 31 || rs % 2 != 0 || rt % 2 != 0) {
            return null;
        }
        String name = "casp" + (field(word, 22, 1) == 1 ? "a" : "") + (field(word, 15, 1) == 1 ? "l" : "");
        return name + " " + pairText(wide, rs) + ", " + pairText(wide, rt) + ", [" + base(word) + "]";
    }

    private static String pairText(boolean wide, int first) {
        return wide ? x(first) + ", " + x(first + 1) : w(first) + ", " + w(first + 1);
    }

    private static String atomic(int word) {
        if (field(word, 26, 1) != 0) {
            return null;
        }
        int size = field(word, 30, 2);
        int a = field(word, 23, 1);
        int r = field(word, 22, 1);
        int rs = field(word, 16, 5);
        int o3 = field(word, 15, 1);
        int opc = field(word, 12, 3);
        int rt = field(word, 0, 5);
        if (o3 == 1 && opc != 0) {
            return null;
        }
        String suffix = size == 0 ? "b" : size == 1 ? "h" : "";
        String ordering = (a == 1 ? "a" : "") + (r == 1 ? "l" : "");
        String s = size == 3 ? x(rs) : w(rs);
        String memory = ", [" + base(word) + "]";
        if (o3 == 1) {
            return "swp" + ordering + suffix + " " + s + ", " + (size == 3 ? x(rt) : w(rt)) + memory;
        }
        if (rt == 31 && a == 0) {
            return "st" + ATOMIC_OPS[opc] + ordering + suffix + " " + s + memory;
        }
        return "ld" + ATOMIC_OPS[opc] + ordering + suffix + " " + s + ", " + (size == 3 ? x(rt) : w(rt)) + memory;
    }
}
