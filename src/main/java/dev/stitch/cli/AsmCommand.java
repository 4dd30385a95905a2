package dev.stitch.cli;

import dev.stitch.a64.A64TextAssembler;
import dev.stitch.asm.AssemblySyntaxException;
import dev.stitch.mem.Architecture;
import dev.stitch.x64.X64TextAssembler;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.HexFormat;

/**
 * {@code stitch asm [--arch aarch64|x86_64] [-o OUT.bin] FILE.s}: assembles AArch64 assembly or
 * x86-64 assembly in Intel syntax, for this JVM's architecture unless {@code --arch} names one
 * ({@code -} reads standard input), prints a listing ({@code offset: word  text} per AArch64
 * word, {@code offset: bytes  text} per x86-64 statement), and with {@code -o} writes the raw
 * little-endian bytes: what {@code llvm-mc -filetype=obj} and
 * {@code llvm-objcopy -O binary --only-section=.text} give for the same source.
 */
final class AsmCommand {
    static final String USAGE = "stitch asm [--arch aarch64|x86_64] [-o OUT.bin] FILE.s";
    /** Bytes per row of an x86-64 listing; longer statements (data, padding) continue on more rows. */
    private static final int X64_BYTES_PER_ROW = 10;

    private AsmCommand() {}

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String output = null;
        String input = null;
        Architecture arch = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(help());
                    return Main.OK;
                }
                case "--arch" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("asm: --arch needs an architecture: " + ArchitectureOption.ALLOWED);
                    }
                    arch = ArchitectureOption.parse("asm", args[++i]);
                }
                case "-o", "--output" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("asm: -o needs a file name");
                    }
                    output = args[++i];
                }
                default -> {
                    if (args[i].startsWith("-") && !args[i].equals(FileArguments.STANDARD_INPUT)) {
                        throw new UsageException("asm: unknown option '" + args[i]
                                + "'; allowed: --arch ARCH, -o OUT.bin, --help");
                    }
                    if (input != null) {
                        throw new UsageException("asm: one input file, got '" + input + "' and '" + args[i] + "'");
                    }
                    input = args[i];
                }
            }
        }
        if (input == null) {
            throw new UsageException("asm: no input file; usage: " + USAGE + " (FILE - reads standard input)");
        }
        boolean x64 = ArchitectureOption.orHost(arch, "asm") == Architecture.X86_64;
        String source = FileArguments.readText(input, stdin);
        String name = FileArguments.sourceName(input);
        byte[] bytes;
        try {
            if (x64) {
                X64TextAssembler.Result result = X64TextAssembler.assemble(source, name);
                printX64Listing(result, out);
                bytes = result.bytes();
            } else {
                A64TextAssembler.Result result = A64TextAssembler.assemble(source, name);
                printListing(result, out);
                bytes = result.bytes();
            }
        } catch (AssemblySyntaxException e) {
            err.println(e.getMessage());
            return Main.FAILED;
        }
        if (output != null) {
            FileArguments.write(output, bytes);
        }
        return Main.OK;
    }

    /** The help of {@code stitch asm --help}. */
    static String help() {
        return "Usage: " + USAGE + "\n" + """
                Assemble a file (FILE - reads standard input) and print a listing: 'offset: word  text'
                per AArch64 word, 'offset: bytes  text' per x86-64 statement. Exit status 1 for a
                syntax error (reported as file:line:column: error: ...), 2 for a usage error.

                  --arch A             what the source is: aarch64 (LLVM/GNU syntax) or x86_64 (Intel
                                       syntax as llvm-mc reads it after .intel_syntax noprefix);
                                       default: this JVM's architecture
                  -o OUT.bin           also write the raw bytes, as llvm-mc -filetype=obj and
                                       llvm-objcopy -O binary --only-section=.text would
                """;
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
