package dev.stitch.asm;

import dev.stitch.a64.A64TextAssembler;
import dev.stitch.x64.X64TextAssembler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ForeignSyntaxTest {
    private static final String X86_HINT = "this looks like x86-64 code: assemble it with --arch x86_64";
    private static final String ATT_IN_A64 = "this looks like x86-64 code in AT&T syntax: Stitch assembles x86-64 in"
            + " Intel syntax (as after .intel_syntax noprefix: mov rax, 1, not movq $1, %rax) with --arch x86_64";
    private static final String ATT_IN_X86 = "this looks like AT&T syntax, which Stitch does not read: write Intel"
            + " syntax, as after .intel_syntax noprefix (mov rax, 1, not movq $1, %rax)";
    private static final String A64_HINT = "this looks like AArch64 code: assemble it with --arch aarch64";

    private static AssemblySyntaxException a64(String source) {
        return catchThrowableOfType(AssemblySyntaxException.class, () -> A64TextAssembler.assemble(source, "a.s"));
    }

    private static AssemblySyntaxException x64(String source) {
        return catchThrowableOfType(AssemblySyntaxException.class, () -> X64TextAssembler.assemble(source, "x.s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mov rax, rbx", "push rbp", "lea rax, [rdi + 8]", "mov qword ptr [x0], 1",
        "add r9d, 1", ".intel_syntax noprefix", "loop: jne loop"})
    void x86IntelCodeGivenToTheAArch64AssemblerNamesTheOtherArchitecture(String line) {
        AssemblySyntaxException e = a64("nop\n" + line + "\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.detail()).endsWith("; " + X86_HINT + " (X64TextAssembler)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"movq $1, %rax", "addl %eax, %ebx", "pushq %rbp"})
    void attSyntaxIsNamedToEitherAssembler(String line) {
        assertThat(a64(line).detail()).endsWith("; " + ATT_IN_A64);
        assertThat(x64(line).detail()).endsWith("; " + ATT_IN_X86);
    }

    @ParameterizedTest
    @ValueSource(strings = {"add x0, x1, #1", "ldr x0, [x1]", "stp x29, x30, [sp, #-16]!", "mov w0, wzr",
        "b.ne loop", "cbz x0, out"})
    void aarch64CodeGivenToTheX86AssemblerNamesTheOtherArchitecture(String line) {
        assertThat(x64(line).detail()).endsWith("; " + A64_HINT + " (A64TextAssembler)");
    }

    @Test
    void withoutClearEvidenceNoHintIsGiven() {
        // a plain mistake in the right syntax
        assertThat(a64("add x0, x1, #5000, lsl #12").detail()).doesNotContain("looks like");
        assertThat(x64("mov rax, ebx").detail()).doesNotContain("looks like");
        // the 8-bit and 16-bit x86 names make plausible labels; words in comments do not count
        assertThat(a64("b al").detail()).doesNotContain("looks like");
        assertThat(a64("frob x0 // like push rax").detail()).doesNotContain("looks like");
        assertThat(x64("frob rax # like ldr x0").detail()).doesNotContain("looks like");
    }

    @Test
    void theHintIsPartOfTheLocatedMessage() {
        assertThat(x64("nop\nadd x0, x1, #1\n").getMessage()).isEqualTo(
                "x.s:2:13: error: expected an operand after ','; " + A64_HINT + " (A64TextAssembler)\n"
                        + "add x0, x1, #1\n            ^");
    }
}
