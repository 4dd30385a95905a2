package dev.stitch.asm;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a line that failed to assemble as code for the other architecture, or as x86-64 in
 * AT&T syntax, so that the error can say what to do instead of only what was wrong. Only clear
 * evidence counts: a register name that exists in the other syntax and not in this one
 * ({@code rax}, {@code r9d}, {@code %rsp}; {@code x0}, {@code w30}, {@code xzr}), {@code ptr} after
 * an operand size, or a mnemonic only the other architecture has ({@code push}, {@code lea};
 * {@code ldr}, {@code stp}). The 8- and 16-bit x86 names ({@code al}, {@code cx}) do not count,
 * since they make plausible labels.
 */
public final class ForeignSyntax {
    private static final Pattern WORD = Pattern.compile("[%.$\\w]+");
    private static final Pattern X86_REGISTER = Pattern.compile(
            "r(?:ax|bx|cx|dx|si|di|bp|sp|ip)|e(?:ax|bx|cx|dx|si|di|bp|sp)|r(?:[89]|1[0-5])[dwb]?");
    private static final Pattern ATT_REGISTER = Pattern.compile(
            "%(?:r[a-z0-9]+|e[a-z]{2}|[a-d][lhx]|[sd]il|[sb]pl|[sd]i|[sb]p|xmm\\d+)");
    private static final Pattern A64_REGISTER = Pattern.compile("[xw](?:[0-9]|[12][0-9]|30)|xzr|wzr");
    private static final Set<String> X86_ONLY_MNEMONICS = Set.of("push", "pop", "lea", "jmp", "call", "movabs",
            "movzx", "movsx", "movsxd", "cqo", "cdq", "idiv", "imul", "int3", "syscall", "leave", "xchg", "test",
            "inc", "dec", "shl", "sar", "shr", "je", "jne", "jz", "jnz", "jl", "jle", "jg", "jge", "ja", "jb",
            ".intel_syntax", ".att_syntax");
    private static final Set<String> A64_ONLY_MNEMONICS = Set.of("ldr", "str", "ldp", "stp", "ldrb", "strb", "ldrh",
            "strh", "ldur", "stur", "adrp", "adr", "movz", "movk", "movn", "cbz", "cbnz", "tbz", "tbnz", "bl", "blr",
            "br", "csel", "cset", "csinc", "madd", "msub", "udiv", "sdiv", "lsl", "lsr", "asr", "ubfx", "sbfx",
            "orr", "eor", "mvn", "tst", "b.eq", "b.ne", "b.lt", "b.le", "b.gt", "b.ge", "b.lo", "b.hi");

    private static final String INTEL_EXAMPLE = "mov rax, 1, not movq $1, %rax";

    private ForeignSyntax() {}

    /** What to tell the author of {@code line}, which the AArch64 assembler refused, if it is x86-64 code. */
    public static Optional<String> forAArch64(String line) {
        String code = withoutComment(line, "//").toLowerCase(Locale.ROOT);
        if (ATT_REGISTER.matcher(code).find()) {
            return Optional.of("this looks like x86-64 code in AT&T syntax: Stitch assembles x86-64 in Intel syntax"
                    + " (as after .intel_syntax noprefix: " + INTEL_EXAMPLE + ") with --arch x86_64");
        }
        if (hasWord(code, X86_REGISTER) || code.matches(".*\\b(?:byte|word|dword|qword)\\s+ptr\\b.*")
                || X86_ONLY_MNEMONICS.contains(mnemonic(code))) {
            return Optional.of("this looks like x86-64 code: assemble it with --arch x86_64 (X64TextAssembler)");
        }
        return Optional.empty();
    }

    /** What to tell the author of {@code line}, which the x86-64 assembler refused, if it is AT&T or AArch64 code. */
    public static Optional<String> forX86(String line) {
        String code = withoutComment(withoutComment(line, "//"), "#").toLowerCase(Locale.ROOT);
        if (ATT_REGISTER.matcher(code).find()) {
            return Optional.of("this looks like AT&T syntax, which Stitch does not read: write Intel syntax, as after"
                    + " .intel_syntax noprefix (" + INTEL_EXAMPLE + ")");
        }
        if (hasWord(code, A64_REGISTER) || A64_ONLY_MNEMONICS.contains(mnemonic(code))) {
            return Optional.of("this looks like AArch64 code: assemble it with --arch aarch64 (A64TextAssembler)");
        }
        return Optional.empty();
    }

    private static String withoutComment(String line, String start) {
        int at = line.indexOf(start);
        return at < 0 ? line : line.substring(0, at);
    }

    private static boolean hasWord(String code, Pattern register) {
        Matcher words = WORD.matcher(code);
        while (words.find()) {
            if (register.matcher(words.group()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The first word after any labels. */
    private static String mnemonic(String code) {
        Matcher words = WORD.matcher(code);
        while (words.find()) {
            boolean label = words.end() < code.length() && code.charAt(words.end()) == ':';
            if (!label) {
                return words.group();
            }
        }
        return "";
    }
}
