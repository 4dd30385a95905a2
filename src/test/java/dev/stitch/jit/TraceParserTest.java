package dev.stitch.jit;

import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class TraceParserTest {
    /** Every uop kind, labels used forward and backward, {@code @N} targets, comments, mixed case. */
    private static final String EVERY_UOP = """
            # A trace that uses every uop.
            ENTER
            top:                        # @1
              LOAD 0
              JUMP_IF_FALSE done        # forward label
              CONST 5
              const 0x10                # lower case
              Add
              DUP
              DROP
              CONST 3
              SWAP
              OVER
              SUB
              MUL
              CONST 1
              AND
              CONST 2
              OR
              CONST 3
              XOR
              CONST 1
              SHL
              CONST 1
              SHR
              CONST 1
              USHR
              NEG
              NOT
              CONST 7
              DIV 1
              CONST 3
              REM 2
              CONST 1
              LT
              CONST 2
              LE
              CONST 0
              GT
              CONST 0
              GE
              CONST 1
              EQ
              CONST 0
              NE
              GUARD_TRUE 3
              CONST 0
              GUARD_FALSE 4
              LOAD 1
              CONST 0
              ALOAD 5
              LOAD 1
              CONST 0
              CONST 9
              ASTORE 6
              LOAD 1
              ALEN 7
              CALL labs
              CALL getpid 0
              DROP
              DROP
              STORE 2
            \tLOAD 0
            \tJUMP_IF_TRUE @1           # uop index
              JUMP next
            next: LOAD 0
              JUMP_IF_FALSE done
              LOAD 1
              JUMP_IF_TRUE again
              LOOP
            again:
              JUMP top                  # backward label
            done: EXIT 0
            """;

    private SymbolTable symbols;

    @BeforeEach
    void symbols() {
        symbols = new SymbolTable();
        symbols.libc("labs", 1, CallResult.LONG);
        symbols.libc("getpid", 0, CallResult.INT);
    }

    @AfterEach
    void close() {
        symbols.close();
    }

    private Trace parse(String source) {
        return TraceParser.parse(source, "t.uops", symbols);
    }

    private TraceException fails(String source) {
        try {
            parse(source);
        } catch (TraceException e) {
            return e;
        }
        return fail("expected a TraceException for:\n" + source);
    }

    /** Asserts the error is at {@code line:column} of t.uops, quotes {@code sourceLine}, has a caret under the column. */
    private static void at(TraceException e, int line, int column, String sourceLine, String... keyWords) {
        String[] parts = e.getMessage().split("\n", -1);
        assertThat(parts).as(e.getMessage()).hasSize(3);
        assertThat(parts[0]).startsWith("t.uops:" + line + ":" + column + ": error: ");
        assertThat(parts[1]).isEqualTo(sourceLine);
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column - 1; i++) {
            caret.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        assertThat(parts[2]).isEqualTo(caret + "^");
        for (String word : keyWords) {
            assertThat(parts[0]).contains(word);
        }
    }

    private TraceException error(String source, int line, int column, String sourceLine, String... keyWords) {
        TraceException e = fails(source);
        at(e, line, column, sourceLine, keyWords);
        return e;
    }

    @Test
    void aTraceUsingEveryUopParses() {
        Trace trace = parse(EVERY_UOP);
        assertThat(trace.name()).isEqualTo("t");
        Set<Uop> used = trace.uops().stream().map(TraceUop::uop).collect(Collectors.toCollection(() -> EnumSet.noneOf(Uop.class)));
        assertThat(used).containsExactlyInAnyOrder(Uop.values());

        List<TraceUop> uops = trace.uops();
        assertThat(uops.get(0)).isEqualTo(new TraceUop(Uop.ENTER, 0, null, -1));
        assertThat(uops.get(1)).isEqualTo(new TraceUop(Uop.LOAD, 0, null, -1));
        int done = uops.size() - 1;
        assertThat(uops.get(done)).isEqualTo(new TraceUop(Uop.EXIT, 0, null, -1));
        assertThat(uops.get(2)).isEqualTo(new TraceUop(Uop.JUMP_IF_FALSE, 0, null, done));
        assertThat(uops.get(4)).isEqualTo(new TraceUop(Uop.CONST, 16, null, -1));
        assertThat(uops.get(5).uop()).isEqualTo(Uop.ADD);
        assertThat(uops).contains(new TraceUop(Uop.DIV, 1, null, -1), new TraceUop(Uop.ALEN, 7, null, -1),
                new TraceUop(Uop.CALL, 1, symbols.get("labs"), -1),
                new TraceUop(Uop.CALL, 0, symbols.get("getpid"), -1));

        // The jumps at the end: JUMP_IF_TRUE @1, JUMP next, ..., JUMP_IF_TRUE again, LOOP, again: JUMP top.
        int again = done - 1;
        assertThat(uops.get(again)).isEqualTo(new TraceUop(Uop.JUMP, 0, null, 1));
        assertThat(uops.get(again - 1).uop()).isEqualTo(Uop.LOOP);
        assertThat(uops.get(again - 2)).isEqualTo(new TraceUop(Uop.JUMP_IF_TRUE, 0, null, again));
        assertThat(uops.get(again - 4)).isEqualTo(new TraceUop(Uop.JUMP_IF_FALSE, 0, null, done));
        int next = again - 5;
        assertThat(uops.get(next)).isEqualTo(new TraceUop(Uop.LOAD, 0, null, -1));
        assertThat(uops.get(next - 1)).isEqualTo(new TraceUop(Uop.JUMP, 0, null, next));
        assertThat(uops.get(next - 2)).isEqualTo(new TraceUop(Uop.JUMP_IF_TRUE, 0, null, 1));
        assertThat(trace.maxLocal()).isEqualTo(2);
    }

    @Test
    void roundTripsThroughTraceUopText() {
        Trace trace = parse(EVERY_UOP);
        String text = trace.uops().stream().map(TraceUop::text).collect(Collectors.joining("\n"));
        Trace again = TraceParser.parse(text, "again.uops", symbols);
        assertThat(again.uops()).isEqualTo(trace.uops());
        assertThat(again.name()).isEqualTo("again");
    }

    @Test
    void uopNamesAreCaseInsensitive() {
        Trace upper = parse("ENTER\nCONST 1\nJUMP_IF_TRUE x\nx: EXIT 0\n");
        Trace mixed = parse("enter\nConst 1\njump_If_True x\nx: exit 0\n");
        assertThat(mixed.uops()).isEqualTo(upper.uops());
    }

    @Test
    void labelsAreCaseSensitive() {
        error("ENTER\nTop: CONST 1\nJUMP top\n", 3, 6, "JUMP top", "unknown label 'top'", "labels: Top");
    }

    @Test
    void commentsBlankLinesAndLabelLinesAreSkipped() {
        Trace trace = parse("""

                # comment

                ENTER   # trailing comment
                \t\s
                a:
                b: c:   # several labels for one uop
                   CONST 1#no space needed
                JUMP_IF_TRUE a
                CONST 0
                JUMP_IF_FALSE b
                JUMP c
                """);
        assertThat(trace.uops()).containsExactly(
                new TraceUop(Uop.ENTER, 0, null, -1),
                new TraceUop(Uop.CONST, 1, null, -1),
                new TraceUop(Uop.JUMP_IF_TRUE, 0, null, 1),
                new TraceUop(Uop.CONST, 0, null, -1),
                new TraceUop(Uop.JUMP_IF_FALSE, 0, null, 1),
                new TraceUop(Uop.JUMP, 0, null, 1));
    }

    @Test
    void crlfLineEndsAndAByteOrderMarkAreAccepted() {
        assertThat(parse("\uFEFFENTER\r\nEXIT 3\r\n").uops())
                .containsExactly(new TraceUop(Uop.ENTER, 0, null, -1), new TraceUop(Uop.EXIT, 3, null, -1));
        error("ENTER\r\nADD\r\nEXIT 0\r\n", 2, 1, "ADD", "pops 2 value(s)");
    }

    @Test
    void constants() {
        Trace trace = parse("""
                ENTER
                CONST -9223372036854775808
                CONST 9223372036854775807
                CONST 0x7fff_ffff_ffff_ffff
                CONST 0xffffffffffffffff
                CONST 0x8000000000000000
                CONST -0x8000000000000000
                CONST 0x00000000000000000001
                CONST -0x10
                CONST 1_000_000
                CONST +42
                CONST 0XaBc
                CONST -0
                CONST -1
                CONST +0xFFFF_FFFF_FFFF_FFFE
                EXIT 0
                """);
        assertThat(trace.uops().subList(1, trace.size() - 1)).extracting(TraceUop::arg).containsExactly(
                Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, -1L, Long.MIN_VALUE, Long.MIN_VALUE, 1L, -16L,
                1_000_000L, 42L, 0xabcL, 0L, -1L, -2L);
    }

    @Test
    void numericArgumentsAcceptHexAndSeparators() {
        Trace trace = parse("ENTER\nLOAD 0x1_ff\nSTORE 1_0\nEXIT 0xFFFF\n");
        assertThat(trace.uops()).extracting(TraceUop::arg).containsExactly(0L, 511L, 10L, 65535L);
    }

    @Test
    void atTargetsAreUopIndices() {
        Trace trace = parse("ENTER\nCONST 0\nJUMP_IF_TRUE @0x4\nJUMP @1\nEXIT 0\n");
        assertThat(trace.uop(2).target()).isEqualTo(4);
        assertThat(trace.uop(3).target()).isEqualTo(1);
    }

    @Test
    void callArgumentCountDefaultsToTheArity() {
        Trace trace = parse("ENTER\nCONST -5\nCALL labs\nCONST -5\nCALL labs 1\nCALL getpid\nEXIT 0\n");
        assertThat(trace.uop(2)).isEqualTo(trace.uop(4));
        assertThat(trace.uop(2)).isEqualTo(new TraceUop(Uop.CALL, 1, symbols.get("labs"), -1));
        assertThat(trace.uop(5).arg()).isZero();
    }

    @Test
    void traceIsNamedAfterTheFile() {
        assertThat(TraceParser.parse("ENTER\nEXIT 0", "dir/sub\\loop.uops", symbols).name()).isEqualTo("loop");
        assertThat(TraceParser.parse("ENTER\nEXIT 0", "a.b.uops", symbols).name()).isEqualTo("a.b");
        assertThat(TraceParser.parse("ENTER\nEXIT 0", "plain", symbols).name()).isEqualTo("plain");
        assertThat(TraceParser.parse("ENTER\nEXIT 0", ".uops", symbols).name()).isEqualTo(".uops");
    }

    @Test
    void parsesAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("loop.uops");
        Files.writeString(file, "ENTER # ünïcödé comment\ntop: LOAD 0\nJUMP_IF_TRUE top\nEXIT 0\n", StandardCharsets.UTF_8);
        Trace trace = TraceParser.parse(file, symbols);
        assertThat(trace.name()).isEqualTo("loop");
        assertThat(trace.size()).isEqualTo(4);

        Path bad = dir.resolve("bad.uops");
        Files.writeString(bad, "ENTER\nPUSH 1\n", StandardCharsets.UTF_8);
        try {
            TraceParser.parse(bad, symbols);
            fail("expected an error");
        } catch (TraceException e) {
            assertThat(e.getMessage()).startsWith(bad + ":2:1: error: unknown uop 'PUSH'");
        }
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void unknownUopSuggestsCloseNames() {
        TraceException e = error("ENTER\nJMP @1\n", 2, 1, "JMP @1", "unknown uop 'JMP'", "did you mean JUMP?");
        assertThat(e.uopIndex()).isEqualTo(1);
        error("ENTER\n  guard 1\n", 2, 3, "  guard 1", "unknown uop 'guard'", "GUARD_TRUE or GUARD_FALSE");
        error("ENTER\nJUMPIFTRUE x\n", 2, 1, "JUMPIFTRUE x", "did you mean JUMP_IF_TRUE");
        error("ENTER\nCONSTANT 1\n", 2, 1, "CONSTANT 1", "did you mean CONST");
        error("ENTER\npush 1\n", 2, 1, "push 1", "unknown uop 'push'; did you mean CONST");
        error("ENTER\njz x\n", 2, 1, "jz x", "did you mean JUMP_IF_FALSE");
    }

    @Test
    void unknownUopWithoutCloseNamesListsTheUopSet() {
        error("ENTER\nfrobnicate\nEXIT 0", 2, 1, "frobnicate", "unknown uop 'frobnicate'", "dev.stitch.stencil.Uop",
                "ENTER, EXIT, CONST", "JUMP_IF_FALSE");
    }

    @Test
    void labelGluedToTheUop() {
        error("ENTER\nloop:CONST 1\n", 2, 1, "loop:CONST 1", "'loop:CONST'", "followed by a space");
    }

    @Test
    void theCaretKeepsTabs() {
        TraceException e = fails("ENTER\n\t\tBOGUS 1\n");
        assertThat(e.getMessage()).startsWith("t.uops:2:3: error: unknown uop 'BOGUS'")
                .endsWith("\n\t\tBOGUS 1\n\t\t^");
    }

    @Test
    void missingArgument() {
        error("ENTER\nCONST\nEXIT 0", 2, 6, "CONST", "CONST needs a constant");
        error("ENTER\nEXIT   # none", 2, 5, "EXIT   # none", "EXIT needs an exit value (0..65535)");
        error("ENTER\nLOAD\n", 2, 5, "LOAD", "LOAD needs a local slot (0..511)");
        error("ENTER\nDIV\n", 2, 4, "DIV", "DIV needs an exit value");
        error("ENTER\nJUMP\n", 2, 5, "JUMP", "JUMP needs a jump target (a label or @N)");
        error("ENTER\ncall\n", 2, 5, "call", "CALL needs a symbol");
    }

    @Test
    void extraArgument() {
        error("ENTER\nADD 1\n", 2, 5, "ADD 1", "ADD takes no argument; unexpected '1'");
        error("ENTER\nCONST 1 2\n", 2, 9, "CONST 1 2", "CONST takes one argument", "unexpected '2'");
        error("ENTER\nEXIT 0 0\n", 2, 8, "EXIT 0 0", "EXIT takes one argument", "unexpected '0'");
        error("ENTER\nJUMP @1 x\n", 2, 9, "JUMP @1 x", "JUMP takes one argument", "unexpected 'x'");
        error("ENTER\nCONST 1\nCALL labs 1 2\n", 3, 13, "CALL labs 1 2", "CALL takes a symbol and an optional argument count",
                "unexpected '2'");
        error("ENTER\nLOOP top\n", 2, 6, "LOOP top", "LOOP takes no argument");
    }

    @Test
    void malformedNumbers() {
        error("ENTER\nCONST 12a\n", 2, 7, "CONST 12a", "malformed constant '12a'", "decimal or 0x-prefixed hex");
        error("ENTER\nCONST 0x\n", 2, 7, "CONST 0x", "malformed constant '0x'");
        error("ENTER\nCONST 0xg1\n", 2, 7, "CONST 0xg1", "malformed constant");
        error("ENTER\nCONST _1\n", 2, 7, "CONST _1", "malformed constant '_1'");
        error("ENTER\nCONST 1_\n", 2, 7, "CONST 1_", "malformed constant '1_'");
        error("ENTER\nCONST 0x_1\n", 2, 7, "CONST 0x_1", "malformed constant '0x_1'");
        error("ENTER\nCONST -\n", 2, 7, "CONST -", "malformed constant '-'");
        error("ENTER\nCONST --1\n", 2, 7, "CONST --1", "malformed constant '--1'");
        error("ENTER\nCONST 1.5\n", 2, 7, "CONST 1.5", "malformed constant '1.5'");
        error("ENTER\nCONST \uff11\n", 2, 7, "CONST \uff11", "malformed constant");
        error("ENTER\nLOAD x\n", 2, 6, "LOAD x", "malformed local slot 'x'", "non-negative");
        error("ENTER\nEXIT 0b1\n", 2, 6, "EXIT 0b1", "malformed exit value '0b1'");
        error("ENTER\nCALL labs one\n", 2, 11, "CALL labs one", "malformed argument count 'one'");
        error("ENTER\nJUMP @x\n", 2, 7, "JUMP @x", "malformed uop index 'x'");
    }

    @Test
    void numbersOutOfRange() {
        String range = "-9223372036854775808..9223372036854775807";
        error("ENTER\nCONST 9223372036854775808\n", 2, 7, "CONST 9223372036854775808",
                "constant 9223372036854775808 is out of range", range, "0xffffffffffffffff");
        error("ENTER\nCONST -9223372036854775809\n", 2, 7, "CONST -9223372036854775809", "out of range", range);
        error("ENTER\nCONST 0x1_0000_0000_0000_0000\n", 2, 7, "CONST 0x1_0000_0000_0000_0000", "out of range", range);
        error("ENTER\nCONST -0x8000000000000001\n", 2, 7, "CONST -0x8000000000000001", "out of range",
                "-0x8000000000000000");
        error("ENTER\nLOAD 99999999999999999999999\n", 2, 6, "LOAD 99999999999999999999999",
                "local slot 99999999999999999999999 is out of range; allowed 0..511");
        error("ENTER\nSTORE -1\n", 2, 7, "STORE -1", "local slot -1 is out of range; allowed 0..511");
        error("ENTER\nEXIT 0x10000\n", 2, 6, "EXIT 0x10000", "exit value 0x10000 is out of range; allowed 0..65535");
        error("ENTER\nJUMP @99999999999\n", 2, 6, "JUMP @99999999999", "jump target @99999999999 is out of range");
        error("ENTER\nJUMP @-1\n", 2, 6, "JUMP @-1", "jump target @-1 is out of range");
    }

    @Test
    void exitValueAndLocalOutOfRange() {
        TraceException e = error("ENTER\nEXIT 70000\n", 2, 6, "EXIT 70000",
                "exit value 70000 is out of range; allowed 0..65535");
        assertThat(e.uopIndex()).isEqualTo(1);
        error("ENTER\nCONST 1\nGUARD_TRUE 65536\nEXIT 0\n", 3, 12, "GUARD_TRUE 65536", "exit value 65536 is out of range");
        error("ENTER\nLOAD 600\nEXIT 0\n", 2, 6, "LOAD 600", "local slot 600 is out of range; allowed 0..511");
        error("ENTER\nCONST 1\nSTORE 512\nEXIT 0\n", 3, 7, "STORE 512", "local slot 512 is out of range");
    }

    @Test
    void jumpTargetsThatAreNotUops() {
        error("ENTER\nJUMP @9\nEXIT 0\n", 2, 6, "JUMP @9", "jump target @9 is not a uop of the trace",
                "a jump lands on @1..@2");
        error("ENTER\nJUMP @0\n", 2, 6, "JUMP @0", "jump target @0 is the first uop, where no jump may land");
        error("top: ENTER\nJUMP top\n", 2, 6, "JUMP top", "label 'top' (line 1) stands for @0",
                "no jump may land");
        error("ENTER\nJUMP end\nend:   # nothing after\n", 2, 6, "JUMP end",
                "label 'end' (line 3) stands for @2, which is not a uop of the trace", "@1..@1");
        error("ENTER\nJUMP 5\n", 2, 6, "JUMP 5", "malformed jump target '5'; expected a label or @N");
        error("JUMP @0\n", 1, 6, "JUMP @0", "the trace has no uop after @0");
    }

    @Test
    void unknownLabel() {
        error("ENTER\nstart: CONST 1\nsecond: JUMP_IF_TRUE nowhere\nEXIT 0\n", 3, 22, "second: JUMP_IF_TRUE nowhere",
                "unknown label 'nowhere'", "labels: start, second");
        error("ENTER\nJUMP nowhere\n", 2, 6, "JUMP nowhere", "unknown label 'nowhere'", "no labels are defined");
    }

    @Test
    void duplicateAndBadLabels() {
        error("ENTER\na: CONST 1\n  a: EXIT 0\n", 3, 3, "  a: EXIT 0", "duplicate label 'a'",
                "first defined at t.uops:2:1");
        error("ENTER\nb: a: CONST 1\nJUMP b\na: EXIT 0", 4, 1, "a: EXIT 0", "duplicate label 'a'", "t.uops:2:4");
        error("ENTER\n1x: EXIT 0\n", 2, 1, "1x: EXIT 0", "bad label name '1x'");
        error("ENTER\n: EXIT 0\n", 2, 1, ": EXIT 0", "bad label name ''");
        error("ENTER\na-b: EXIT 0\n", 2, 1, "a-b: EXIT 0", "bad label name 'a-b'");
    }

    @Test
    void unknownSymbol() {
        TraceException e = error("ENTER\nCONST 1\nCALL  printf 1\nEXIT 0\n", 3, 7, "CALL  printf 1",
                "no symbol named 'printf'", "defined: labs, getpid");
        assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        error("ENTER\nCALL Labs\n", 2, 6, "CALL Labs", "no symbol named 'Labs'");
    }

    @Test
    void unknownSymbolWithAnEmptyTable() {
        try (SymbolTable empty = new SymbolTable()) {
            TraceParser.parse("ENTER\nCALL labs\nEXIT 0\n", "t.uops", empty);
            fail("expected an error");
        } catch (TraceException e) {
            at(e, 2, 6, "CALL labs", "no symbol named 'labs'; defined: none");
        }
    }

    @Test
    void arityMismatch() {
        error("ENTER\nCONST 1\nCONST 2\nCALL labs 2\nEXIT 0\n", 4, 11, "CALL labs 2",
                "labs takes 1 argument(s), the call passes 2");
        error("ENTER\nCALL getpid 0x1\nEXIT 0\n", 2, 13, "CALL getpid 0x1", "getpid takes 0 argument(s), the call passes 1");
        error("ENTER\nCALL getpid -1\nEXIT 0\n", 2, 13, "CALL getpid -1", "the call passes -1");
    }

    @Test
    void emptyFile() {
        TraceException e = error("", 1, 1, "", "no uops", "ENTER and EXIT");
        assertThat(e.uopIndex()).isEqualTo(-1);
        error("# only a comment\n\n   \n", 1, 1, "# only a comment", "the trace has no uops");
        error("a:\nb:\n", 1, 1, "a:", "the trace has no uops");
    }

    // ---- errors found by Trace.build(), mapped back to lines ------------------------------------

    @Test
    void stackUnderflow() {
        TraceException e = error("ENTER\nADD\nEXIT 0", 2, 1, "ADD",
                "trace t, uop 1 (ADD): pops 2 value(s) but the stack holds 0");
        assertThat(e.uopIndex()).isEqualTo(1);
        assertThat(e.getCause()).isInstanceOf(TraceException.class);
        error("ENTER\nCONST 1\n  lbl: CALL labs\n  ADD\nEXIT 0", 4, 3, "  ADD",
                "uop 3 (ADD): pops 2 value(s) but the stack holds 1");
    }

    @Test
    void missingEnter() {
        TraceException e = error("# no enter\n  CONST 1\nEXIT 0\n", 2, 3, "  CONST 1", "a trace must start with ENTER");
        assertThat(e.uopIndex()).isZero();
    }

    @Test
    void fallsOffTheEnd() {
        error("ENTER\nCONST 1\n\n# end\n", 2, 1, "CONST 1", "control falls off the end of the trace");
        error("ENTER\n", 1, 1, "ENTER", "control falls off the end of the trace");
    }

    @Test
    void enterTwice() {
        TraceException e = error("ENTER\n  enter\nEXIT 0\n", 2, 3, "  enter", "ENTER may only be the first uop");
        assertThat(e.uopIndex()).isEqualTo(1);
    }

    @Test
    void jumpDepthMismatch() {
        error("ENTER\nCONST 1\nJUMP_IF_TRUE out\nCONST 5\nout: EXIT 0\n", 4, 1, "CONST 5",
                "it continues to uop 4 with 1 value(s) on the stack, where another path brings 0");
        error("ENTER\nCONST 1\nCONST 1\nJUMP_IF_TRUE out\nDROP\nout: EXIT 0\n", 5, 1, "DROP",
                "with 0 value(s) on the stack, where another path brings 1");
        error("ENTER\ntop: CONST 1\nLOOP\n", 3, 1, "LOOP", "LOOP goes back to uop 1 with 1 value(s) on the stack, where another path brings 0");
        error("ENTER\ntop: CONST 1\n  JUMP top\n", 3, 3, "  JUMP top", "the jump lands on uop 1 with 1 value(s)");
    }

    @Test
    void aUopReachedOnlyByALaterBackwardJumpIsReachable() {
        Trace trace = parse("ENTER\nJUMP b\na: CONST 1\nDROP\nEXIT 0\nb: JUMP a\n");
        assertThat(trace.depthBefore(2)).isZero();
        assertThat(trace.maxDepth()).isEqualTo(1);
    }

    @Test
    void unreachableUop() {
        error("ENTER\nEXIT 0\n\tCONST 1\nEXIT 1\n", 3, 2, "\tCONST 1", "unreachable");
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aMillionDigitNumberIsRefusedAtOnceAndQuotedShort() {
        TraceException constant = fails("ENTER\nCONST 0x" + "f".repeat(1_000_000) + "\nEXIT 0\n");
        assertThat(constant.getMessage()).contains("constant 0x" + "f".repeat(22) + "... (1000002 chars) is out of range")
                .hasSizeLessThan(800);
        assertThat(fails("ENTER\nCONST -" + "9".repeat(1_000_000) + "\nEXIT 0\n").getMessage()).contains("is out of range");
        assertThat(fails("ENTER\nJUMP @" + "1".repeat(1_000_000) + "\n").getMessage()).contains("is out of range");
        assertThat(fails("ENTER\nLOAD " + "7".repeat(1_000_000) + "\n").getMessage()).contains("is out of range");
        // leading zeros do not make a number long
        assertThat(parse("ENTER\nCONST 0x" + "0".repeat(1_000_000) + "2a\nEXIT 0\n").uops().get(1).arg()).isEqualTo(42);
        assertThat(fails("ENTER\nlabs " + "x".repeat(1_000_000) + "\n").getMessage()).hasSizeLessThan(800);
    }

    @Test
    void anUnknownLabelListsOnlyTheFirstLabels() {
        StringBuilder source = new StringBuilder("ENTER\n");
        for (int i = 0; i < 5000; i++) {
            source.append("l").append(i).append(": CONST 1\nDROP\n");
        }
        source.append("JUMP nowhere\n");
        assertThat(fails(source.toString()).getMessage())
                .contains("unknown label 'nowhere'; labels: l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, ... (5000 labels)");
    }
}
