package dev.stitch.tiny;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shape of the bytecode: what the interpreter and, later, the JIT rely on. */
class CompilerTest {
    private static Program compile(String source) {
        return Tiny.compile(source, "test.tiny");
    }

    /** The instructions of {@code function} as "NAME op op" strings. */
    private static List<String> instructions(FunctionCode function) {
        List<String> instructions = new ArrayList<>();
        int[] code = function.code();
        for (int pc = 0; pc < code.length; pc += Opcode.size(code[pc])) {
            instructions.add(Disassembler.instruction(function, pc));
        }
        return instructions;
    }

    @Test
    void aWhileLoopJumpsBackToItsCondition() {
        FunctionCode top = compile("i = 0\nwhile i < 10 {\n  i = i + 1\n}").topLevel();
        assertThat(top.code()).containsExactly(
                Opcode.CONST, 0, Opcode.STORE, 0,
                Opcode.LOAD, 0, Opcode.CONST, 1, Opcode.LT, Opcode.JUMP_IF_FALSE, 20, // head: pc 4
                Opcode.LOAD, 0, Opcode.CONST, 2, Opcode.ADD, Opcode.STORE, 0,
                Opcode.JUMP, 4,
                Opcode.CONST, 0, Opcode.RETURN);
        assertThat(top.constants()).containsExactly(0, 10, 1);
        assertThat(top.slotNames()).containsExactly("i");
        assertThat(top.maxStack()).isEqualTo(2);
        assertThat(top.lineAt(0)).isEqualTo(1);
        assertThat(top.lineAt(4)).isEqualTo(2);
        assertThat(top.lineAt(11)).isEqualTo(3);
        assertThat(top.lineAt(18)).isEqualTo(2);
    }

    @Test
    void conditionsCompileToJumpsWithoutMaterialisingBooleans() {
        FunctionCode top = compile("a = 1; b = 0; c = 1\nif a && b || !c { print(1) }").topLevel();
        List<String> code = instructions(top);
        // after the three assignments: a false -> test c; b true -> then; c true -> skip
        assertThat(code.subList(6, code.size())).containsExactly(
                "LOAD 0", "JUMP_IF_FALSE 20", "LOAD 1", "JUMP_IF_TRUE 24", "LOAD 2", "JUMP_IF_TRUE 28",
                "CONST 0", "PRINT 1", "CONST 1", "RETURN");
        assertThat(top.constants()).containsExactly(1, 0);
    }

    @Test
    void logicalValuesAreOneOrZeroThroughJumps() {
        List<String> code = instructions(compile("a = 2; b = 3\nx = a && b").topLevel());
        assertThat(code.subList(4, code.size())).containsExactly(
                "LOAD 0", "JUMP_IF_FALSE 20", "LOAD 1", "JUMP_IF_FALSE 20", "CONST 2", "JUMP 22", "CONST 3",
                "STORE 2", "CONST 3", "RETURN");
    }

    @Test
    void notIsEqualToZero() {
        List<String> code = instructions(compile("a = 2\nx = !a").topLevel());
        assertThat(code.subList(2, 6)).containsExactly("LOAD 0", "CONST 1", "EQ", "STORE 1");
    }

    @Test
    void constantConditionsNeedNoTest() {
        List<String> code = instructions(compile("while 1 { break }\nif 0 { print(1) }").topLevel());
        assertThat(code).containsExactly("JUMP 2", "JUMP 8", "CONST 0", "PRINT 1", "CONST 1", "RETURN")
                .doesNotContain("JUMP_IF_FALSE", "JUMP_IF_TRUE");
    }

    @Test
    void parametersComeFirstThenVariablesInOrderOfAppearance() {
        Program program = compile("fn f(a, b) { c = a\n d = c + b\n return d }\nprint(f(1, 2))");
        FunctionCode f = program.function("f").orElseThrow();
        assertThat(f.index()).isEqualTo(1);
        assertThat(f.parameterCount()).isEqualTo(2);
        assertThat(f.slotNames()).containsExactly("a", "b", "c", "d");
        assertThat(f.slotCount()).isEqualTo(4);
        assertThat(f.definitionLine()).isEqualTo(1);
        assertThat(instructions(program.topLevel())).contains("CALL 1 2");
        assertThat(program.functions()).extracting(FunctionCode::name).containsExactly(FunctionCode.TOP_LEVEL, "f");
    }

