package dev.stitch.cli;

import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Linker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TraceCommandTest {
    private static final String SUM = "examples/traces/sum.uops";
    private static final String CALLS = "examples/traces/calls.uops";
    /** A PC-relative instruction that still shows a raw {@code #offset} for its target. */
    private static final Pattern RAW_TARGET = Pattern.compile(
            "(?m)^    0x[0-9a-f]+ +[0-9a-f]{8}  (?:b|bl|b\\.[a-z]+|cbn?z [xw]\\d+,|tbn?z [xw]\\d+, #\\d+,|ldr [xw]\\d+,) #-?\\d+");
    /** An x86-64 relative branch or RIP-relative operand that still shows its raw displacement. */
    private static final Pattern RAW_X64_TARGET = Pattern.compile(
            "(?m)^    0x[0-9a-f]+ +[0-9a-f]+ +(?:(?:jmp|call|j[a-z]+) -?\\d+$|.*\\[rip [+-] \\d+\\])");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static boolean aarch64() {
        return Architecture.host() == Architecture.AARCH64;
    }

    private static void assertNoRawTargetsButTrampolineLiterals(String listing) {
        assertThat(RAW_TARGET.matcher(listing).results().map(r -> r.group())
                .filter(line -> !line.endsWith("ldr x16, #8"))).as("raw targets").isEmpty();
        assertThat(RAW_X64_TARGET.matcher(listing).results().map(r -> r.group())
                .filter(line -> !line.endsWith("jmp qword ptr [rip]"))).as("raw x86-64 targets").isEmpty();
    }

    @Test
    void printsTheListingOfATraceFile() {
        CliRun outcome = run("trace", "--arch", "aarch64", "--shape", "stack", SUM);
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.status()).isZero();
        String out = outcome.out();
        if (aarch64()) {
            assertThat(out).startsWith("# installed in a CodeArena (").contains(" (installed)\nhot code\n");
        } else {
            assertThat(out).startsWith("# compiled at 0x10000 (the default base) for inspection: this JVM runs on x86-64")
                    .contains("\ntrace sum: 19 uops, aarch64, strategy PER_TRACE, shape STACK, ")
                    .contains(" bytes at 0x10000 (compiled for inspection, not installed)\nhot code\n");
        }
        assertThat(out).contains("\n  uop 0  ENTER ", "\n  uop 4  GUARD_TRUE 1 ", "\n  uop 6  JUMP_IF_FALSE done ", "\n top:\n  uop 5  LOAD 0 ",
                "\n done:\n  uop 16 LOAD 1 ", "\n  uop 15 JUMP top ",
                "\n  uop 17 CALL print_long 1 ", "\n  uop 18 EXIT 0 ",
                "cbz x0, <exit 1 of uop 4>", "; BRANCH19 = exit", "; LDST_LO12 = oparg_slot", "; MOVW_G0 = operand",
                "b <uop 16: LOAD 1>", "b <uop 5: LOAD 0>", "cbnz x9, <exit -1 of uop 17>", "b <epilogue>",
                "\ncold code\n  epilogue\n", "\n  exit stub of uop 4 (GUARD_TRUE 1)\n",
                "\n  exit stub of uop 17 (CALL print_long 1): the upcall threw\n", "\nstatistics\n  uops  ",
                "\n  trampolined calls ");
        assertNoRawTargetsButTrampolineLiterals(out);
    }

    @Test
    void printsTheX64ListingOfATraceFile() {
        CliRun outcome = run("trace", "--arch", "x86_64", "--shape", "stack", SUM);
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.status()).isZero();
        String out = outcome.out();
        if (!aarch64()) {
            assertThat(out).startsWith("# installed in a CodeArena (").contains(" (installed)\nhot code\n");
        } else {
            assertThat(out).startsWith("# compiled at 0x10000 (the default base) for inspection: this JVM runs on aarch64")
                    .contains(" bytes at 0x10000 (compiled for inspection, not installed)\nhot code\n");
        }
        assertThat(out).contains("\ntrace sum: 19 uops, x86-64, strategy PER_TRACE, ",
                "\n  uop 0  ENTER ", "\n  uop 4  GUARD_TRUE 1 ", "\n  uop 6  JUMP_IF_FALSE done ", "\n top:\n  uop 5  LOAD 0 ",
                "\n done:\n  uop 16 LOAD 1 ", "\n  uop 15 JUMP top ",
                "\n  uop 17 CALL print_long 1 ", "\n  uop 18 EXIT 0 ", "push rbp", "mov r13, rdi",
                "je <exit 1 of uop 4>", "; REL32 = exit", "; ABS32S = oparg_slot", "; ABS32S = operand",
                "je <uop 16: LOAD 1>", "jmp <uop 5: LOAD 0>", "jne <exit -1 of uop 17>", "jmp <epilogue>",
                "\ncold code\n  epilogue\n", "\n  exit stub of uop 4 (GUARD_TRUE 1)\n",
                "\n  exit stub of uop 17 (CALL print_long 1): the upcall threw\n", "\nstatistics\n  uops  ",
                "\n  trampolined calls ");
        assertNoRawTargetsButTrampolineLiterals(out);
    }

    @Test
    void perTraceAlwaysCallsThroughNamedTrampolinesOnX64() {
        CliRun outcome = run("trace", "--arch", "x86-64", "--strategy", "per_trace_always", "--base", "0x400000", CALLS);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("# compiled at 0x400000 (--base) for inspection\n")
                .contains("call <tramp 0: labs>", "call <tramp 1: getpid>", "call <tramp 2: print_long>",
                        "call <tramp 3: print_char>", "; REL32 = labs", "\ntrampolines\n  tramp 0: labs\n",
                        "jmp qword ptr [rip]", "int3")
                .containsPattern("\\n    0x[0-9a-f]+  ff2500000000 +jmp qword ptr \\[rip\\]\\n")
                .containsPattern("\\n    0x[0-9a-f]+  cc +int3 +; padding\\n")
                .containsPattern("\\.quad 0x[0-9a-f]+ +; print_char\\n")
                .containsPattern("\\n  trampolines +4  ");
        assertNoRawTargetsButTrampolineLiterals(outcome.out());
    }

    @Test
    void perTraceAlwaysCallsThroughNamedTrampolines() {
        CliRun outcome = run("trace", "--arch", "aarch64", "--strategy", "per_trace_always", "--base", "0x400000", CALLS);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("# compiled at 0x400000 (--base) for inspection\n")
                .contains("bl <tramp 0: labs>", "bl <tramp 1: getpid>", "bl <tramp 2: print_long>",
                        "bl <tramp 3: print_char>", "; BRANCH26 = labs", "\ntrampolines\n  tramp 0: labs\n",
                        "58000050  ldr x16, #8", "d61f0200  br x16")
                .containsPattern("\\.quad 0x[0-9a-f]+ +; print_char\\n")
                .containsPattern("\\n  trampolines +4  ");
        assertNoRawTargetsButTrampolineLiterals(outcome.out());
    }

    @Test
    void aSymbolInReachIsCalledDirectlyByName() {
        long labs = Linker.nativeLinker().defaultLookup().find("labs").orElseThrow().address();
        long near = (labs - 0x10_0000) & -16L;
        CliRun outcome = run("trace", "--arch", "aarch64", "--base", "0x" + Long.toHexString(near), CALLS);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).contains("bl labs ", "bl getpid ", "; BRANCH26 = labs").doesNotContain("tramp 0: labs")
                .containsPattern("\\n  direct calls +[234]  ");
        assertNoRawTargetsButTrampolineLiterals(outcome.out());
        CliRun x64 = run("trace", "--arch", "x86_64", "--base", "0x" + Long.toHexString(near), CALLS);
        assertThat(x64.status()).isZero();
        assertThat(x64.out()).contains("call labs ", "call getpid ", "; REL32 = labs").doesNotContain("tramp 0: labs")
                .containsPattern("\\n  direct calls +[2345]  ");
        assertNoRawTargetsButTrampolineLiterals(x64.out());
    }

    @Test
    void everyStrategyNamesItsTrampolines() {
        for (CallStrategy strategy : CallStrategy.values()) {
            CliRun outcome = run("trace", "--arch", "aarch64", "--strategy", strategy.name(), "--shape", "stack", "--base", "0x10000", CALLS);
            assertThat(outcome.status()).as(strategy.name()).isZero();
            assertThat(outcome.out()).contains("strategy " + strategy + ", ");
            assertNoRawTargetsButTrampolineLiterals(outcome.out());
            if (strategy == CallStrategy.PER_TRACE || strategy == CallStrategy.PER_TRACE_ALWAYS) {
                assertThat(outcome.out()).contains("bl <tramp 0: labs>");
            } else {
                assertThat(outcome.out()).contains("bl <tramp of uop 4: labs>", "   tramp of uop 4: labs\n");
            }
            CliRun x64 = run("trace", "--arch", "x86_64", "--strategy", strategy.name(), "--shape", "stack", "--base", "0x10000", CALLS);
            assertThat(x64.status()).as(strategy.name()).isZero();
            assertNoRawTargetsButTrampolineLiterals(x64.out());
            assertThat(x64.out()).contains(switch (strategy) {
                case PER_TRACE, PER_TRACE_ALWAYS -> "call <tramp 0: labs>";
                case LITERAL_IN_CODE -> "call <tramp of uop 4: labs>";
                case LITERAL_IN_DATA -> "call qword ptr [<data of uop 4: labs>]";
                case MOVW_PER_CALL -> "call r11                     ; calls labs";
            });
        }
    }

    @Test
    void strategyAllComparesEveryStrategyInOneTable() {
        CliRun outcome = run("trace", "--arch", "aarch64", "--strategy", "all", "--shape", "stack", "--base", "0x10000",
                CALLS);
        assertThat(outcome.status()).isZero();
        String out = outcome.out();
        assertThat(out).startsWith("trace calls: 12 uops, aarch64, compiled at 0x10000 (--base) for inspection\n")
                .containsPattern("\\nshape +strategy +total +hot +cold +tramp bytes +data +padding +holes +elided"
                        + " +trampolines +in-stencil +direct\\n");
        long rows = out.lines().filter(l -> l.matches("STACK +[A-Z_]+( +\\d+){11}")).count();
        assertThat(rows).isEqualTo(5);
        for (CallStrategy strategy : CallStrategy.values()) {
            assertThat(out).containsPattern("\\nSTACK +" + strategy + " +\\d+")
                    .containsPattern("\\n  " + strategy + " +\\d+ bytes in \\d+ stencils\\n");
        }
        assertThat(out).containsPattern("\\nSTACK +PER_TRACE_ALWAYS +320 +184 +68 +64 +0 +4 +17 +11 +4 +0 +0\\n");
    }

    @Test
    void shapeAllComparesBothShapesUnderEveryStrategy() {
        for (Architecture arch : Architecture.values()) {
            String out = run("trace", "--arch", arch.displayName(), "--strategy", "all", "--shape", "all", "--base",
                    "0x10000", CALLS).out();
            for (String shape : new String[] {"REGISTERS", "STACK"}) {
                for (CallStrategy strategy : CallStrategy.values()) {
                    assertThat(out).containsPattern("\\n" + shape + " +" + strategy + "( +\\d+){11}\\n");
                }
            }
        }
        assertThat(run("trace", "--shape", "all", "--base", "0x10000", SUM).out())
                .containsPattern("\\nSTACK +PER_TRACE( +\\d+){11}\\nREGISTERS +PER_TRACE( +\\d+){11}\\n");
    }

    @Test
    void strategyAllSaysWhatACallIsUnderEachStrategyOnEitherArchitecture() {
        for (Architecture arch : Architecture.values()) {
            String out = run("trace", "--arch", arch.displayName(), "--strategy", "all", "--base", "0x10000", CALLS).out();
            assertThat(out).contains("\ncall sites per strategy on " + arch.displayName() + ":\n");
            for (CallStrategy strategy : CallStrategy.values()) {
                assertThat(out).containsPattern("\\n  " + strategy + " +" + Pattern.quote(TraceCommand.callSite(strategy, arch))
                        + "\\n");
            }
        }
        assertThat(TraceCommand.callSite(CallStrategy.MOVW_PER_CALL, Architecture.X86_64))
                .isEqualTo("movabs r11, symbol; call r11 (no trampoline)");
        assertThat(TraceCommand.callSite(CallStrategy.MOVW_PER_CALL, Architecture.AARCH64))
                .isEqualTo("bl to a trampoline in the stencil's code: movz/movk x16 (x4); br x16");
    }

    @Test
    void runExecutesTheTraceOnThisJvm() {
        assertThat(run("trace", "--run", "100,0", SUM)).isEqualTo(new CliRun(0,
                "5050\nexit 0\nlocals: 0, 5050\nstack: (empty)\n", ""));
        assertThat(run("trace", "--run", "-5,7", SUM)).isEqualTo(new CliRun(0,
                "exit 1\nlocals: -5, 7\nstack: (empty)\n", ""));
        CliRun calls = run("trace", "--strategy", "MOVW_PER_CALL", "--run", "", CALLS);
        assertThat(calls.status()).isZero();
        assertThat(calls.out()).matches("42\n!\nexit 0\nlocals: \\d+\nstack: 42  \\(bottom first\\)\n");
        CliRun listed = run("trace", "--run", "3,0", "--listing", SUM);
        assertThat(listed.out()).startsWith("# installed in a CodeArena (").contains(" (installed)\nhot code\n")
                .endsWith("\n6\nexit 0\nlocals: 0, 6\nstack: (empty)\n");
    }

    @Test
    void runForTheOtherArchitectureSaysWhereToRunIt() {
        CliRun outcome = run("trace", "--arch", aarch64() ? "x86_64" : "aarch64", "--run", "100,0", SUM);
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        if (aarch64()) {
            assertThat(outcome.err()).startsWith("stitch trace: --run executes the x86-64 code and this JVM runs on aarch64")
                    .contains("leave out --arch to run it here");
        } else {
            assertThat(outcome.err()).startsWith("stitch trace: --run executes the aarch64 code and this JVM runs on x86-64")
                    .contains("scripts/stitch --aarch64 trace --run 100,0 " + SUM);
        }
    }

    @Test
    void parseErrorsNameFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.uops");
        Files.writeString(file, "ENTER\nLOAD 0\nFROB 3\nEXIT 0\n");
        CliRun outcome = run("trace", file.toString());
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith(file + ":3:1: error: unknown uop 'FROB'").contains("\nFROB 3\n^\n");

        Files.writeString(file, "ENTER\nCALL exit 1\nEXIT 0\n");
        assertThat(run("trace", file.toString()).err()).startsWith(file + ":2:6: error: no symbol named 'exit'")
                .contains("labs, getpid, abs, print_long, print_char");
    }

    @Test
    void inputErrorsExitWithOne() {
        CliRun missing = run("trace", "/no/such/trace.uops");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("stitch trace: cannot read /no/such/trace.uops: no such file\n");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertUsage(run("trace"), "stitch: trace: no trace file; usage: stitch trace [--arch aarch64|x86_64]");
        assertUsage(run("trace", "--arch", "riscv64", SUM), "stitch: trace: unknown architecture 'riscv64'; allowed:"
                + " aarch64 (or arm64), x86_64 (or x86-64, amd64, x64)");
        assertUsage(run("trace", "--arch"), "stitch: trace: --arch needs an architecture: aarch64 (or arm64)");
        assertUsage(run("trace", "--strategy", "fast", SUM),
                "stitch: trace: unknown strategy 'fast'; allowed: MOVW_PER_CALL, LITERAL_IN_CODE");
        assertUsage(run("trace", "--strategy"), "stitch: trace: --strategy needs a call strategy or 'all'");
        assertUsage(run("trace", "--base", "0x11", SUM), "stitch: trace: --base must be a multiple of 16, got 0x11");
        assertUsage(run("trace", "--base", "zz", SUM), "stitch: trace: --base takes an address, 0..0xffffffffffffffff");
        assertUsage(run("trace", "--run", "1,x", SUM), "stitch: trace: --run (the value of local 1) takes a 64-bit integer");
        assertUsage(run("trace", "--run", "1", "--strategy", "all", SUM), "stitch: trace: --run runs one strategy");
        assertUsage(run("trace", "--run", "1", "--base", "0x10000", SUM), "stitch: trace: --run needs the code installed");
        assertUsage(run("trace", "--frobnicate", SUM), "stitch: trace: unknown option '--frobnicate'");
        assertUsage(run("trace", "--shape", "heap", SUM),
                "stitch: trace: unknown shape 'heap'; allowed: stack, registers, all");
        assertUsage(run("trace", "--shape"), "stitch: trace: --shape needs a code shape or 'all'");
        assertUsage(run("trace", "--run", "1", "--shape", "all", SUM), "stitch: trace: --run runs one shape");
        assertUsage(run("trace", SUM, CALLS), "stitch: trace: one trace file, got");
        assertThat(run("trace", "--arch", "aarch64", "--base", "0x10000", SUM).status()).isZero();
        assertThat(run("trace", "--arch", "amd64", "--base", "0x10000", SUM).status()).isZero();
    }

    private static void assertUsage(CliRun outcome, String start) {
        assertThat(outcome.status()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).startsWith(start).endsWith("Run 'stitch --help' for the commands and their options.\n");
    }

    @Test
    void helpDocumentsTheCommandAndItsSymbols() {
        CliRun outcome = run("trace", "--help");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("Usage: stitch trace [--arch aarch64|x86_64] [--strategy S|all] [--shape SHAPE|all] [--base ADDR]")
                .contains("--run LOCALS", "--listing", "--shape SHAPE|all", "registers (default", "PER_TRACE_ALWAYS", "labs(x)", "abs(x)", "getpid()",
                        "print_long(x)", "print_char(x)");
        assertThat(run("--help").out()).contains("\n  trace [--arch aarch64|x86_64] [--strategy S|all]", "print_long(x)",
                "print_char(x)", "labs(x), abs(x), getpid()");
    }
}
