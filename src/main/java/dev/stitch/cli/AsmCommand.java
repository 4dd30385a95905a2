package dev.stitch.cli;

import dev.stitch.a64.A64SyntaxException;
import dev.stitch.a64.A64TextAssembler;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code stitch asm [-o OUT.bin] FILE.s}: assembles AArch64 assembly ({@code -} reads standard
 * input), prints a listing {@code offset: word  text}, and with {@code -o} writes the raw
 * little-endian bytes: what {@code llvm-mc -filetype=obj} and {@code llvm-objcopy -O binary
 * --only-section=.text} give for the same source.
 */
final class AsmCommand {
    private AsmCommand() {}

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String output = null;
        String input = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-o", "--output" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("asm: -o needs a file name");
                    }
                    output = args[++i];
                }
                default -> {
                    if (args[i].startsWith("-") && !args[i].equals("-")) {
                        throw new UsageException("asm: unknown option '" + args[i] + "'; allowed: -o OUT.bin");
                    }
                    if (input != null) {
                        throw new UsageException("asm: one input file, got '" + input + "' and '" + args[i] + "'");
                    }
                    input = args[i];
                }
            }
        }
        if (input == null) {
            throw new UsageException("asm: no input file; usage: stitch asm [-o OUT.bin] FILE.s (or - for standard input)");
        }
        String source;
        try {
            source = input.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(input));
        } catch (IOException e) {
            err.println("stitch asm: cannot read " + input + ": " + e.getMessage());
            return Main.FAILED;
        }
        A64TextAssembler.Result result;
        try {
            result = A64TextAssembler.assemble(source, input.equals("-") ? "<stdin>" : input);
        } catch (A64SyntaxException e) {
            err.println(e.getMessage());
            return Main.FAILED;
        }
        printListing(result, out);
        if (output != null) {
            try {
                Files.write(Path.of(output), result.bytes());
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
}
