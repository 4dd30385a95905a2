package dev.stitch.jit;

import dev.stitch.stencil.Backend;
import dev.stitch.stencil.Hole;
import dev.stitch.stencil.Instruction;
import dev.stitch.stencil.Trampolines;
import dev.stitch.stencil.Uop;

import java.util.List;

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
    private final CompiledTrace compiled;
    private final TraceLayout layout;
    private final TrampolinePlan plan;
    private final Trace trace;
    private final Backend backend;
    private final byte[] bytes;
    private final long base;
    private final int dataStart;
    private final ListingPlaces places;
    private final ListingText text;
    private final boolean[] covered;

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
        this.places = new ListingPlaces(compiled, bytes);
        this.text = new ListingText(base, bytes.length);
    }

    /** The listing of {@code trace}'s bytes, ending with its statistics. */
    static String of(CompiledTrace trace) {
        return new TraceListing(trace).render();
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
                heading("  " + places.trampolineName(s));
                code(start, start + Trampolines.LITERAL_OFFSET, null);
                quad(start + Trampolines.LITERAL_OFFSET, plan.targets[s].name());
            }
        }
        padding(plan.end, dataStart, "  padding (data aligned to 8)");
        if (layout.dataSize > 0) {
            heading("data");
            int cursor = dataStart;
            for (Piece piece : places.allPieces()) {
                if (piece.data < 0) {
                    continue;
                }
                int at = dataStart + piece.data;
                padding(cursor, at, "  padding");
                heading("  " + ListingPlaces.uopName(piece.copy, piece.uop) + " " + trace.text(piece.uop));
                data(at, at + piece.stencil.dataSize());
                cursor = at + piece.stencil.dataSize();
            }
            padding(cursor, bytes.length, "  padding");
        }
        unaccounted();
        StringBuilder out = new StringBuilder();
        text.format(out);
        text.statistics(out, compiled);
        return out.toString();
    }

    private void hotCode() {
        heading("hot code");
        TracePlan described = layout.describedPlan();
        if (described.pinned != null) {
            heading("  " + described.pinned);
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
                String state = described.states == null ? "" : "; " + described.states[i];
                String shown = k == first && described.states != null ? "; no code: folded into its user" : "";
                heading(String.format("  uop %-" + indexWidth + "d %-" + textWidth + "s  (depth %d%s%s%s)", i,
                        trace.text(i), trace.depthBefore(i), state, shown, elided ? "; jump to next elided" : ""));
                for (int p = first; p < k; p++) {
                    Piece piece = hot.get(p);
                    code(cursor, piece.offset, "padding: " + ListingPlaces.uopName(c, i) + " starts " + piece.stencil.alignment()
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
                case EXIT -> heading("  exit stub of " + ListingPlaces.uopName(block.copy, block.uop) + " (" + trace.text(block.uop) + ")"
                        + (trace.uop(block.uop).uop() == Uop.CALL ? ": the upcall threw" : ""));
                case YIELD -> heading("  yield stub of " + ListingPlaces.uopName(block.copy, block.uop) + " (" + trace.text(block.uop)
                        + "): the fuel is spent, back to Java");
                case RELOAD -> heading("  reload for " + ListingPlaces.uopName(block.copy, block.uop)
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
        String trampoline = places.stencilTrampolines.get(at);
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
            } else if (places.holes.containsKey(at) && places.holes.get(at).getFirst().kind().isData()
                    && places.holes.get(at).getFirst().kind().size() == 4) {
                add(at, 4, "", String.format(".word 0x%08x", word(at)), places.holeNames.get(at));
                at += 4;
            } else if (trap(at) != null && !places.holes.containsKey(at)) {
                Instruction filler = trap(at);
                add(at, filler.length(), filler.hex(), filler.trapText(), "padding");
                at += filler.length();
            } else {
                at += instruction(at, to, null);
            }
        }
    }


    private boolean isQuadHole(int at) {
        List<Hole> here = places.holes.get(at);
        return here != null && ListingPlaces.isQuad(here.getFirst().kind());
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
            String name = places.placeName(insn.target(), at);
            if (name != null) {
                text = insn.textWithTarget(name);
            }
        }
        String comment = null;
        for (int b = at; b < at + insn.length(); b++) {
            String hole = places.holeNames.get(b);
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
        String symbol = places.symbolAt(at - 8);
        return symbol == null ? null : "calls " + symbol;
    }

    private void quad(int at, String comment) {
        long value = (word(at) & 0xFFFF_FFFFL) | (long) word(at + 4) << 32;
        String holeName = places.holeNames.get(at);
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

    private void heading(String line) {
        text.heading(line);
    }

    private void add(int at, int size, String hex, String line, String comment) {
        for (int b = at; b < at + size && b < bytes.length; b++) {
            covered[b] = true;
        }
        text.add(at, size, hex, line, comment);
    }

    private int word(int at) {
        int word = 0;
        for (int b = 0; b < 4 && at + b < bytes.length; b++) {
            word |= (bytes[at + b] & 0xFF) << (8 * b);
        }
        return word;
    }
}
