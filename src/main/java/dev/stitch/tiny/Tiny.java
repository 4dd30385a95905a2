package dev.stitch.tiny;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Entry point of the tiny language: compiles source text to a {@link Program} of stack bytecode,
 * which {@link Program#run} interprets. The language is described in the package documentation.
 *
 * <pre>{@code
 * Program program = Tiny.compile("print(6 * 7)", "answer.tiny");
 * RunResult result = program.run(System.out);   // prints 42
 * result.error().ifPresent(System.err::println);
 * program.run(System.out, InterpreterHooks.NONE, 64 << 20);  // its arrays may take 64 MiB in all
 * }</pre>
 */
public final class Tiny {
    /** The usual extension of tiny source files. */
    public static final String EXTENSION = ".tiny";

    private Tiny() {}

    /**
     * Compiles {@code source}.
     *
     * @param source the program text
     * @param fileName the name messages give the file (syntax errors here, runtime errors later)
     * @return the compiled program
     * @throws TinySyntaxException if the text is not a valid program: the message has file, line,
     *     column, what was expected and found, the line and a caret
     */
    public static Program compile(String source, String fileName) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fileName, "fileName");
        SourceText text = new SourceText(source, fileName);
        return Compiler.compile(Parser.parse(text), text);
    }

    /**
     * Reads {@code file} as UTF-8 and compiles it; messages name it as {@code file.toString()}.
     *
     * @throws IOException if the file cannot be read
     * @throws TinySyntaxException if the text is not a valid program
     */
    public static Program compile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return compile(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }
}
