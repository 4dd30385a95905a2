package dev.stitch.jit;

import dev.stitch.stencil.Backend;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Hole;
import dev.stitch.stencil.HoleKind;
import dev.stitch.stencil.HoleValue;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Trampolines;
import dev.stitch.stencil.Uop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a listing knows about where things are in a compiled trace, from its layout: the holes
 * patched at each offset and their names, the places a branch may land on (uops, stubs,
 * trampolines, data, symbols), and the trampolines stencils carry. It names things; it reads no
 * instruction ({@link TraceListing} does, through the backend).
 */
final class ListingPlaces {
    private final TraceLayout layout;
    private final TrampolinePlan plan;
    private final Trace trace;
    private final Backend backend;
    private final byte[] bytes;
    private final long base;
    private final int dataStart;
    /** Holes patched at each trace offset. */
    final Map<Integer, List<Hole>> holes = new HashMap<>();
    /** The holes at each offset, as {@code KIND = what}. */
    final Map<Integer, String> holeNames = new HashMap<>();
    /** Places a PC-relative target may land on, by address. */
    private final TreeMap<Long, String> places = new TreeMap<>();
    /** Trampolines inside stencils (code or data), by trace offset. */
    final Map<Integer, String> stencilTrampolines = new HashMap<>();
    /** Bytes of each trampoline, by trace offset of its start, to tell its own literal load from a named target. */
    private final TreeMap<Integer, Integer> trampolineExtents = new TreeMap<>();

    ListingPlaces(CompiledTrace compiled, byte[] bytes) {
        this.layout = compiled.layout();
        this.plan = compiled.plan();
        this.trace = layout.trace;
        this.backend = layout.backend;
        this.bytes = bytes;
        this.base = compiled.address();
        this.dataStart = TraceLayout.dataStart(plan.end);
        collectHoles();
        collectPlaces();
    }

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
    static boolean isQuad(HoleKind kind) {
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
    String symbolAt(int offset) {
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
                places.put(base + layout.label(piece.targetCopy, piece.target),
                        "<" + uopName(piece.targetCopy, piece.target) + ": " + trace.text(piece.target) + ">");
            }
        }
        for (int c = layout.plan.copies - 1; c >= 0; c--) {
            for (int i = trace.size() - 1; i >= 0; i--) {
                places.putIfAbsent(base + layout.label(c, i), "<" + uopName(c, i) + ": " + trace.text(i) + ">");
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
    static String uopName(int copy, int uop) {
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

    String trampolineName(int slot) {
        return "tramp " + slot + ": " + plan.targets[slot].name();
    }

    /** The name of the place at {@code target}, reached from trace offset {@code from}, or null. */
    String placeName(long target, int from) {
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
            long label = base + layout.label(piece.copy, piece.uop);
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

    List<Piece> allPieces() {
        List<Piece> all = new ArrayList<>(layout.hot);
        for (Block block : layout.cold) {
            all.addAll(block.pieces);
        }
        return all;
    }

    private int word(int at) {
        int word = 0;
        for (int b = 0; b < 4 && at + b < bytes.length; b++) {
            word |= (bytes[at + b] & 0xFF) << (8 * b);
        }
        return word;
    }
}
