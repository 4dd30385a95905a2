package dev.stitch.cli;

import dev.stitch.a64.A64Disassembler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code stitch disasm [--base ADDR] FILE.bin}: prints {@code address: word  text} for each
 * little-endian 32-bit word of the file; trailing bytes that make no whole word print as
 * {@code .byte}. Words Stitch does not know print as {@code .inst}.
 */
final class DisasmCommand {
    private DisasmCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        long base = 0;
        String input = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--base")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("disasm: --base needs an address, such as --base 0x400000");
                }
                base = parseAddress(args[++i]);
            } else if (args[i].startsWith("-")) {
                throw new UsageException("disasm: unknown option '" + args[i] + "'; allowed: --base ADDR");
            } else if (input != null) {
                throw new UsageException("disasm: one input file, got '" + input + "' and '" + args[i] + "'");
            } else {
                input = args[i];
            }
        }
        if (input == null) {
            throw new UsageException("disasm: no input file; usage: stitch disasm [--base ADDR] FILE.bin");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(input));
        } catch (IOException e) {
            err.println("stitch disasm: cannot read " + input + ": " + e.getMessage());
            return Main.FAILED;
        }
        int whole = bytes.length / 4 * 4;
        for (int offset = 0; offset < whole; offset += 4) {
            int word = Listing.word(bytes, offset);
            out.printf("%08x: %08x  %s%n", base + offset, word, A64Disassembler.disassemble(word));
        }
        for (int offset = whole; offset < bytes.length; offset++) {
            out.printf("%08x: %02x        .byte 0x%02x%n", base + offset, bytes[offset] & 0xff, bytes[offset] & 0xff);
        }
        out.flush();
        return Main.OK;
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
