package dev.stitch.cli;

import dev.stitch.a64.A64SyntaxException;
import dev.stitch.a64.A64TextAssembler;
import dev.stitch.x64.X64SyntaxException;
import dev.stitch.x64.X64TextAssembler;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * {@code stitch asm [--arch aarch64|x86_64] [-o OUT.bin] FILE.s}: assembles AArch64 assembly
 * (the default) or x86-64 assembly in Intel syntax ({@code -} reads standard input), prints a
 * listing ({@code offset: word  text} per AArch64 word, {@code offset: bytes  text} per x86-64
 * statement), and with {@code -o} writes the raw little-endian bytes: what
 * {@code llvm-mc -filetype=obj} and {@code llvm-objcopy -O binary --only-section=.text} give for
 * the same source.
 */
final class AsmCommand {
    private static final String ARCHES = "aarch64 (also arm64), x86_64 (also x86-64, amd64)";
    /** Bytes per row of an x86-64 listing; longer statements (data, padding) continue on more rows. */
    private static final int X64_BYTES_PER_ROW = 10;

    private AsmCommand() {}

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String output = null;
        String input = null;
        boolean x64 = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--arch" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("asm: --arch needs an architecture: " + ARCHES);
                    }
                    x64 = switch (args[++i]) {
                        case "aarch64", "arm64" -> false;
                        case "x86_64", "x86-64", "amd64" -> true;
                        default -> throw new UsageException("asm: unknown architecture '" + args[i] + "'; allowed: " + ARCHES);
                    };
                }
                case "-o", "--output" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("asm: -o needs a file name");
                    }
                    output = args[++i];
                }
                default -> {
                    if (args[i].startsWith("-") && !args[i].equals("-")) {
                        throw new UsageException("asm: unknown option '" + args[i] + "'; allowed: --arch ARCH, -o OUT.bin");
                    }
                    if (input != null) {
                        throw new UsageException("asm: one input file, got '" + input + "' and '" + args[i] + "'");
                    }
                    input = args[i];
                }
            }
        }
        if (input == null) {
            throw new UsageException("asm: no input file; usage: stitch asm [--arch aarch64|x86_64] [-o OUT.bin] FILE.s (or - for standard input)");
        }
        String source;
        try {
            source = input.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(input));
        } catch (IOException e) {
            err.println("stitch asm: cannot read " + input + ": " + e.getMessage());
            return Main.FAILED;
        }
        String name = input.equals("-") ? "<stdin>" : input;
        byte[] bytes;
        if (x64) {
            X64TextAssembler.Result result;
            try {
                result = X64TextAssembler.assemble(source, name);
            } catch (X64SyntaxException e) {
                err.println(e.getMessage());
                return Main.FAILED;
            }
            printX64Listing(result, out);
            bytes = result.bytes();
        } else {
            A64TextAssembler.Result result;
            try {
                result = A64TextAssembler.assemble(source, name);
            } catch (A64SyntaxException e) {
                err.println(e.getMessage());
                return Main.FAILED;
            }
            printListing(result, out);
            bytes = result.bytes();
        }
        if (output != null) {
            try {
                Files.write(Path.of(output), bytes);
            } catch (IOException e) {
                err.println("stitch asm: cannot write " + output + ": " + e.getMessage());
                return Main.FAILED;
            }
        }
        return Main.OK;
    }

    /**
     * One line per word: the statement that produced it (labels included), or for words no
     * statement produced (a literal pool placed at .ltorg, at the end, or early) the word as data.
     */
    private static void printListing(A64TextAssembler.Result result, PrintStream out) {
        byte[] bytes = result.bytes();
        String[] texts = new String[(bytes.length + 3) / 4];
        boolean[] covered = new boolean[texts.length];
        for (A64TextAssembler.Line line : result.lines()) {
            for (long at = line.offset(); at < line.offset() + line.length(); at += 4) {
                int index = (int) (at / 4);
                covered[index] = true;
                texts[index] = at == line.offset() ? line.source() : "";
            }
        }
        for (int i = 0; i < texts.length; i++) {
            int word = Listing.word(bytes, i * 4);
            String text = covered[i] ? texts[i] : String.format("(literal pool) .word 0x%08x", word);
            out.printf("%04x: %08x  %s%n", i * 4, word, text).flush();
        }
    }

    /**
     * One row per x86-64 statement that produced bytes, and per line of labels alone:
     * {@code offset: bytes  text}, the bytes in hex as
     * {@code stitch disasm --arch x86_64} prints them; a statement of more than
     * {@value #X64_BYTES_PER_ROW} bytes (data, alignment padding) continues on rows of bytes alone.
     */
    private static void printX64Listing(X64TextAssembler.Result result, PrintStream out) {
        HexFormat hex = HexFormat.of();
        byte[] bytes = result.bytes();
        for (X64TextAssembler.Line line : result.lines()) {
            if (line.length() == 0) {
                if (line.source().endsWith(":")) {
                    out.printf("%04x: %-" + 2 * X64_BYTES_PER_ROW + "s  %s%n", line.offset(), "", line.source());
                }
                continue; // .intel_syntax, .text, alignment already met: nothing to show
            }
            int start = (int) line.offset();
            int end = (int) (line.offset() + line.length());
            int rowEnd = Math.min(end, start + X64_BYTES_PER_ROW);
            out.printf("%04x: %-" + 2 * X64_BYTES_PER_ROW + "s  %s%n", start, hex.formatHex(bytes, start, rowEnd),
                    line.source());
            for (int at = rowEnd; at < end; at += X64_BYTES_PER_ROW) {
                out.printf("%04x: %s%n", at, hex.formatHex(bytes, at, Math.min(end, at + X64_BYTES_PER_ROW)));
            }
        }
        out.flush();
    }
}
