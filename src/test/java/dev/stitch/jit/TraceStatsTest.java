package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CPython's measured claims about its AArch64 trampolines (docs: background.md), reproduced on
 * Stitch's stencils with {@link TraceCompiler#compileAt}, so on every host: the literal trampoline
 * against the move-wide one (bytes, holes), per-trace trampolines (one per distinct far symbol),
 * data-section trampolines re-enabling jump elision, and the byte accounting of {@link TraceStats}.
 */
class TraceStatsTest {
    /** Where the traces are placed: far (terabytes) from the symbols below and from the C library. */
    private static final long BASE = 0x4000_0000L;
    private static final long FAR = 0x7000_0000_0000L;
    private static final long NEAR = BASE + (64L << 20);
    private static final int LDR_X16_8 = 0x5800_0050;
    private static final int BR_X16 = 0xD61F_0200;

    /** Symbols at made-up addresses: traces that call them are compiled for inspection, never run. */
    private static SymbolTable symbols() {
        SymbolTable symbols = new SymbolTable();
        symbols.address("far0", FAR, 0, CallResult.VOID);
        symbols.address("far1", FAR + 0x1000, 1, CallResult.LONG);
        symbols.address("far1i", FAR + 0x2000, 1, CallResult.INT);
        symbols.address("far2", FAR + 0x3000, 2, CallResult.LONG);
        symbols.address("far4", FAR + 0x4000, 4, CallResult.LONG);
        symbols.address("near1", NEAR, 1, CallResult.LONG);
        symbols.address("near2", NEAR + 0x40, 2, CallResult.LONG);
        return symbols;
    }

    private static CompiledTrace compile(CallStrategy strategy, Trace trace) {
        return new TraceCompiler(Architecture.AARCH64, strategy, CodeShape.STACK).compileAt(trace, BASE);
    }

    private static int align8(int n) {
        return (n + 7) & -8;
    }

    // ---------------------------------------------------------------------------------------------
    // Step 2: ldr x16, #8; br x16; .quad  against  movz/movk x16 ×4; br x16