    @Test
    void onlyReadsThatMayPrecedeAnAssignmentAreChecked() {
        FunctionCode plain = compile("x = 1\nprint(x)\nwhile x < 3 { x = x + 1 }").topLevel();
        assertThat(instructions(plain)).noneMatch(i -> i.startsWith("CHECK_DEFINED"));
        assertThat(plain.slotNames()).containsExactly("x");

        FunctionCode maybe = compile("if 1 { x = 1 }\nprint(x)\nprint(x)").topLevel();
        assertThat(maybe.slotNames()).containsExactly("x", "?x");
        // the store sets the flag; each uncertain read checks it
        assertThat(instructions(maybe)).containsSequence("STORE 0", "CONST 0", "STORE 1")
                .filteredOn(i -> i.startsWith("CHECK_DEFINED")).containsExactly("CHECK_DEFINED 1 0", "CHECK_DEFINED 1 0");
    }

    @Test
    void definiteAssignmentFollowsBranchesAndLoops() {
        assertThat(uncertain("if c { x = 1 } else { x = 2 }\nprint(x)", "c")).isFalse();
        assertThat(uncertain("if c { x = 1 } else { return }\nprint(x)", "c")).isFalse();
        assertThat(uncertain("while c { x = 1; break }\nprint(x)", "c")).isTrue();
        assertThat(uncertain("while c { if c { x = 1 } else { continue }\nprint(x) }", "c")).isFalse();
        assertThat(uncertain("while c { print(x); x = 1 }", "c")).isTrue();
        assertThat(uncertain("x = 0\nwhile c { print(x); x = 1 }", "c")).isFalse();
        assertThat(uncertain("return\nprint(x)", "c")).isFalse(); // unreachable reads need no check
    }

    private static boolean uncertain(String body, String parameter) {
        FunctionCode f = compile("fn f(" + parameter + ") {\n" + body + "\n}").function("f").orElseThrow();
        return instructions(f).stream().anyMatch(i -> i.startsWith("CHECK_DEFINED"));
    }

    @Test
    void callsOfBuiltinsUseTheirInstructions() {
        List<String> code = instructions(compile("a = array(3)\nprint(len(a), abs(-1), min(1, 2), max(1, 2))").topLevel());
        assertThat(code).contains("NEW_ARRAY", "ALEN", "CALL_BUILTIN 0", "CALL_BUILTIN 1", "CALL_BUILTIN 2", "PRINT 4");
    }

    @Test
    void aPrintStatementLeavesNothingToDiscard() {
        assertThat(instructions(compile("print(1)\nx = print(2)").topLevel()))
                .containsExactly("CONST 0", "PRINT 1", "CONST 1", "PRINT 1", "CONST 2", "STORE 0", "CONST 2", "RETURN");
    }

    @Test
    void callsTheCompilerKnowsWillFailRaiseAnError() {
        Program program = compile("fn f(a) { }\nx = g(1)\nf()");
        assertThat(instructions(program.topLevel())).startsWith("ERROR 0", "STORE 0", "ERROR 1");
        assertThat(program.topLevel().message(0)).isEqualTo("unknown function g");
        assertThat(program.topLevel().message(1)).isEqualTo("wrong number of arguments for f: expected 1, got 0");
    }

    @Test
    void maxStackCountsTheDeepestPoint() {
        assertThat(compile("print(1, 2, 3, 4 + 5 * 6)").topLevel().maxStack()).isEqualTo(6);
        assertThat(compile("").topLevel().maxStack()).isEqualTo(1);
    }

