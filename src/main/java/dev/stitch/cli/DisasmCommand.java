package dev.stitch.cli;

import dev.stitch.a64.A64Disassembler;
import dev.stitch.mem.Architecture;
import dev.stitch.x64.X64Disassembler;
import dev.stitch.x64.X64Instruction;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.HexFormat;

/**
 * {@code stitch disasm [--arch aarch64|x86_64] [--base ADDR] FILE.bin}: disassembles raw machine
 * code ({@code FILE} '-' reads standard input) of this JVM's architecture unless {@code --arch}
 * names one. For AArch64 it prints {@code address: word  text} for each little-endian 32-bit word;
 * trailing bytes that make no whole word print as {@code .byte}, and words Stitch does not know as
 * {@code .inst}. For x86-64 it prints {@code address: bytes  text} per instruction in LLVM's Intel
 * syntax, with the absolute address of a branch target or RIP-relative operand as a {@code #}
 * comment; bytes that do not decode print one at a time as {@code .byte}. The code must fit below
 * 2^64 at {@code --base}: addresses never wrap.
 */
final class DisasmCommand {
    static final String USAGE = "stitch disasm [--arch aarch64|x86_64] [--base ADDR] FILE.bin";
    /** Hex digits of the widest common instruction (a 10-byte movabs); longer ones push the text right. */
    private static final int X64_BYTES_COLUMN = 20;

    private DisasmCommand() {}

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        long base = 0;
        Architecture arch = null;
        String input = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.print(help());
                return Main.OK;
            } else if (args[i].equals("--base")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("disasm: --base needs an address, such as --base 0x400000");
                }
                base = NumberOption.address("disasm", "--base", args[++i]);
            } else if (args[i].equals("--arch")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("disasm: --arch needs an architecture: " + ArchitectureOption.ALLOWED);
                }
                arch = ArchitectureOption.parse("disasm", args[++i]);
            } else if (args[i].startsWith("-") && !args[i].equals(FileArguments.STANDARD_INPUT)) {
                throw new UsageException("disasm: unknown option '" + args[i]
                        + "'; allowed: --arch ARCH, --base ADDR, --help");
            } else if (input != null) {
                throw new UsageException("disasm: one input file, got '" + input + "' and '" + args[i] + "'");
            } else {
                input = args[i];
            }
        }
        if (input == null) {
            throw new UsageException("disasm: no input file; usage: " + USAGE + " (FILE - reads standard input)");
        }
        Architecture target = ArchitectureOption.orHost(arch, "disasm");
        byte[] bytes = FileArguments.readBytes(input, in);
        AddressSpace.requireFits("disasm", base, bytes.length, 1, "the " + bytes.length + " bytes of "
                + FileArguments.sourceName(input));
        if (target == Architecture.X86_64) {
            printX64(bytes, base, out);
        } else {
            printA64(bytes, base, out);
        }
        return Main.OK;
    }

    /** The help of {@code stitch disasm --help}. */
    static String help() {
        return "Usage: " + USAGE + "\n" + """
                Disassemble raw machine code (FILE - reads standard input). AArch64: 'address: word
                text' per little-endian word. x86-64: 'address: bytes  text' per instruction, in
                Intel syntax as llvm-mc prints it, with branch and RIP-relative targets as
                '# 0xADDR' comments. Exit status 1 if the file cannot be read, 2 for a usage error.

                  --arch A             aarch64 or x86_64 (default: this JVM's architecture)
                  --base ADDR          the address of the first byte (default 0), decimal or 0x hex;
                                       the code must end at or below 0xffffffffffffffff
                """;
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
}
