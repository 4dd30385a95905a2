package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TraceListingTest {
    /** An instruction or data line: address, then a word and its text, or a {@code .quad}; then maybe a comment. */
    private static final Pattern LINE = Pattern.compile(
            "^    0x([0-9a-f]+) +(?:([0-9a-f]{8})  (.*?)|\\.quad 0x([0-9a-f]+))(?: +; (.*))?$");
    /** An x86-64 line: address, the instruction's bytes and text, or a {@code .quad}; then maybe a comment. */
    private static final Pattern X64_LINE = Pattern.compile(
            "^    0x([0-9a-f]+) +(?:([0-9a-f]{2,30})  (.*?)|\\.quad 0x([0-9a-f]+))(?: +; (.*))?$");
    /** An x86-64 branch or RIP-relative operand still showing its raw displacement. */
    private static final Pattern RAW_X64_TARGET = Pattern.compile("^(?:(?:jmp|call|j[a-z]+) -?\\d+|.*\\[rip [+-] \\d+\\].*)$");
    /** A PC-relative instruction still showing a raw {@code #offset} as its target. */
    private static final Pattern RAW_TARGET = Pattern.compile(
            "^(?:b|bl|b\\.[a-z]+|cbn?z [xw]\\d+,|tbn?z [xw]\\d+, #\\d+,|ldr [xwsdq]\\d+,|adr x\\d+,) #-?\\d+$");

    private static SymbolTable symbols;

    static void noop(long value) {
    }

    @BeforeAll
    static void symbols() throws ReflectiveOperationException {
        symbols = new SymbolTable();
        symbols.libc("labs", 1, CallResult.LONG);
        symbols.libc("getpid", 0, CallResult.INT);
        symbols.libc("strtol", 3, CallResult.LONG);
        symbols.upcall("noop", MethodHandles.lookup().findStatic(TraceListingTest.class, "noop",
                MethodType.methodType(void.class, long.class)));
    }

    @AfterAll
    static void close() {
        symbols.close();
    }

    /** A trace with every kind of place: exits, a data constant, jumps both ways, calls of each kind. */
    private static Trace trace() {
        Trace.Builder b = Trace.builder("mixed", symbols).enter();
        int top = b.next();
        b.load(0).add(Uop.GUARD_TRUE, 1)                      // exit stub
                .load(1).load(0).add(Uop.ADD).store(1)
                .load(0).constant(1).add(Uop.SUB).store(0)
                .constant(0x1234_5678_9abcL).constant(-3).add(Uop.DIV, 2).add(Uop.DROP) // data, movn, another exit
                .call("getpid", 0).add(Uop.DROP)
                .load(1).call("labs", 1).call("noop", 1);      // the upcall has an exit stub too
        b.load(0);
        int jumpAt = b.next();
        b.jump(Uop.JUMP_IF_TRUE, top).load(1).exit(0);
        assertThat(jumpAt).isPositive();
        return b.build();
    }

    /** One parsed line of the listing. */
    private record Row(long address, int size, long value, String text, String comment) {}

    private static List<Row> rows(String listing) {
        return listing.contains(" uops, x86-64, ") ? x64Rows(listing) : a64Rows(listing);
    }

    /** x86-64 lines: the instruction's bytes in memory order (so its value is read big-endian here). */
    private static List<Row> x64Rows(String listing) {
        List<Row> rows = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = X64_LINE.matcher(line);
            if (line.startsWith("    0x")) {
                assertThat(m.matches()).as("line '%s'", line).isTrue();
                long address = Long.parseUnsignedLong(m.group(1), 16);
                if (m.group(2) != null) {
                    String hex = m.group(2);
                    byte[] bytes = java.util.HexFormat.of().parseHex(hex);
                    long value = 0;
                    for (int i = Math.min(bytes.length, 8) - 1; i >= 0; i--) {
                        value = value << 8 | (bytes[i] & 0xFF);
                    }
                    rows.add(new Row(address, bytes.length, value, m.group(3).strip(), m.group(5)));
                } else {
                    rows.add(new Row(address, 8, Long.parseUnsignedLong(m.group(4), 16), ".quad", m.group(5)));
                }
            }
        }
        return rows;
    }

    private static List<Row> a64Rows(String listing) {
        List<Row> rows = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("    0x")) {
                assertThat(m.matches()).as("line '%s'", line).isTrue();
                long address = Long.parseUnsignedLong(m.group(1), 16);
                if (m.group(2) != null) {
                    rows.add(new Row(address, 4, Long.parseLong(m.group(2), 16), m.group(3).strip(), m.group(5)));
                } else {
                    rows.add(new Row(address, 8, Long.parseUnsignedLong(m.group(4), 16), ".quad", m.group(5)));
                }
            }
        }
        return rows;
    }

    private static long valueAt(byte[] bytes, int offset, int size) {
        long value = 0;
        for (int i = Math.min(size, 8) - 1; i >= 0; i--) {
            value = value << 8 | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /** Every word of the bytes is on exactly one line, in order, with its value. */
    private static void assertEveryWordOnce(CompiledTrace compiled, List<Row> rows) {
        byte[] bytes = compiled.bytes();
        int at = 0;
        for (Row row : rows) {
            assertThat(row.address()).as("line after offset %d", at).isEqualTo(compiled.address() + at);
            assertThat(row.value()).as("the value at 0x%x", row.address()).isEqualTo(valueAt(bytes, at, row.size()));
            at += row.size();
        }
        assertThat(at).isEqualTo(bytes.length);
    }

    /**
     * What every listing of {@link #trace()} compiled at 0x10000 shows, on either architecture:
     * every byte once, one name per patched hole, the heading and one header per uop.
     */
    private static List<Row> assertEveryByteOnceAndEveryHoleNamed(CompiledTrace compiled, String listing) {
        List<Row> rows = rows(listing);
        assertEveryWordOnce(compiled, rows);
        long holes = rows.stream().filter(r -> r.comment() != null)
                .mapToLong(r -> Pattern.compile("\\b[A-Z0-9_]+ = ").matcher(r.comment()).results().count()).sum();
        assertThat(holes).as("holes named").isEqualTo(compiled.stats().holesPatched());
        assertThat(listing).startsWith("trace mixed: " + compiled.trace().size() + " uops, "
                + compiled.architecture().displayName() + ", strategy " + compiled.strategy() + ", shape "
                + compiled.shape() + ", " + compiled.size()
                + " bytes at 0x10000 (compiled for inspection, not installed)\nhot code\n");
        for (int i = 0; i < compiled.trace().size(); i++) {
            assertThat(listing).containsPattern("\\n  uop " + i + " +" + Pattern.quote(compiled.trace().uop(i).text()) + " +\\(depth ");
        }
        return rows;
    }

    /** The register shape's listing: every byte once, every hole named (registers included), the register state per uop. */
    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void theRegisterShapeListsEveryByteOnceAndNamesEveryHoleAndRegister(CallStrategy strategy) {
        for (Architecture arch : Architecture.values()) {
            CompiledTrace compiled = new TraceCompiler(arch, strategy, CodeShape.REGISTERS).compileAt(trace(), 0x10000);
            String listing = compiled.listing();
            assertEveryByteOnceAndEveryHoleNamed(compiled, listing);
            assertThat(listing).contains("register shape: ", "; pinned locals: ", "(depth 0; stack []",
                    "no code: folded into its user", "exit stub of uop 2 (GUARD_TRUE 1)", " = d: ", " = a: ");
            assertThat(listing).containsPattern(arch == Architecture.AARCH64 ? "REG_RD = d: x\\d+" : "(MODRM_\\w+|OPCODE_REG) = d: r");
        }
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void listsEveryWordOnceAndNamesEveryHole(CallStrategy strategy) {
        CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, strategy, CodeShape.STACK).compileAt(trace(), 0x10000);
        String listing = compiled.listing();
        List<Row> rows = assertEveryByteOnceAndEveryHoleNamed(compiled, listing);
        assertThat(listing).contains("\ncold code\n  epilogue\n", "\n  exit stub of uop 2 (GUARD_TRUE 1)\n",
                "cbz x0, <exit 1 of uop 2>", "; BRANCH19 = exit", "b <epilogue>", "ldr x0, <data of uop 11>",
                "; ABS64 = operand", "; MOVW_G0 = operand_not", "; LDST_LO12 = oparg_slot",
                "cbnz x9, <exit -1 of uop ", "b <uop 1: LOAD 0>", "ret");
        assertThat(listing.contains("\ntrampolines\n")).isEqualTo(compiled.stats().trampolines() > 0);
        assertThat(listing.contains("\ndata\n")).isEqualTo(compiled.stats().dataBytes() > 0);
        assertThat(listing).contains("\ndata\n  uop 11 CONST 20015998343868\n");
        for (Row row : rows) {
            assertThat(RAW_TARGET.matcher(row.text()).matches() && !row.text().equals("ldr x16, #8"))
                    .as("raw target in '%s'", row.text()).isFalse();
        }
        switch (strategy) {
            case MOVW_PER_CALL -> assertThat(listing).contains("bl <tramp of uop 18: labs>", "   tramp of uop 18: labs\n",
                    "; MOVW_G0_NC = labs", "; MOVW_G1_NC = labs", "; MOVW_G2_NC = labs", "; MOVW_G3 = labs",
                    "b <uop 19: CALL noop 1>");
            case LITERAL_IN_CODE -> assertThat(listing).contains("bl <tramp of uop 18: labs>", "; ABS64 = labs")
                    .containsPattern("\\.quad 0x[0-9a-f]+ +; ABS64 = getpid");
            case LITERAL_IN_DATA -> assertThat(listing).contains("bl <tramp of uop 18: labs>", "; BRANCH26 = data",
                    "\n  uop 18 CALL labs 1\n   tramp of uop 18: labs\n").containsPattern("58000050  ldr x16, #8\\n");
            case PER_TRACE, PER_TRACE_ALWAYS -> assertThat(listing).contains("bl <tramp 0: labs>", "; BRANCH26 = labs",
                    "bl <tramp 1: getpid>", "\n  tramp 0: labs\n", "\n  tramp 2: noop\n")
                    .containsPattern("\\.quad 0x[0-9a-f]+ +; labs\\n");
        }
        if (strategy == CallStrategy.PER_TRACE || strategy == CallStrategy.PER_TRACE_ALWAYS) {
            assertThat(listing).doesNotContain("tramp of uop");
        } else {
            assertThat(listing).doesNotContain("\ntrampolines\n");
        }
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void listsEveryX64ByteOnceAndNamesEveryHole(CallStrategy strategy) {
        CompiledTrace compiled = new TraceCompiler(Architecture.X86_64, strategy, CodeShape.STACK).compileAt(trace(), 0x10000);
        String listing = compiled.listing();
        List<Row> rows = assertEveryByteOnceAndEveryHoleNamed(compiled, listing);
        assertThat(listing).contains("\ncold code\n  epilogue\n", "\n  exit stub of uop 2 (GUARD_TRUE 1)\n",
                "je <exit 1 of uop 2>", "; REL32 = exit", "jmp <epilogue>", "movabs rax, 20015998343868",
                "; ABS64 = operand", "; ABS32S = operand", "; ABS32S = oparg_slot", "; ABS32U = oparg",
                "jne <exit -1 of uop ", "je <yield of uop ", "jmp <uop 1: LOAD 0>", "ret",
                "\n  yield stub of uop ", "lea rax, [<uop 1: LOAD 0>]", "\n  resume entry: ");
        assertThat(listing.contains("\ntrampolines\n")).isEqualTo(compiled.stats().trampolines() > 0);
        assertThat(listing.contains("\ndata\n")).isEqualTo(compiled.stats().dataBytes() > 0);
        for (Row row : rows) {
            assertThat(RAW_X64_TARGET.matcher(row.text()).matches() && !row.text().equals("jmp qword ptr [rip]"))
                    .as("raw target in '%s'", row.text()).isFalse();
        }
        switch (strategy) {
            case MOVW_PER_CALL -> assertThat(listing).contains("movabs r11, ", "; ABS64 = labs")
                    .containsPattern("call r11 +; calls labs\\n").containsPattern("call r11 +; calls getpid\\n");
            case LITERAL_IN_CODE -> assertThat(listing).contains("call <tramp of uop 18: labs>",
                    "   tramp of uop 18: labs\n", "jmp qword ptr [rip]").containsPattern("\\.quad 0x[0-9a-f]+ +; ABS64 = getpid");
            case LITERAL_IN_DATA -> assertThat(listing).contains("call qword ptr [<data of uop 18: labs>]", "; RIP32 = data",
                    "\ndata\n  uop 15 CALL getpid 0\n").containsPattern("\\.quad 0x[0-9a-f]+ +; ABS64 = labs");
            case PER_TRACE, PER_TRACE_ALWAYS -> assertThat(listing).contains("call <tramp 0: labs>", "; REL32 = labs",
                    "call <tramp 1: getpid>", "\n  tramp 0: labs\n", "\n  tramp 2: noop\n", "int3")
                    .containsPattern("\\.quad 0x[0-9a-f]+ +; labs\\n");
        }
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void theTextColumnLinesUpWhateverTheLengthOfTheInstructions(CallStrategy strategy) {
        for (Architecture arch : Architecture.values()) {
            String listing = new TraceCompiler(arch, strategy, CodeShape.STACK).compileAt(trace(), 0x10000).listing();
            Pattern bytesLine = Pattern.compile("^    0x[0-9a-f]+  ([0-9a-f]*) *");
            java.util.Set<Integer> textColumns = new java.util.TreeSet<>();
            for (String line : listing.split("\n")) {
                Matcher m = bytesLine.matcher(line);
                if (m.lookingAt() && m.group(1).length() <= 20) {
                    textColumns.add(m.end());
                }
            }
            assertThat(textColumns).as("%s %s", arch, strategy).hasSize(1);
        }
    }

    @Test
    void labelsOfTheTraceAreShownWhereTheyAreAndWhereJumpsGo() {
        Trace.Builder b = Trace.builder("labelled", symbols).enter();
        b.label("top").load(0);
        b.jump(Uop.JUMP_IF_FALSE, 8).load(0).constant(1).add(Uop.SUB).store(0).jump(Uop.JUMP, 1);
        b.label("done").label("out").exit(0);
        Trace trace = b.build();
        for (Architecture arch : Architecture.values()) {
            String listing = new TraceCompiler(arch, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace, 0x10000).listing();
            assertThat(listing).as(arch.displayName()).contains("\n top:\n  uop 1 LOAD 0 ", "\n  uop 2 JUMP_IF_FALSE done ",
                    "\n  uop 7 JUMP top ", "\n done:\n out:\n  uop 8 EXIT 0 ").doesNotContain("@");
        }
    }

    @Test
    void aLiteralThatLooksLikeTheEndOfATrampolineIsNotNamedOne() {
        // Under LITERAL_IN_DATA the literal before a call's literal is another call's: an address
        // 0x25ffxxxx puts "ff 25" where a trampoline's jmp [rip] would be.
        try (SymbolTable table = new SymbolTable()) {
            table.address("low", 0x25FF_1234L, 0, CallResult.VOID);
            table.address("other", 0x7000_0000_0000L, 0, CallResult.VOID);
            Trace trace = Trace.builder("literals", table).enter().call("low", 0).call("other", 0).exit(0).build();
            String listing = new TraceCompiler(Architecture.X86_64, CallStrategy.LITERAL_IN_DATA, CodeShape.STACK).compileAt(trace, 0x10000)
                    .listing();
            assertThat(listing).contains(".quad 0x25ff1234").doesNotContain("tramp of uop");
        }
    }

    @Test
    void showsElidedJumpsAndPadding() {
        CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, CallStrategy.LITERAL_IN_CODE, CodeShape.STACK).compileAt(trace(), 0x10000);
        String listing = compiled.listing();
        assertThat(listing).contains("  uop 0  ENTER").contains("(depth 0; jump to next elided)");
        long elided = listing.lines().filter(l -> l.contains("jump to next elided")).count();
        assertThat(elided).isEqualTo(compiled.stats().jumpsElided());
        // the statistics count padding between the parts of the trace; a stencil's own alignment nops are code
        List<Row> padding = rows(listing).stream().filter(r -> r.comment() != null && r.comment().startsWith("padding"))
                .toList();
        assertThat(padding.stream().filter(r -> !r.comment().equals("padding inside the stencil")).mapToLong(Row::size)
                .sum()).isEqualTo(compiled.stats().paddingBytes());
        assertThat(padding).allMatch(r -> r.text().equals("nop") || r.text().equals(".word 0"));
        assertThat(listing).contains("nop                           ; padding: uop 18 starts 8-byte aligned\n");
        // five instructions before its trampoline: the call stencil aligns the trampoline's literal itself
        Trace threeArguments = Trace.builder("three", symbols).enter().constant(0).constant(0).constant(0)
                .call("strtol", 3).add(Uop.DROP).exit(0).build();
        String inside = new TraceCompiler(Architecture.AARCH64, CallStrategy.LITERAL_IN_CODE, CodeShape.STACK)
                .compileAt(threeArguments, 0x10000).listing();
        assertThat(inside).containsPattern("nop +; padding inside the stencil\n   tramp of uop 4: strtol\n");
    }

    @Test
    void aBranchIntoAlignmentPaddingIsNamed() {
        boolean padded = false;
        for (int shift = 0; shift < 2; shift++) {
            Trace.Builder b = Trace.builder("padded", symbols).enter();
            for (int i = 0; i < shift; i++) {
                b.constant(1).add(Uop.DROP);
            }
            int top = b.next();
            b.load(0).jump(Uop.JUMP_IF_FALSE, top + 5).call("getpid", 0).add(Uop.DROP).jump(Uop.JUMP, top).exit(0);
            CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, CallStrategy.LITERAL_IN_CODE, CodeShape.STACK).compileAt(b.build(), 0x10000);
            String listing = compiled.listing();
            List<Row> rows = rows(listing);
            assertEveryWordOnce(compiled, rows);
            for (Row row : rows) {
                assertThat(RAW_TARGET.matcher(row.text()).matches() && !row.text().equals("ldr x16, #8"))
                        .as("raw target in '%s'", row.text()).isFalse();
            }
            padded |= listing.contains("cbnz x0, <padding before uop " + (top + 2) + ">");
        }
        assertThat(padded).as("one of the two traces pads before the call").isTrue();
    }

    @Test
    void aDirectCallNamesTheSymbol() {
        Symbol labs = symbols.get("labs");
        long near = (labs.address() - 0x10_0000) & -16L;
        CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace(), near);
        String listing = compiled.listing();
        assertEveryWordOnce(compiled, rows(listing));
        assertThat(compiled.stats().directCalls()).isPositive();
        assertThat(listing).contains("bl labs ").contains("; BRANCH26 = labs").doesNotContain("tramp 0: labs");
    }

    @Test
    void endsWithEveryStatistic() throws ReflectiveOperationException {
        CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace(), 0x10000);
        String listing = compiled.listing();
        String statistics = listing.substring(listing.indexOf("\nstatistics\n"));
        for (RecordComponent component : TraceStats.class.getRecordComponents()) {
            String label = component.getName().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
            Object value = component.getAccessor().invoke(compiled.stats());
            assertThat(statistics).as(component.getName()).containsPattern("\\n  " + label + " +" + value + "  ");
        }
    }

    @Test
    void listsTheInstalledBytes() {
        try (CodeArena arena = CodeArena.create()) {
            for (CallStrategy strategy : CallStrategy.values()) {
                CompiledTrace compiled = new TraceCompiler(Architecture.host(), strategy, CodeShape.STACK).compile(trace(), arena);
                String listing = compiled.listing();
                assertThat(listing).contains(" bytes at 0x" + Long.toHexString(compiled.address()) + " (installed)\n");
                assertEveryWordOnce(compiled, rows(listing));
            }
        }
    }
}
