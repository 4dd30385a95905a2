package dev.stitch.cli;

import dev.stitch.a64.A64Disassembler;
import dev.stitch.x64.X64Disassembler;
import dev.stitch.x64.X64Instruction;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * {@code stitch disasm [--arch aarch64|x86_64] [--base ADDR] FILE.bin}: disassembles raw machine
 * code ({@code FILE} '-' reads standard input). For AArch64 (the default) it prints
 * {@code address: word  text} for each little-endian 32-bit word; trailing bytes that make no whole
 * word print as {@code .byte}, and words Stitch does not know as {@code .inst}. For x86-64 it
 * prints {@code address: bytes  text} per instruction in LLVM's Intel syntax, with the absolute
 * address of a branch target or RIP-relative operand as a {@code #} comment; bytes that do not
 * decode print one at a time as {@code .byte}.
 */
final class DisasmCommand {
    private static final String USAGE = "usage: stitch disasm [--arch aarch64|x86_64] [--base ADDR] FILE.bin";
    /** Hex digits of the widest common instruction (a 10-byte movabs); longer ones push the text right. */
    private static final int X64_BYTES_COLUMN = 20;

    private enum Arch { AARCH64, X86_64 }

    private DisasmCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        long base = 0;
        Arch arch = Arch.AARCH64;
        String input = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--base")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("disasm: --base needs an address, such as --base 0x400000");
                }
                base = parseAddress(args[++i]);
            } else if (args[i].equals("--arch")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("disasm: --arch needs an architecture: aarch64, x86_64 (or x86-64, amd64)");
                }
                arch = parseArch(args[++i]);
            } else if (args[i].startsWith("-") && !args[i].equals("-")) {
                throw new UsageException("disasm: unknown option '" + args[i] + "'; allowed: --arch ARCH, --base ADDR");
            } else if (input != null) {
                throw new UsageException("disasm: one input file, got '" + input + "' and '" + args[i] + "'");
            } else {
                input = args[i];
            }
        }
        if (input == null) {
            throw new UsageException("disasm: no input file; " + USAGE);
        }
        byte[] bytes;
        try {
            bytes = input.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(input));
        } catch (IOException e) {
            err.println("stitch disasm: cannot read " + (input.equals("-") ? "standard input" : input) + ": "
                    + e.getMessage());
            return Main.FAILED;
        }
        if (arch == Arch.X86_64) {
            printX64(bytes, base, out);
        } else {
            printA64(bytes, base, out);
        }
        out.flush();
        return Main.OK;
    }

    private static void printA64(byte[] bytes, long base, PrintStream out) {
        int whole = bytes.length / 4 * 4;
        for (int offset = 0; offset < whole; offset += 4) {
            int word = Listing.word(bytes, offset);
            out.printf("%08x: %08x  %s%n", base + offset, word, A64Disassembler.disassemble(word));
        }
        for (int offset = whole; offset < bytes.length; offset++) {
            out.printf("%08x: %02x        .byte 0x%02x%n", base + offset, bytes[offset] & 0xff, bytes[offset] & 0xff);
        }
    }

    private static void printX64(byte[] bytes, long base, PrintStream out) {
        HexFormat hex = HexFormat.of();
        int offset = 0;
        for (X64Instruction instruction : X64Disassembler.disassemble(bytes, base)) {
            String code = hex.formatHex(bytes, offset, offset + instruction.length());
            out.printf("%08x: %-" + X64_BYTES_COLUMN + "s  %s", instruction.address(), code, instruction.text());
            if (instruction.hasTarget()) {
                out.printf("  # 0x%x", instruction.target());
            }
            out.println();
            offset += instruction.length();
        }
    }

    private static Arch parseArch(String text) {
        return switch (text) {
            case "aarch64", "arm64" -> Arch.AARCH64;
            case "x86_64", "x86-64", "amd64" -> Arch.X86_64;
            default -> throw new UsageException("disasm: unknown architecture '" + text
                    + "'; allowed: aarch64 (also arm64), x86_64 (also x86-64, amd64)");
        };
    }

    private static long parseAddress(String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("disasm: --base takes an address in decimal or 0x hexadecimal, got '" + text + "'");
        }
    }
}