    @Test
    void theLiteralTrampolineIs16BytesAgainst20BeforePaddingInEveryCallStencil() {
        StencilLibrary movw = StencilLibrary.of(Architecture.AARCH64, CallStrategy.MOVW_PER_CALL);
        StencilLibrary literal = StencilLibrary.of(Architecture.AARCH64, CallStrategy.LITERAL_IN_CODE);
        StencilLibrary plain = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE);
        int equalSizes = 0;
        for (int arity = 0; arity <= Uop.MAX_CALL_ARGUMENTS; arity++) {
            for (CallResult result : CallResult.values()) {
                for (boolean checked : new boolean[] {false, true}) {
                    // The same stencil without a trampoline: argument loads, bl, result, check, b continuation.
                    int body = plain.call(0, arity, result, checked).codeSize();
                    Stencil m = movw.call(0, arity, result, checked);
                    Stencil l = literal.call(0, arity, result, checked);
                    String what = m.name();
                    assertThat(m.codeSize()).as(what).isEqualTo(body + 20);
                    assertThat(m.alignment()).isEqualTo(4);
                    // The literal must be 8-byte aligned: the stencil starts 8-aligned and pads with a nop.
                    int nop = align8(body) - body;
                    assertThat(l.codeSize()).as(what).isEqualTo(body + nop + 16);
                    assertThat(l.alignment()).isEqualTo(8);
                    assertThat(m.codeSize() - l.codeSize()).as(what).isEqualTo(4 - nop);
                    // Holes: four move-wide chunks against one 64-bit literal, plus the continuation each.
                    assertThat(m.holeCount() - l.holeCount()).as(what).isEqualTo(3);
                    equalSizes += nop == 4 ? 1 : 0;
                }
            }
        }
        // Where the body ends 4 bytes past an 8-byte boundary, the nop eats the 4 bytes won.
        assertThat(equalSizes).isPositive();
    }

    /** ENTER, CONST -3 (movn), CALL sym 1, the given tail uops, EXIT 0. */
    private static Trace oneCall(SymbolTable symbols, String symbol, boolean misalign, Uop... tail) {
        Trace.Builder b = Trace.builder("one call", symbols).enter();
        // ENTER is 44 bytes and CONST 8, so the call lands 4 past an 8-byte boundary, unless
        // CONST and DROP (12 bytes) come first.
        if (!misalign) {
            b.constant(-1).add(Uop.DROP);
        }
        b.constant(-3).call(symbol, 1);
        for (Uop uop : tail) {
            b.add(uop);
        }
        return b.exit(0).build();
    }

    private record Pair(TraceStats movw, TraceStats literal) {
        int totalSaved() {
            return movw.totalBytes() - literal.totalBytes();
        }

        int hotSaved() {
            return movw.hotBytes() - literal.hotBytes();
        }

        int paddingSaved() {
            return movw.paddingBytes() - literal.paddingBytes();
        }
    }

    private static Pair pair(Trace trace) {
        return new Pair(compile(CallStrategy.MOVW_PER_CALL, trace).stats(),
                compile(CallStrategy.LITERAL_IN_CODE, trace).stats());
    }

    @Test
    void theLiteralTrampolineSaves8BytesWhenTheMoveWideOneNeedsPaddingAsInCPython() {
        try (SymbolTable symbols = symbols()) {
            // ENTER (52 bytes, jump elided) + CONST, DROP (12) + CONST (8): the call lands 8-aligned at 72. After it,
            // DROP (4) + EXIT (8) + epilogue (44) = 56 bytes, a multiple of 8, so the movz/movk
            // trampoline's 20 bytes cost 24 with the padding before the 8-aligned trampoline
            // section: exactly CPython's "20 bytes + padding" against 16.
            Pair p = pair(oneCall(symbols, "far1", false, Uop.DROP));
            assertThat(p.movw().totalBytes()).isEqualTo(168);
            assertThat(p.literal().totalBytes()).isEqualTo(160);
            assertThat(p.totalSaved()).isEqualTo(8);
            assertThat(p.hotSaved()).as("the trampolines themselves: 20 against 16 bytes").isEqualTo(4);
            assertThat(p.paddingSaved()).as("the 4 bytes that pad the movz/movk version").isEqualTo(4);
            assertThat(p.movw().paddingBytes()).isEqualTo(4);
            assertThat(p.literal().paddingBytes()).isZero();
        }
    }

    @Test
    void whereTheLiteralVersionNeedsThePaddingInsteadTheTotalsAreEqual() {
        try (SymbolTable symbols = symbols()) {
            // With STORE (8) instead of DROP (4) the movz/movk version ends 8-aligned and the
            // literal version needs the 4 bytes of padding: the saving is gone.
            Pair store = pair(oneCall(symbols, "far1", false, Uop.STORE));
            assertThat(store.hotSaved()).isEqualTo(4);
            assertThat(store.paddingSaved()).isEqualTo(-4);
            assertThat(store.totalSaved()).isZero();
            // A call that lands 4 past an 8-byte boundary: the literal stencil is placed 4 bytes later.
            Pair misaligned = pair(oneCall(symbols, "far1", true, Uop.DROP));
            assertThat(misaligned.hotSaved()).isEqualTo(4);
            assertThat(misaligned.literal().paddingBytes() - misaligned.movw().paddingBytes())
                    .as("alignment padding before the literal stencil, none at the end for either")
                    .isEqualTo(4);
            assertThat(misaligned.totalSaved()).isZero();
            // An int result adds sxtw: the literal stencil pads with a nop inside, and is no smaller.
            Pair narrow = pair(oneCall(symbols, "far1i", false, Uop.DROP));
            assertThat(narrow.hotSaved()).isZero();
            assertThat(narrow.totalSaved()).isZero();
            // In every case the difference is exactly the trampolines' 4 bytes, less the padding.
            for (Pair p : List.of(store, misaligned, narrow)) {
                assertThat(p.totalSaved()).isEqualTo(p.hotSaved() + p.paddingSaved());
            }
        }
    }

    @Test
    void theLiteralTrampolinePatchesOneHoleInsteadOfFourAtEveryCallSite() {
        try (SymbolTable symbols = symbols()) {
            for (int sites = 1; sites <= 6; sites++) {
                Trace.Builder b = Trace.builder(sites + " calls", symbols).enter().constant(5);
                for (int i = 0; i < sites; i++) {
                    b.call(i % 2 == 0 ? "far1" : "near1", 1);
                }
                Trace trace = b.add(Uop.DROP).exit(0).build();
                TraceStats movw = compile(CallStrategy.MOVW_PER_CALL, trace).stats();
                TraceStats literal = compile(CallStrategy.LITERAL_IN_CODE, trace).stats();
                assertThat(movw.holesPatched() - literal.holesPatched()).as("%d call sites", sites)
                        .isEqualTo(3 * sites);
                assertThat(movw.stencilTrampolines()).isEqualTo(sites);
                assertThat(literal.stencilTrampolines()).isEqualTo(sites);
                assertThat(movw.trampolines()).isZero();
                assertThat(literal.trampolines()).isZero();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Step 3: trampolines in the data section make the continuation jump last again

    @Test
    void dataSectionTrampolinesLetTheCallsContinuationJumpBeElided() {
        try (SymbolTable symbols = symbols()) {
            for (int sites = 1; sites <= 4; sites++) {
                Trace.Builder b = Trace.builder(sites + " calls", symbols).enter();
                for (int i = 0; i < sites; i++) {
                    b.call("far0", 0);
                }
                Trace trace = b.exit(0).build();
                // ENTER and the calls continue; EXIT does not.
                int continuing = 1 + sites;
                TraceStats code = compile(CallStrategy.LITERAL_IN_CODE, trace).stats();
                TraceStats movw = compile(CallStrategy.MOVW_PER_CALL, trace).stats();
                TraceStats data = compile(CallStrategy.LITERAL_IN_DATA, trace).stats();
                TraceStats perTrace = compile(CallStrategy.PER_TRACE, trace).stats();
                assertThat(code.jumpsElided()).as("only ENTER's jump").isEqualTo(1);
                assertThat(movw.jumpsElided()).isEqualTo(1);
                assertThat(data.jumpsElided()).isEqualTo(continuing);
                assertThat(perTrace.jumpsElided()).isEqualTo(continuing);
                assertThat(data.jumpsElided() - code.jumpsElided()).isEqualTo(sites);
                assertThat(data.dataBytes()).as("one 16-byte trampoline per call site").isEqualTo(16 * sites);
                assertThat(data.stencilTrampolines()).isEqualTo(sites);
            }
        }
        for (CallStrategy strategy : CallStrategy.values()) {
            Stencil call = StencilLibrary.of(Architecture.AARCH64, strategy).call(0, 1, CallResult.LONG, false);
            boolean last = strategy != CallStrategy.MOVW_PER_CALL && strategy != CallStrategy.LITERAL_IN_CODE;
            assertThat(call.endsWithContinuationJump()).as("%s", strategy).isEqualTo(last);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Step 4 and 6: per-trace trampolines, one per distinct far symbol; direct calls when near

    /** Every symbol called from several sites; returns the trace. */
    private static Trace manySites(SymbolTable symbols) {
        Trace.Builder b = Trace.builder("many sites", symbols).enter();
        for (int round = 0; round < 3; round++) {
            b.call("far0", 0)
                    .constant(round).call("far1", 1).call("far1i", 1)
                    .constant(2).call("far2", 2)
                    .constant(1).constant(2).constant(3).call("far4", 4)
                    .call("near1", 1).constant(7).call("near2", 2)
                    .add(Uop.DROP);
        }
        return b.exit(0).build();
    }

    private static List<Long> trampolineTargets(CompiledTrace compiled) {
        ByteBuffer bytes = ByteBuffer.wrap(compiled.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> targets = new ArrayList<>();
        for (int at = 0; at + 16 <= bytes.limit(); at += 4) {
            if (bytes.getInt(at) == LDR_X16_8 && bytes.getInt(at + 4) == BR_X16) {
                assertThat((compiled.address() + at + 8) % 8).as("the literal of the trampoline at %d is aligned", at)
                        .isZero();
                targets.add(bytes.getLong(at + 8));
            }
        }
        return targets;
    }

    @Test
    void perTraceEmitsExactlyOneTrampolinePerDistinctFarSymbol() {
        try (SymbolTable symbols = symbols()) {
            Trace trace = manySites(symbols);
            CompiledTrace compiled = compile(CallStrategy.PER_TRACE, trace);
            TraceStats stats = compiled.stats();
            assertThat(stats.trampolines()).isEqualTo(5);
            assertThat(stats.trampolineBytes()).isEqualTo(5 * 16);
            assertThat(stats.trampolinedCalls()).isEqualTo(15);
            assertThat(stats.directCalls()).isEqualTo(6);
            assertThat(stats.stencilTrampolines()).isZero();
            List<Long> far = List.of(FAR, FAR + 0x1000, FAR + 0x2000, FAR + 0x3000, FAR + 0x4000);
            assertThat(trampolineTargets(compiled)).containsExactlyInAnyOrderElementsOf(far);

            CompiledTrace always = compile(CallStrategy.PER_TRACE_ALWAYS, trace);
            assertThat(always.stats().trampolines()).isEqualTo(7);
            assertThat(always.stats().trampolinedCalls()).isEqualTo(21);
            assertThat(always.stats().directCalls()).isZero();
            assertThat(trampolineTargets(always)).hasSize(7).doesNotHaveDuplicates();
            assertThat(always.size() - compiled.size()).as("two more trampolines").isEqualTo(32);

            // The strategies before per-trace trampolines carry one in every call stencil.
            assertThat(trampolineTargets(compile(CallStrategy.LITERAL_IN_CODE, trace))).hasSize(21);
            assertThat(trampolineTargets(compile(CallStrategy.LITERAL_IN_DATA, trace))).hasSize(21);
            assertThat(trampolineTargets(compile(CallStrategy.MOVW_PER_CALL, trace))).isEmpty();
        }
    }

    @Test
    void aRealLibcSymbolGetsATrampolineWhenFarAndNoneWhenNear() {
        try (SymbolTable symbols = new SymbolTable()) {
            Symbol labs = symbols.libc("labs", 1, CallResult.LONG);
            Trace trace = Trace.builder("labs", symbols).enter().constant(-1).call("labs", 1).call("labs", 1)
                    .call("labs", 1).exit(0).build();
            long far = (labs.address() - (2L << 30)) & -16;
            TraceStats farStats = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace, far).stats();
            assertThat(farStats.trampolines()).isEqualTo(1);
            assertThat(farStats.trampolinedCalls()).isEqualTo(3);
            long near = (labs.address() - (100L << 20)) & -16;
            TraceStats nearStats = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace, near).stats();
            assertThat(nearStats.trampolines()).isZero();
            assertThat(nearStats.directCalls()).isEqualTo(3);
            TraceStats always = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE_ALWAYS, CodeShape.STACK).compileAt(trace, near).stats();
            assertThat(always.trampolines()).isEqualTo(1);
        }
    }

    @Test
    void theReachOfBlDecidesAtTheEdgeOf128MiB() {
        long reach = 128L << 20;
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.address("edge", BASE + 0x1000, 0, CallResult.VOID);
            Trace trace = Trace.builder("edge", symbols).enter().call("edge", 0).exit(0).build();
            // The symbol just within reach of every instruction of the trace, then just beyond it.
            TraceStats inside = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK)
                    .compileAt(trace, BASE + 0x1000 - reach + 0x1000).stats();
            assertThat(inside.trampolines()).isZero();
            TraceStats below = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK)
                    .compileAt(trace, BASE + 0x1000 + reach).stats();
            assertThat(below.trampolines()).as("a bl reaches back 128 MiB exactly, but not from later words").isEqualTo(1);
            TraceStats above = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK)
                    .compileAt(trace, BASE + 0x1000 - reach).stats();
            assertThat(above.trampolines()).as("a bl reaches forward 128 MiB - 4 at most").isEqualTo(1);
        }
    }

    @Test
    void theReachOfCallRel32DecidesAtTheEdgeOf2GiB() {
        long reach = 1L << 31;
        long symbol = 0x40_0000_0000L;
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.address("edge", symbol, 0, CallResult.VOID);
            Trace trace = Trace.builder("edge", symbols).enter().call("edge", 0).exit(0).build();
            TraceCompiler compiler = new TraceCompiler(Architecture.X86_64, CallStrategy.PER_TRACE, CodeShape.STACK);
            int size = compiler.compileAt(trace, symbol).size(); // no trampoline: the symbol is right there
            // Symbol above the trace: the largest displacement is from a call at byte 0, whose field ends at byte 5.
            long lowest = (symbol - (reach - 1) - 5 + 15) & -16;
            assertThat(compiler.compileAt(trace, lowest).stats().trampolines()).isZero();
            assertThat(compiler.compileAt(trace, lowest - 16).stats().trampolines()).isEqualTo(1);
            // Symbol below the trace: the most negative displacement is from the end of the code.
            long highest = (symbol + reach - size) & -16;
            assertThat(compiler.compileAt(trace, highest).stats().trampolines()).isZero();
            assertThat(compiler.compileAt(trace, highest + 32).stats().trampolines()).isEqualTo(1);
        }
    }

    @Test
    void x64TrampolinesAreSixteenBytesOnePerFarSymbol() {
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.address("a", 0x7000_0000_0000L, 1, CallResult.LONG);
            symbols.address("b", 0x7100_0000_0000L, 0, CallResult.INT);
            Trace trace = Trace.builder("x64", symbols).enter().constant(1).call("a", 1).call("a", 1).call("b", 0)
                    .add(Uop.ADD).call("a", 1).exit(0).build();
            CompiledTrace far = new TraceCompiler(Architecture.X86_64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace, BASE);
            TraceStats stats = far.stats();
            assertThat(stats.trampolines()).isEqualTo(2);
            assertThat(stats.trampolineBytes()).isEqualTo(32);
            assertThat(stats.trampolinedCalls()).isEqualTo(4);
            assertThat(stats.jumpsElided()).isEqualTo(trace.size() - 1);
            byte[] bytes = far.bytes();
            int start = bytes.length - stats.dataBytes() - 32;
            assertThat(java.util.Arrays.copyOfRange(bytes, start, start + 8))
                    .containsExactly(0xCC, 0xCC, 0xFF, 0x25, 0, 0, 0, 0);
            assertThat(ByteBuffer.wrap(bytes, start + 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                    .isEqualTo(0x7000_0000_0000L);
            TraceStats data = new TraceCompiler(Architecture.X86_64, CallStrategy.LITERAL_IN_DATA, CodeShape.STACK).compileAt(trace, BASE).stats();
            assertThat(data.trampolines()).isZero();
            assertThat(data.dataBytes()).as("one literal per call site").isEqualTo(4 * 8);
            assertThat(data.stencilTrampolines()).as("call qword ptr [rip + literal] needs none").isZero();
            TraceStats movabs = new TraceCompiler(Architecture.X86_64, CallStrategy.MOVW_PER_CALL, CodeShape.STACK).compileAt(trace, BASE).stats();
            assertThat(movabs.trampolines()).isZero();
            assertThat(movabs.dataBytes()).isZero();
            assertThat(movabs.stencilTrampolines()).as("movabs r11; call r11 needs none").isZero();
            assertThat(movabs.jumpsElided()).isEqualTo(trace.size() - 1);
            TraceStats inCode = new TraceCompiler(Architecture.X86_64, CallStrategy.LITERAL_IN_CODE, CodeShape.STACK).compileAt(trace, BASE).stats();
            assertThat(inCode.stencilTrampolines()).isEqualTo(4);
            assertThat(inCode.jumpsElided()).as("a call stencil's trampoline follows its jump").isEqualTo(trace.size() - 1 - 4);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Byte accounting

    private static Trace randomTrace(SymbolTable symbols, Random random, int number) {
        Trace.Builder b = Trace.builder("random " + number, symbols).enter();
        int depth = 0;
        String[] names = {"far0", "far1", "far1i", "far2", "far4", "near1", "near2"};
        for (int i = 0, n = 5 + random.nextInt(40); i < n; i++) {
            int choice = random.nextInt(10);
            if (choice < 3 || depth < 4) {
                long value = switch (random.nextInt(3)) {
                    case 0 -> random.nextInt(65536);
                    case 1 -> -1 - random.nextInt(65536);
                    default -> random.nextLong();
                };
                b.constant(value);
                depth++;
            } else if (choice < 6) {
                Symbol s = symbols.get(names[random.nextInt(names.length)]);
                b.call(s.name(), s.arity());
                depth += -s.arity() + (s.result() == CallResult.VOID ? 0 : 1);
            } else if (choice < 8) {
                if (random.nextBoolean()) {
                    b.add(Uop.ADD);
                } else {
                    b.add(Uop.DIV, random.nextInt(3));
                }
                depth--;
            } else {
                b.add(Uop.GUARD_TRUE, 9);
                depth--;
            }
        }
        return b.exit(1).build();
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void theBytesAddUp(CallStrategy strategy) {
        Random random = new Random(20240611L + strategy.ordinal());
        try (SymbolTable symbols = symbols()) {
            for (int t = 0; t < 60; t++) {
                Trace trace = randomTrace(symbols, random, t);
                long base = switch (t % 3) {
                    case 0 -> BASE;
                    case 1 -> FAR - (1L << 20);
                    default -> BASE + 8;
                } & -16;
                CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, strategy, CodeShape.STACK).compileAt(trace, base);
                TraceStats s = compiled.stats();
                String what = strategy + " " + trace.name() + ": " + s;
                assertThat(s.hotBytes() + s.coldBytes() + s.trampolineBytes() + s.dataBytes() + s.paddingBytes())
                        .as(what).isEqualTo(s.totalBytes());
                assertThat(s.totalBytes()).as(what).isEqualTo(compiled.bytes().length).isEqualTo(compiled.size());
                assertThat(s.totalBytes() % 8).as("data and trampolines end 8-aligned").isZero();
                assertThat(s.uops()).isEqualTo(trace.size());
                assertThat(s.trampolineBytes()).isEqualTo(16 * s.trampolines());
                assertThat(s.paddingBytes()).isNotNegative();
                int sites = (int) trace.uops().stream().filter(u -> u.uop() == Uop.CALL).count();
                boolean perTrace = strategy == CallStrategy.PER_TRACE || strategy == CallStrategy.PER_TRACE_ALWAYS;
                assertThat(s.directCalls() + s.trampolinedCalls()).isEqualTo(perTrace ? sites : 0);
                assertThat(s.stencilTrampolines()).isEqualTo(perTrace ? 0 : sites);
                assertThat(s.holesPatched()).isPositive();
                assertThat(s.jumpsElided()).isLessThan(trace.size());
            }
        }
    }

    @Test
    void aTraceWithoutCallsHasTheSameStatsUnderEveryStrategy() {
        Trace trace = Trace.builder("no calls", new SymbolTable()).enter()
                .load(0).constant(1L << 40).add(Uop.ADD).load(1).add(Uop.DIV, 3).store(1).loop().build();
        TraceStats first = compile(CallStrategy.values()[0], trace).stats();
        for (CallStrategy strategy : CallStrategy.values()) {
            CompiledTrace compiled = compile(strategy, trace);
            assertThat(compiled.stats()).isEqualTo(first);
            assertThat(compiled.bytes()).isEqualTo(compile(CallStrategy.values()[0], trace).bytes());
        }
        assertThat(first.dataBytes()).isEqualTo(8);
        assertThat(first.trampolines()).isZero();
    }
}
