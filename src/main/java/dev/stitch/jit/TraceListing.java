package dev.stitch.jit;

import dev.stitch.stencil.Backend;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Hole;
import dev.stitch.stencil.HoleKind;
import dev.stitch.stencil.HoleValue;
import dev.stitch.stencil.Instruction;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Trampolines;
import dev.stitch.stencil.Uop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The listing of a compiled trace: the disassembly of the bytes it actually has (read back from
 * executable memory when installed), in layout order — hot code by uop, cold code (the epilogue
 * and the exit stubs), per-trace trampolines, data — then the statistics.
 *
 * <p>Every instruction is read from {@link CompiledTrace#bytes()} and disassembled with
 * the architecture's disassembler ({@link Backend#decode}); nothing comes from a stencil's template
 * text. What the layout knows is used only to name things: each patched hole is named on its line
 * ({@code ; BRANCH19 = exit}, {@code ; REL32 = continuation}), a PC-relative target that lands on a
 * known place is shown by name instead of its raw offset ({@code b <uop 1: LOAD 0>},
 * {@code cbz x0, <exit 1 of uop 2>}, {@code call <tramp 0: labs>}, {@code bl labs} for a direct
 * call, {@code ldr x0, <data of uop 10>}, {@code call qword ptr [<data of uop 4: labs>]}), a call
 * through a register names its symbol too ({@code call r11  ; calls labs}), the labels of the
 * trace stand before their uops and for jump targets ({@code JUMP_IF_FALSE done}), alignment
 * padding is marked as such, 8-byte literals print as {@code .quad}, and an elided continuation
 * jump is mentioned where it would have been. The instruction bytes are one column, padded to the
 * widest, so that the text column lines up whatever the length of x86-64 instructions.
 * Bytes no part of the layout accounts for (there should be none) are listed at the end rather
 * than hidden.
 */
final class TraceListing {
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

    private final CompiledTrace compiled;
    private final TraceLayout layout;
    private final TrampolinePlan plan;
    private final Trace trace;
    private final Backend backend;
    private final byte[] bytes;
    private final long base;
    private final int dataStart;
    /** Holes patched at each trace offset, as {@code KIND = what}. */
    private final Map<Integer, List<Hole>> holes = new HashMap<>();
    private final Map<Integer, String> holeNames = new HashMap<>();
    /** Places a PC-relative target may land on, by address. */
    private final TreeMap<Long, String> places = new TreeMap<>();
    /** Trampolines inside stencils (code or data), by trace offset. */
    private final Map<Integer, String> stencilTrampolines = new HashMap<>();
    /** Bytes of each trampoline, by trace offset of its start, to tell its own literal load from a named target. */
    private final TreeMap<Integer, Integer> trampolineExtents = new TreeMap<>();
    private final boolean[] covered;
    private final List<Line> lines = new ArrayList<>();

    private TraceListing(CompiledTrace compiled) {
        this.compiled = compiled;
        this.layout = compiled.layout();
        this.plan = compiled.plan();
        this.trace = layout.trace;
        this.backend = layout.backend;
        this.bytes = compiled.bytes();
        this.base = compiled.address();
        this.dataStart = TraceLayout.dataStart(plan.end);
        this.covered = new boolean[bytes.length];
        collectHoles();
        collectPlaces();
    }

    /** The listing of {@code trace}'s bytes, ending with its statistics. */
    static String of(CompiledTrace trace) {
        return new TraceListing(trace).render();
    }

    // ---- what the layout says is where -------------------------------------------------------

    private void collectHoles() {
        for (Piece piece : layout.hot) {
            addHoles(piece);
        }
        for (Block block : layout.cold) {
            for (Piece piece : block.pieces) {
                addHoles(piece);
            }
        }
    }

    /** The holes of {@code piece} that were patched. */
    private void addHoles(Piece piece) {
        int uop = piece.uop;
        int at = piece.offset;
        int copied = piece.length;
        int data = piece.data < 0 ? -1 : dataStart + piece.data;
        for (Hole hole : piece.stencil.holes()) {
            if (!hole.inData() && hole.offset() >= copied) {
                continue; // the elided continuation jump
            }
            int offset = (hole.inData() ? data : at) + hole.offset();
            holes.computeIfAbsent(offset, k -> new ArrayList<>()).add(hole);
            String name = hole.kind() + " = " + describe(hole, piece);
            holeNames.merge(offset, name, (a, b) -> a + ", " + b);
            if (hole.value() == HoleValue.SYMBOL && !TraceLayout.routedCall(hole)) {
                Backend.StencilTrampoline trampoline = backend.stencilTrampoline(bytes, offset, hole.kind());
                // Only a trampoline of this very stencil: a literal before ours may belong to another.
                if (trampoline != null && trampoline.start() >= (hole.inData() ? data : at)) {
                    int start = trampoline.start();
                    stencilTrampolines.put(start, "tramp of uop " + uop + ": " + symbolName(hole));
                    places.put(base + start + trampoline.entry(), "<tramp of uop " + uop + ": " + symbolName(hole) + ">");
                    trampolineExtents.put(start, trampoline.size());
                }
            }
        }
    }

    /** An 8-byte value hole: a literal, listed as {@code .quad}. */
    private static boolean isQuad(HoleKind kind) {
        return kind.isData() && kind.size() == 8;
    }

    private String symbolName(Hole hole) {
        if (hole.value() != HoleValue.SYMBOL) {
            return null;
        }
        Symbol symbol = layout.symbolsByOrdinal[hole.symbol()];
        return symbol != null ? symbol.name() : "symbol #" + hole.symbol();
    }

    /** The symbol whose address an 8-byte hole at trace offset {@code offset} holds, or null. */
    private String symbolAt(int offset) {
        List<Hole> here = holes.get(offset);
        if (here == null) {
            return null;
        }
        Hole hole = here.getFirst();
        return isQuad(hole.kind()) && hole.value() == HoleValue.SYMBOL ? symbolName(hole) : null;
    }

    private void collectPlaces() {
        for (Symbol symbol : layout.symbolsByOrdinal) {
            if (symbol != null) {
                places.put(symbol.address(), symbol.name());
            }
        }
        // A uop folded into its user has no code of its own: the address is named after the uop
        // whose code starts there, or after the uop a jump goes to.
        for (Piece piece : layout.hot) {
            places.putIfAbsent(base + piece.offset, "<" + uopName(piece.copy, piece.uop) + ": " + trace.text(piece.uop) + ">");
        }
        for (Piece piece : allPieces()) {
            if (piece.target >= 0) {
                places.put(base + layout.label[piece.targetCopy][piece.target],
                        "<" + uopName(piece.targetCopy, piece.target) + ": " + trace.text(piece.target) + ">");
            }
        }
        for (int c = layout.plan.copies - 1; c >= 0; c--) {
            for (int i = trace.size() - 1; i >= 0; i--) {
                places.putIfAbsent(base + layout.label[c][i], "<" + uopName(c, i) + ": " + trace.text(i) + ">");
            }
        }
        for (Block block : layout.cold) {
            String name = switch (block.kind) {
                case EPILOGUE -> "<epilogue>";
                case EXIT -> "<" + exitName(block) + ">";
                case YIELD -> "<yield of " + uopName(block.copy, block.uop) + ">";
                case RELOAD -> "<reload for " + uopName(block.copy, block.uop) + ">";
                case RESUME -> "<resume entry>";
            };
            places.putIfAbsent(base + block.offset, name);
        }
        for (int s = 0; s < plan.count; s++) {
            int start = plan.start + s * Trampolines.TRAMPOLINE_BYTES;
            places.put(base + start + plan.entry, "<" + trampolineName(s) + ">");
            trampolineExtents.put(start, Trampolines.TRAMPOLINE_BYTES);
        }
    }

    /** {@code uop 7}, or {@code uop 7 (copy 2)} in an unrolled loop's later copies. */
    private static String uopName(int copy, int uop) {
        return copy == 0 ? "uop " + uop : "uop " + uop + " (copy " + (copy + 1) + ")";
    }

    /** What a hole holds: its value, and for register holes the register's name. */
    private String describe(Hole hole, Piece piece) {
        return switch (hole.value()) {
            case REGISTER_D -> "d: " + registerName(piece.d);
            case REGISTER_A -> "a: " + registerName(piece.a);
            case REGISTER_B -> "b: " + registerName(piece.b);
            case REGISTER_C -> "c: " + registerName(piece.c);
            default -> hole.describe(symbolName(hole));
        };
    }

    private String registerName(int number) {
        return StencilLibrary.of(layout.architecture, layout.strategy).registerStencils().registers().name(number);
    }

    private String exitName(Block block) {
        TraceUop u = trace.uop(block.uop);
        return "exit " + (u.uop() == Uop.CALL ? FrameLayout.UPCALL_FAILED_EXIT : u.arg()) + " of "
                + uopName(block.copy, block.uop);
    }

    private String trampolineName(int slot) {
        return "tramp " + slot + ": " + plan.targets[slot].name();
    }

    /** The name of the place at {@code target}, reached from trace offset {@code from}, or null. */
    private String placeName(long target, int from) {
        long offset = target - base;
        if (offset >= 0 && offset < bytes.length) {
            Map.Entry<Integer, Integer> trampoline = trampolineExtents.floorEntry((int) offset);
            if (trampoline != null && offset > trampoline.getKey() && offset < trampoline.getKey() + trampoline.getValue()
                    && from >= trampoline.getKey() && from < trampoline.getKey() + trampoline.getValue()) {
                return null; // a trampoline's load of its own literal: the raw offset says it best
            }
        }
        String name = places.get(target);
        if (name != null) {
            return name;
        }
        Piece previous = null;
        for (Piece piece : layout.hot) {
            long start = base + piece.offset;
            if (previous != null && target >= base + previous.offset + previous.length && target < start) {
                return "<padding before " + uopName(piece.copy, piece.uop) + ">"; // falls through the nops
            }
            long label = base + layout.label[piece.copy][piece.uop];
            if (target > start && target < start + piece.length) {
                return "<" + uopName(piece.copy, piece.uop) + " + " + (target - label) + ">"; // inside the uop's code
            }
            previous = piece;
        }
        for (Piece piece : allPieces()) {
            if (piece.data >= 0) {
                long start = base + dataStart + piece.data;
                if (target >= start && target < start + piece.stencil.dataSize()) {
                    String symbol = symbolAt((int) (target - base));
                    return "<data of " + uopName(piece.copy, piece.uop) + (target == start ? "" : " + " + (target - start))
                            + (symbol != null ? ": " + symbol : "") + ">";
                }
            }
        }
        return null;
    }

    private List<Piece> allPieces() {
        List<Piece> all = new ArrayList<>(layout.hot);
        for (Block block : layout.cold) {
            all.addAll(block.pieces);
        }
        return all;
    }

    // ---- walking the bytes ----------------------------------------------------------------------

    private String render() {
        heading("trace " + trace.name() + ": " + trace.size() + " uops, " + layout.architecture.displayName()
                + ", strategy " + layout.strategy + ", shape " + layout.shape() + ", "
                + bytes.length + " bytes at 0x" + Long.toHexString(base)
                + (compiled.isInstalled() ? " (installed)" : " (compiled for inspection, not installed)"));
        hotCode();
        coldCode();
        if (plan.count > 0) {
            heading("trampolines");
            for (int s = 0; s < plan.count; s++) {
                int start = plan.start + s * Trampolines.TRAMPOLINE_BYTES;
                heading("  " + trampolineName(s));
                code(start, start + Trampolines.LITERAL_OFFSET, null);
                quad(start + Trampolines.LITERAL_OFFSET, plan.targets[s].name());
            }
        }
        padding(plan.end, dataStart, "  padding (data aligned to 8)");
        if (layout.dataSize > 0) {
            heading("data");
            int cursor = dataStart;
            for (Piece piece : allPieces()) {
                if (piece.data < 0) {
                    continue;
                }
                int at = dataStart + piece.data;
                padding(cursor, at, "  padding");
                heading("  " + uopName(piece.copy, piece.uop) + " " + trace.text(piece.uop));
                data(at, at + piece.stencil.dataSize());
                cursor = at + piece.stencil.dataSize();
            }
            padding(cursor, bytes.length, "  padding");
        }
        unaccounted();
        StringBuilder out = new StringBuilder();
        format(out);
        statistics(out);
        return out.toString();
    }

    private void hotCode() {
        heading("hot code");
        if (layout.plan.pinned != null) {
            heading("  " + layout.plan.pinned);
        }
        int indexWidth = String.valueOf(trace.size() - 1).length();
        int textWidth = 0;
        for (int i = 0; i < trace.size(); i++) {
            textWidth = Math.max(textWidth, trace.text(i).length());
        }
        int cursor = 0;
        int k = 0;
        List<Piece> hot = layout.hot;
        for (int c = 0; c < layout.plan.copies; c++) {
            if (layout.plan.copies > 1) {
                heading(" copy " + (c + 1) + " of " + layout.plan.copies + " of the loop body"
                        + (c == 0 ? " (unrolled; only the last copy's back-edges poll)" : ""));
            }
            for (int i = c == 0 ? 0 : 1; i < trace.size(); i++) {
                int first = k;
                while (k < hot.size() && hot.get(k).copy == c && hot.get(k).uop == i) {
                    k++;
                }
                boolean elided = k > first && hot.get(k - 1).elided();
                for (String label : trace.labels(i)) {
                    heading(" " + label + ":");
                }
                String state = layout.plan.states == null ? "" : "; " + layout.plan.states[i];
                String shown = k == first && layout.plan.states != null ? "; no code: folded into its user" : "";
                heading(String.format("  uop %-" + indexWidth + "d %-" + textWidth + "s  (depth %d%s%s%s)", i,
                        trace.text(i), trace.depthBefore(i), state, shown, elided ? "; jump to next elided" : ""));
                for (int p = first; p < k; p++) {
                    Piece piece = hot.get(p);
                    code(cursor, piece.offset, "padding: " + uopName(c, i) + " starts " + piece.stencil.alignment()
                            + "-byte aligned");
                    code(piece.offset, piece.offset + piece.length, null);
                    cursor = piece.offset + piece.length;
                }
            }
        }
    }

    private void coldCode() {
        heading("cold code");
        for (Block block : layout.cold) {
            switch (block.kind) {
                case EPILOGUE -> heading("  epilogue");
                case EXIT -> heading("  exit stub of " + uopName(block.copy, block.uop) + " (" + trace.text(block.uop) + ")"
                        + (trace.uop(block.uop).uop() == Uop.CALL ? ": the upcall threw" : ""));
                case YIELD -> heading("  yield stub of " + uopName(block.copy, block.uop) + " (" + trace.text(block.uop)
                        + "): the fuel is spent, back to Java");
                case RELOAD -> heading("  reload for " + uopName(block.copy, block.uop)
                        + ": a resumed trace loads its registers, then goes on");
                case RESUME -> heading("  resume entry: where a yielded trace goes on");
            }
            int cursor = block.offset;
            for (Piece piece : block.pieces) {
                code(cursor, piece.offset, "padding");
                code(piece.offset, piece.offset + piece.length, null);
                cursor = piece.offset + piece.length;
            }
        }
        padding(layout.coldEnd, plan.start, "  padding (trampolines aligned to 8)");
    }

    /**
     * Instructions in {@code [from, to)}, each with {@code note}; 8-byte holes where an
     * instruction would start (trampoline literals) print as {@code .quad}.
     */
    private void code(int from, int to, String note) {
        for (int at = from; at < to; ) {
            int quad = trampolineOrQuad(at, to);
            at += quad > 0 ? quad : instruction(at, to, note);
        }
    }

    /**
     * Heads a stencil's trampoline starting at {@code at}, and lists an 8-byte hole there as a
     * {@code .quad}: returns 8 if it did, else 0.
     */
    private int trampolineOrQuad(int at, int to) {
        String trampoline = stencilTrampolines.get(at);
        if (trampoline != null) {
            heading("   " + trampoline);
        }
        if (isQuadHole(at) && at + 8 <= to) {
            quad(at, null);
            return 8;
        }
        return 0;
    }

    /** Data in {@code [from, to)}: holes as {@code .quad}/{@code .word}, zero words as padding, other words as code. */
    private void data(int from, int to) {
        for (int at = from; at < to; ) {
            int quad = trampolineOrQuad(at, to);
            if (quad > 0) {
                at += quad;
            } else if (holes.containsKey(at) && holes.get(at).getFirst().kind().isData()
                    && holes.get(at).getFirst().kind().size() == 4) {
                add(at, 4, "", String.format(".word 0x%08x", word(at)), holeNames.get(at));
                at += 4;
            } else if (trap(at) != null && !holes.containsKey(at)) {
                Instruction filler = trap(at);
                add(at, filler.length(), filler.hex(), filler.trapText(), "padding");
                at += filler.length();
            } else {
                at += instruction(at, to, null);
            }
        }
    }


    private boolean isQuadHole(int at) {
        List<Hole> here = holes.get(at);
        return here != null && isQuad(here.getFirst().kind());
    }

    private void padding(int from, int to, String heading) {
        if (from < to) {
            heading(heading);
            for (int at = from; at < to; ) {
                Instruction filler = trap(at);
                if (filler != null) {
                    add(at, filler.length(), filler.hex(), filler.trapText(), "padding");
                    at += filler.length();
                } else {
                    at += instruction(at, to, "padding");
                }
            }
        }
    }

    /** The instruction at {@code at} if it is padding that traps, else null. */
    private Instruction trap(int at) {
        Instruction insn = backend.decode(bytes, at, base);
        return insn.trapText() != null ? insn : null;
    }

    /** One instruction at {@code at} (not past {@code to}), disassembled, its target and holes named; returns its size. */
    private int instruction(int at, int to, String note) {
        Instruction insn = backend.decode(bytes, at, base);
        if (at + insn.length() > to) {
            // An instruction would run past its section: show the section's bytes one by one.
            add(at, 1, String.format("%02x", bytes[at] & 0xFF), String.format(".byte 0x%02x", bytes[at] & 0xFF), note);
            return 1;
        }
        String text = insn.text();
        if (insn.hasTarget()) {
            String name = placeName(insn.target(), at);
            if (name != null) {
                text = insn.textWithTarget(name);
            }
        }
        String comment = null;
        for (int b = at; b < at + insn.length(); b++) {
            String hole = holeNames.get(b);
            if (hole != null) {
                comment = comment == null ? hole : comment + ", " + hole;
            }
        }
        String callee = registerCallee(at, text);
        if (callee != null) {
            comment = comment == null ? callee : comment + "; " + callee;
        }
        if (comment == null && note == null && insn.filler()) {
            comment = "padding inside the stencil";
        } else if (note != null) {
            comment = comment == null ? note : comment + "; " + note;
        }
        add(at, insn.length(), insn.hex(), text, comment);
        return insn.length();
    }

    /**
     * {@code calls labs} for the {@code call r11} of {@code movabs r11, labs; call r11}: the
     * symbol a call through a register reaches, named as every other call names its symbol.
     */
    private String registerCallee(int at, String text) {
        if (!text.equals("call r11") || at < 10 || (bytes[at - 10] & 0xFF) != 0x49 || (bytes[at - 9] & 0xFF) != 0xBB) {
            return null;
        }
        String symbol = symbolAt(at - 8);
        return symbol == null ? null : "calls " + symbol;
    }

    private void quad(int at, String comment) {
        long value = (word(at) & 0xFFFF_FFFFL) | (long) word(at + 4) << 32;
        String holeName = holeNames.get(at);
        add(at, 8, "", ".quad 0x" + Long.toHexString(value), holeName != null ? holeName : comment);
    }

    /** Bytes the walk did not reach: listed, so that the listing shows every byte there is. */
    private void unaccounted() {
        boolean first = true;
        for (int b = 0; b < covered.length; ) {
            if (covered[b]) {
                b++;
                continue;
            }
            if (first) {
                heading("bytes no part of the layout accounts for");
                first = false;
            }
            int end = b;
            while (end < covered.length && !covered[end]) {
                end++;
            }
            b &= -backend.instructionAlignment();
            code(b, end, "not accounted for");
            b = Math.max(end, b + 1);
        }
    }

    private int word(int at) {
        int word = 0;
        for (int b = 0; b < 4 && at + b < bytes.length; b++) {
            word |= (bytes[at + b] & 0xFF) << (8 * b);
        }
        return word;
    }

    private void heading(String text) {
        lines.add(new Heading(text));
    }

    private void add(int at, int size, String hex, String text, String comment) {
        for (int b = at; b < at + size && b < bytes.length; b++) {
            covered[b] = true;
        }
        lines.add(new Bytes(at, size, hex, text, comment));
    }

    // ---- text -------------------------------------------------------------------------------

    /**
     * Address, bytes and text in columns: the bytes padded to the widest (x86-64 instructions
     * differ in length), the text to the widest that has a comment, so that comments line up.
     */
    private void format(StringBuilder out) {
        int addressWidth = Long.toHexString(base + Math.max(0, bytes.length - 1)).length();
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

    private void statistics(StringBuilder out) {
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