    @Test
    void backwardJumpsAreUnconditionalJumpsToLoopHeadsWithAnEmptyStack() {
        Program program = compile("""
                fn f(n) {
                    s = 0
                    while n > 0 {
                        if n % 3 == 0 { n = n - 1; continue }
                        i = 0
                        while i < n && i < 5 { s = s + i; i = i + 1 }
                        n = n - 1
                    }
                    return s
                }
                print(f(10))
                """);
        List<Integer> targets = new ArrayList<>();
        for (FunctionCode function : program.functions()) {
            int[] code = function.code();
            for (int pc = 0; pc < code.length; pc += Opcode.size(code[pc])) {
                if (Opcode.isJump(code[pc]) && code[pc + 1] <= pc) {
                    assertThat(Opcode.name(code[pc])).isEqualTo("JUMP");
                    targets.add(code[pc + 1]);
                }
            }
        }
        assertThat(targets).hasSize(3); // two loop ends and a continue
        List<Integer> depths = new ArrayList<>();
        TinyRunner.Outcome outcome = TinyRunner.run("""
                fn f(n) { s = 0
                    while n > 0 { if n % 3 == 0 { n = n - 1; continue }
                        i = 0; while i < n && i < 5 { s = s + i; i = i + 1 }
                        n = n - 1 }
                    return s }
                print(f(10))
                """, new InterpreterHooks() {
                    @Override
                    public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
                        depths.add(frame.stackDepth());
                        return targetPc;
                    }
                });
        assertThat(outcome.out()).isEqualTo("47\n"); // 10 + 10 + 10 + 10 + 6 + 1 + 0 for n = 10, 8, 7, 5, 4, 2, 1
        assertThat(depths).isNotEmpty().containsOnly(0);
    }

    @Test
    void disassemblyNamesConstantsSlotsCalleesAndLines() {
        String listing = compile("fn twice(x) {\n  return x * 2\n}\ny = twice(21)\nprint(y)").disassemble();
        assertThat(listing).startsWith("function <top level>(): 1 slot, stack 1\n")
                .containsPattern("\\n +0  CONST 0 +; 21 +line 4\\n")
                .containsPattern("\\n +2  CALL 1 1 +; twice\\n")
                .containsPattern("\\n +5  STORE 0 +; y\\n")
                .contains("function twice(x): 1 slot, stack 2\n")
                .containsPattern("\\n +0  LOAD 0 +; x +line 2\\n")
                .containsPattern("\\n +4  MUL\\n");
    }

    @Test
    void handWrittenBytecodeRunsToo() {
        // DUP is not emitted by the compiler today; the interpreter still implements it.
        CodeBuilder code = new CodeBuilder();
        code.emitConstant(21);
        code.emit(Opcode.DUP);
        code.emit(Opcode.ADD);
        code.emit(Opcode.PRINT, 1);
        code.emitConstant(0);
        code.emit(Opcode.RETURN);
        FunctionCode top = code.build(FunctionCode.TOP_LEVEL, 0, 0, List.of(), 1);
        assertThat(top.maxStack()).isEqualTo(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult result = new Program("hand.tiny", List.of(top)).run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(result.ok()).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("42\n");
    }

    @Test
    void theBuilderChecksStackDepthsWhereJumpsMeet() {
        CodeBuilder code = new CodeBuilder();
        CodeBuilder.Label end = new CodeBuilder.Label();
        code.emitConstant(1);
        code.jump(Opcode.JUMP_IF_FALSE, end); // depth 0 at end
        code.emitConstant(2);                 // depth 1 falls into end
        assertThatThrownBy(() -> code.bind(end)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stack depth");
        CodeBuilder empty = new CodeBuilder();
        assertThatThrownBy(() -> empty.emit(Opcode.POP)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POP at pc 0 pops from an empty stack");
    }

    @Test
    void everyOpcodeHasANameAndASize() {
        for (int opcode = 0; opcode < Opcode.COUNT; opcode++) {
            assertThat(Opcode.name(opcode)).matches("[A-Z_]+");
            assertThat(Opcode.size(opcode)).isBetween(1, 3);
        }
        assertThat(Opcode.name(Opcode.JUMP_IF_FALSE)).isEqualTo("JUMP_IF_FALSE");
        assertThat(Opcode.name(Opcode.ERROR)).isEqualTo("ERROR");
        assertThatThrownBy(() -> Opcode.name(Opcode.COUNT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown opcode 37; opcodes are 0..36");
    }

    @Test
    void opcodeConstantsMatchTheirNames() throws ReflectiveOperationException {
        for (java.lang.reflect.Field field : Opcode.class.getFields()) {
            if (field.getType() == int.class && !field.getName().equals("COUNT")) {
                assertThat(Opcode.name(field.getInt(null))).isEqualTo(field.getName());
            }
        }
    }
}
