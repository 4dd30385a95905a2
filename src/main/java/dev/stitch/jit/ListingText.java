package dev.stitch.jit;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a listing: headings and lines of bytes with their disassembly and comment, laid out
 * in columns, then the trace's statistics. It formats; what the lines say comes from
 * {@link TraceListing}.
 */
final class ListingText {
    /** Assembly texts longer than this do not widen the comment column. */
    private static final int MAX_TEXT_COLUMN = 34;
    /** Hex digits of the widest common x86-64 instruction (a 10-byte movabs); longer ones push their text right. */
    private static final int MAX_BYTES_COLUMN = 20;

    /** A line of the listing: a heading, or bytes of the trace with their text and comment. */
    private sealed interface Line permits Heading, Bytes {}

    private record Heading(String text) implements Line {}

    /**
     * {@code size} bytes at trace offset {@code offset}: in {@code hex} (empty for a {@code .quad},
     * whose value says them), as {@code text}, with an optional comment.
     */
    private record Bytes(int offset, int size, String hex, String text, String comment) implements Line {}

    private final List<Line> lines = new ArrayList<>();
    private final long base;
    private final int size;

    /** For a trace of {@code size} bytes at {@code base}. */
    ListingText(long base, int size) {
        this.base = base;
        this.size = size;
    }

    void heading(String text) {
        lines.add(new Heading(text));
    }

    void add(int at, int length, String hex, String text, String comment) {
        lines.add(new Bytes(at, length, hex, text, comment));
    }

    /**
     * Address, bytes and text in columns: the bytes padded to the widest (x86-64 instructions
     * differ in length), the text to the widest that has a comment, so that comments line up.
     */
    void format(StringBuilder out) {
        int addressWidth = Long.toHexString(base + Math.max(0, size - 1)).length();
        int hexWidth = 0;
        int textWidth = 0;
        for (Line line : lines) {
            if (line instanceof Bytes b) {
                hexWidth = Math.max(hexWidth, Math.min(MAX_BYTES_COLUMN, b.hex().length()));
                if (b.comment() != null && b.text().length() <= MAX_TEXT_COLUMN) {
                    textWidth = Math.max(textWidth, b.text().length());
                }
            }
        }
        for (Line line : lines) {
            switch (line) {
                case Heading h -> out.append(h.text()).append('\n');
                case Bytes b -> {
                    out.append("    0x").append(pad(Long.toHexString(base + b.offset()), addressWidth)).append("  ")
                            .append(pad(b.hex(), hexWidth)).append("  ");
                    if (b.comment() == null) {
                        out.append(b.text());
                    } else {
                        out.append(pad(b.text(), textWidth)).append("  ; ").append(b.comment());
                    }
                    out.append('\n');
                }
            }
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    void statistics(StringBuilder out, CompiledTrace compiled) {
        TraceStats s = compiled.stats();
        out.append("statistics\n");
        stat(out, "uops", s.uops(), "uops in the trace");
        stat(out, "hot bytes", s.hotBytes(), "stencil code copied for the uops (without elided jumps)");
        stat(out, "cold bytes", s.coldBytes(), "the epilogue, the exit and yield stubs and the resume entry");
        stat(out, "trampoline bytes", s.trampolineBytes(), "per-trace trampolines");
        stat(out, "data bytes", s.dataBytes(), "stencil data: constants, and the literals or trampolines of LITERAL_IN_DATA");
        stat(out, "padding bytes", s.paddingBytes(), "alignment padding anywhere in the trace");
        stat(out, "total bytes", s.totalBytes(), "the size of the trace");
        stat(out, "holes patched", s.holesPatched(), "holes filled with this trace's values");
        stat(out, "jumps elided", s.jumpsElided(), "continuation jumps dropped because the next uop follows");
        stat(out, "trampolines", s.trampolines(), "per-trace trampolines, one per far symbol");
        stat(out, "stencil trampolines", s.stencilTrampolines(), "trampolines carried inside call stencils");
        stat(out, "direct calls", s.directCalls(), "call sites that reach their symbol directly (bl, call rel32)");
        stat(out, "trampolined calls", s.trampolinedCalls(), "call sites that go through a per-trace trampoline");
        double perIteration = IterationCount.ofOrNaN(compiled);
        if (!Double.isNaN(perIteration)) {
            out.append(String.format("  %-20s %6.2f  %s", "instructions/iter", perIteration,
                    "instructions one iteration of the loop runs on its main path (guards hold, side paths skipped)"))
                    .append('\n');
        }
    }

    private static void stat(StringBuilder out, String name, int value, String meaning) {
        out.append(String.format("  %-20s %6d  %s", name, value, meaning)).append('\n');
    }
}
