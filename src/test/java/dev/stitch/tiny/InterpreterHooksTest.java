package dev.stitch.tiny;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seam a JIT uses: backward jumps reported, and execution taken over at a loop head. */
class InterpreterHooksTest {
    /** Counts backward jumps per "function@pc". */
    private static final class Counter implements InterpreterHooks {
        final Map<String, Integer> counts = new TreeMap<>();

        @Override
        public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
            assertThat(frame.function()).isSameAs(function);
            counts.merge(function.name() + "@" + targetPc, 1, Integer::sum);
            return targetPc;
        }
    }

    /** The pc of the first instruction {@code name} in {@code function}. */
    private static int pcOf(FunctionCode function, String name) {
        int[] code = function.code();
        for (int pc = 0; pc < code.length; pc += Opcode.size(code[pc])) {
            if (Opcode.name(code[pc]).equals(name)) {
                return pc;
            }
        }
        throw new AssertionError(name + " not found");
    }

    private static int slotOf(FunctionCode function, String variable) {
        return function.slotNames().indexOf(variable);
    }

    @Test
    void everyLoopIterationReportsItsHead() {
        Counter counter = new Counter();
        String program = """
                fn inner(n) { j = 0; while j < n { j = j + 1 }; return j }
                i = 0
                while i < 10 {
                    inner(3)
                    i = i + 1
                    if i > 100 { continue }
                }
                """;
        assertThat(TinyRunner.run(program, counter).result().ok()).isTrue();
        // the top level's loop head is pc 4 (after "i = 0"); inner's after "j = 0"
        assertThat(counter.counts).containsExactlyInAnyOrderEntriesOf(Map.of("<top level>@4", 10, "inner@4", 30));
    }

    @Test
    void continueCountsAsABackwardJump() {
        Counter counter = new Counter();
        TinyRunner.run("i = 0\nwhile i < 5 { i = i + 1; continue }", counter);
        assertThat(counter.counts).containsExactly(Map.entry("<top level>@4", 5));
    }

    @Test
    void aHookMayRunTheRestOfTheLoopAndResumeAfterIt() {
        String source = """
                n = 1000
                s = 0
                i = 0
                while i < n {
                    s = s + i * i
                    i = i + 1
                }
                print(s, i)
                """;
        Program program = Tiny.compile(source, "t.tiny");
        FunctionCode top = program.topLevel();
        int exitPc = top.code()[pcOf(top, "JUMP_IF_FALSE") + 1];
        int[] calls = {0};
        InterpreterHooks jit = new InterpreterHooks() {
            @Override
            public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
                if (++calls[0] < 10) {
                    return targetPc; // not hot yet
                }
                // "compiled code": finish the loop on the live locals, then resume after it
                long[] locals = frame.locals();
                int i = slotOf(function, "i");
                int s = slotOf(function, "s");
                long n = locals[slotOf(function, "n")];
                while (locals[i] < n) {
                    locals[s] += locals[i] * locals[i];
                    locals[i]++;
                }
                return exitPc;
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(program.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), jit).ok()).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("332833500 1000\n");
        assertThat(calls[0]).isEqualTo(10);
        assertThat(TinyRunner.output(source)).isEqualTo("332833500 1000\n");
    }

    @Test
    void aHookMayLeaveValuesOnTheOperandStack() {
        // exit "in the middle of" print(x): at the PRINT with the value to print on the stack
        Program program = Tiny.compile("i = 0\nwhile i < 3 { i = i + 1 }\nprint(i)", "t.tiny");
        FunctionCode top = program.topLevel();
        int printPc = pcOf(top, "PRINT");
        TinyRunner.Outcome outcome = runOnJump(program, (function, targetPc, frame) -> {
            frame.stack()[0] = 99;
            frame.setStackDepth(1);
            return printPc;
        });
        assertThat(outcome.out()).isEqualTo("99\n");
    }

    @Test
    void aHookMayExitToTheInstructionThatFailsSoTheInterpreterReportsIt() {
        Program program = Tiny.compile("i = 0\nwhile i < 3 { i = i + 1 }\nx = 7\nprint(x / (i - 3))", "t.tiny");
        FunctionCode top = program.topLevel();
        int divPc = pcOf(top, "DIV");
        TinyRunner.Outcome outcome = runOnJump(program, (function, targetPc, frame) -> {
            frame.stack()[0] = 7;
            frame.stack()[1] = 0;
            frame.setStackDepth(2);
            return divPc;
        });
        assertThat(outcome.error()).isEqualTo(new RuntimeError("t.tiny", 4, "division by zero"));
    }

    @Test
    void aHookReachesTheHeapAndTheOutput() {
        Program program = Tiny.compile("a = array(4)\nprint(1)\ni = 0\nwhile i < 2 { i = i + 1 }\nprint(a[3], len(a))",
                "t.tiny");
        TinyRunner.Outcome outcome = runOnJump(program, (function, targetPc, frame) -> {
            long array = frame.locals()[slotOf(function, "a")];
            assertThat(frame.heap().isArray(array)).isTrue();
            frame.heap().set(array, 3, frame.heap().get(array, 3) + 10);
            frame.output().printLine(new long[] {5, 6}, 0, 2);
            return targetPc;
        });
        assertThat(outcome.out()).isEqualTo("1\n5 6\n5 6\n20 4\n");
    }

    @Test
    void conditionalBackwardJumpsAreReportedWhenTaken() {
        // hand-written: i = 3; do { i = i - 1 } while (i != 0)
        CodeBuilder code = new CodeBuilder();
        code.emitConstant(3);
        code.emit(Opcode.STORE, 0);
        CodeBuilder.Label head = new CodeBuilder.Label();
        code.bind(head);
        code.emit(Opcode.LOAD, 0);
        code.emitConstant(1);
        code.emit(Opcode.SUB);
        code.emit(Opcode.STORE, 0);
        code.emit(Opcode.LOAD, 0);
        code.jump(Opcode.JUMP_IF_TRUE, head);
        code.emit(Opcode.LOAD, 0);
        code.emit(Opcode.PRINT, 1);
        code.emitConstant(0);
        code.emit(Opcode.RETURN);
        Program program = new Program("hand.tiny", List.of(code.build(FunctionCode.TOP_LEVEL, 0, 0, List.of("i"), 1)));
        Counter counter = new Counter();
        TinyRunner.Outcome outcome = runWith(program, counter);
        assertThat(outcome.out()).isEqualTo("0\n");
        assertThat(counter.counts).containsExactly(Map.entry("<top level>@4", 2));
    }

    @Test
    void aBadResumePcIsABugReportedAsSuch() {
        Program program = Tiny.compile("i = 0\nwhile i < 3 { i = i + 1 }", "t.tiny");
        assertThatThrownBy(() -> runOnJump(program, (function, targetPc, frame) -> -1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("onBackwardJump returned pc -1, outside 0.." + (program.topLevel().codeLength() - 1)
                        + " of <top level>");
        assertThatThrownBy(() -> runOnJump(program, (function, targetPc, frame) -> {
            frame.setStackDepth(100);
            return targetPc;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("stack depth 100 out of range 0..2 for <top level>");
    }

    /** Notes the run events, and the output flushed before the end of a run. */
    private static final class RunEvents implements InterpreterHooks {
        final List<String> events = new java.util.ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        RuntimeException refuse;

        @Override
        public void onRunStart(Program program) {
            events.add("start " + program.fileName());
            if (refuse != null) {
                throw refuse;
            }
        }

        @Override
        public void onRunEnd(Program program) {
            events.add("end " + program.fileName() + " after \"" + out.toString(StandardCharsets.UTF_8).strip() + "\"");
        }
    }

    @Test
    void everyRunIsBracketedByStartAndEndWhateverEndsIt() {
        RunEvents hooks = new RunEvents();
        PrintStream out = new PrintStream(hooks.out, false, StandardCharsets.UTF_8);
        assertThat(Tiny.compile("print(1)", "a.tiny").run(out, hooks).ok()).isTrue();
        assertThat(Tiny.compile("print(2)\nprint(1 / 0)", "b.tiny").run(out, hooks).ok()).isFalse();
        assertThat(hooks.events).containsExactly("start a.tiny", "end a.tiny after \"1\"", "start b.tiny",
                "end b.tiny after \"1\n2\"");
    }

    @Test
    void hooksThatRefuseARunStopItBeforeAnythingRuns() {
        RunEvents hooks = new RunEvents();
        hooks.refuse = new IllegalStateException("busy");
        PrintStream out = new PrintStream(hooks.out, false, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Tiny.compile("print(1)", "a.tiny").run(out, hooks))
                .isInstanceOf(IllegalStateException.class).hasMessage("busy");
        assertThat(hooks.events).containsExactly("start a.tiny");
        assertThat(hooks.out.size()).isZero();
    }

    /** A backward-jump handler as a lambda ({@link InterpreterHooks} has only default methods). */
    @FunctionalInterface
    private interface JumpHandler {
        int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame);
    }

    private static TinyRunner.Outcome runOnJump(Program program, JumpHandler handler) {
        return runWith(program, new InterpreterHooks() {
            @Override
            public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
                return handler.onBackwardJump(function, targetPc, frame);
            }
        });
    }

    private static TinyRunner.Outcome runWith(Program program, InterpreterHooks hooks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult result = program.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), hooks);
        return new TinyRunner.Outcome(bytes.toString(StandardCharsets.UTF_8), result);
    }
}
