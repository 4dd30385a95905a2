package dev.stitch.tiny;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a {@code .tiny} file and its name, split into lines, so that errors can quote the
 * line they are about.
 */
final class SourceText {
    private final String fileName;
    private final String text;
    private final List<String> lines;

    SourceText(String text, String fileName) {
        // A byte-order mark is not part of the program; dropping it keeps column 1 where the user sees it.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.fileName = fileName;
        this.lines = splitLines(this.text);
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(stripCarriageReturn(text.substring(start, i)));
                start = i + 1;
            }
        }
        lines.add(stripCarriageReturn(text.substring(start)));
        return lines;
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    String fileName() {
        return fileName;
    }

    String text() {
        return text;
    }

    /** The text of 1-based line {@code line}, without its line break; empty past the end. */
    String line(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    /** A syntax error at {@code position}, quoting its line. */
    TinySyntaxException error(Position position, String message) {
        return new TinySyntaxException(fileName, position.line(), position.column(), line(position.line()), message);
    }
}
