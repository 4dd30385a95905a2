package dev.stitch.cli;

import dev.stitch.text.ErrorText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The files a command line names: read whole ({@code -} is standard input), as bytes or as
 * UTF-8 text, and written. Every command reads and writes through here, so a failure reads the
 * same everywhere: {@code cannot read f.s: no such file}, {@code is a directory},
 * {@code not UTF-8 at byte 12 (0xff, on line 2)}, {@code cannot write out/f.bin: no such directory}
 * rather than Java's exception texts.
 */
final class FileArguments {
    /** The file name that stands for standard input. */
    static final String STANDARD_INPUT = "-";

    private FileArguments() {}

    /** A file that cannot be read or written; the message says which, and why. */
    static final class FileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileException(String message) {
            super(message);
        }
    }

    /** The name error messages of the parsers give {@code name}: {@code <stdin>} for {@code -}. */
    static String sourceName(String name) {
        return name.equals(STANDARD_INPUT) ? "<stdin>" : name;
    }

    /** All bytes of file {@code name}, or of {@code stdin} for {@code -}. */
    static byte[] readBytes(String name, InputStream stdin) {
        if (name.equals(STANDARD_INPUT)) {
            try {
                return stdin.readAllBytes();
            } catch (IOException e) {
                throw new FileException("cannot read standard input: " + reason(e));
            }
        }
        Path path = path(name, "read");
        if (Files.isDirectory(path)) {
            throw new FileException("cannot read " + shown(name) + ": is a directory");
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new FileException("cannot read " + shown(name) + ": " + reason(e));
        }
    }

    /** The text of file {@code name} (or of {@code stdin} for {@code -}), which must be UTF-8. */
    static String readText(String name, InputStream stdin) {
        byte[] bytes = readBytes(name, stdin);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has fewer bytes than UTF-16 chars
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new FileException("cannot read " + (name.equals(STANDARD_INPUT) ? "standard input" : shown(name))
                    + ": not UTF-8 at byte " + at + " (" + String.format("0x%02x", bytes[at] & 0xff) + ", on line "
                    + lineOf(bytes, at) + ")");
        }
        return out.flip().toString();
    }

    /** Writes {@code bytes} to file {@code name}, replacing what it held. */
    static void write(String name, byte[] bytes) {
        Path path = path(name, "write");
        if (Files.isDirectory(path)) {
            throw new FileException("cannot write " + shown(name) + ": is a directory");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new FileException("cannot write " + shown(name) + ": " + (Files.exists(parent)
                    ? shown(parent.toString()) + " is not a directory" : "no such directory " + shown(parent.toString())));
        }
        try {
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new FileException("cannot write " + shown(name) + ": " + reason(e));
        }
    }

    private static Path path(String name, String verb) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new FileException("cannot " + verb + " " + shown(name) + ": not a file name here (" + e.getReason() + ")");
        }
    }

    /** What went wrong, in the words of the operating system where it has some, without the file name again. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason == null || reason.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        // "Is a directory", "No space left on device": a message goes on after the colon in lower case
        return ErrorText.escape(reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1));
    }

    private static String shown(String name) {
        return ErrorText.escape(name);
    }

    private static int lineOf(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
