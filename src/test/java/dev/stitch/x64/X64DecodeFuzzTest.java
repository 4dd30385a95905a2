package dev.stitch.x64;

import dev.stitch.fuzz.Findings;
import dev.stitch.fuzz.FuzzRun;
import dev.stitch.fuzz.Oracle;
import dev.stitch.fuzz.Text;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random code through {@link X64Disassembler} at any size, as the campaign ran it (852 million
 * decodes); {@link X64DisassemblerFuzzTest} runs fixed rounds of the same, this one takes
 * {@code -Dstitch.fuzz.count=N -Dstitch.fuzz.seed=S} ({@link FuzzRun}: stream {@code k} comes from
 * seed {@code base + k}) and adds what only Stitch's own tools can check. For every stream:
 * <ul>
 *   <li>decoding never throws, covers the stream exactly with instructions of 1 to 15 bytes, and
 *       decoding at an instruction's offset gives the same instruction as the listing;</li>
 *   <li>texts are non-empty and free of control characters; undecoded bytes print as {@code .byte};</li>
 *   <li>a decoded instruction's text (branches to numeric targets aside) that Stitch's
 *       {@link X64TextAssembler} assembles decodes back to the same text (a shift by an explicit 1
 *       comes back as the shift by one, see {@link #shiftByOne});</li>
 *   <li>at the end, llvm-mc decodes a sample of the distinct decoded encodings to the same text and
 *       length, in one batch ({@link X64DisassemblerCheck#decodesLikeLlvm}).</li>
 * </ul>
 */
class X64DecodeFuzzTest {
    static final long DEFAULT_SEED = 20260318L;
    static final int HOST_COUNT = 30_000;
    static final int AARCH64_COUNT = 3_000;
    /** The most distinct encodings compared with llvm-mc in one run. */
    private static final int LLVM_SAMPLE = 20_000;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    /** Prefixes and opcodes of the instructions Stitch decodes, so that random streams meet them often. */
    private static final int[] COMMON = {0x48, 0x49, 0x4c, 0x4d, 0x41, 0x44, 0x40, 0x66, 0x2e, 0x0f, 0x89, 0x8b, 0x8d,
        0x01, 0x03, 0x29, 0x2b, 0x31, 0x33, 0x39, 0x3b, 0x85, 0x84, 0x81, 0x83, 0x80, 0xc7, 0xc6, 0xc1, 0xd1, 0xd3, 0xf7,
        0xf6, 0xff, 0xe8, 0xe9, 0xeb, 0x74, 0x75, 0xb8, 0xbf, 0x50, 0x58, 0xc3, 0x90, 0x99, 0x98, 0x63, 0x69, 0x6b,
        0xaf, 0xb6, 0xb7, 0xbe, 0xbf, 0x44, 0x94, 0x95, 0x1f, 0xcc, 0x0b};

    static byte[] code(long caseSeed) {
        SplittableRandom random = new SplittableRandom(caseSeed);
        byte[] code = new byte[1 + random.nextInt(32)];
        random.nextBytes(code);
        if (random.nextInt(4) != 0) {
            for (int i = 0; i < code.length; i += 1 + random.nextInt(4)) {
                code[i] = (byte) COMMON[random.nextInt(COMMON.length)];
            }
        }
        return code;
    }

    @Test
    void aWordImmediateIsComparedAsTheNegativeNumberItAlsoIs() {
        assertThat(wordImmediate("sbb ax, 65442")).isEqualTo("sbb ax, -94");
        assertThat(wordImmediate("sub word ptr [rsi - 8], 65477")).isEqualTo("sub word ptr [rsi - 8], -59");
        assertThat(wordImmediate("imul r9w, bx, 65408")).isEqualTo("imul r9w, bx, -128");
        assertThat(wordImmediate("add ax, 65407")).isEqualTo("add ax, 65407");
        assertThat(wordImmediate("add eax, 65442")).isEqualTo("add eax, 65442");
        assertThat(wordImmediate("add dword ptr [rax], 65535")).isEqualTo("add dword ptr [rax], 65535");
    }

    @Test
    void randomCodeDecodesCleanlyAndWhatTheAssemblerTakesDecodesBackAlike() {
        FuzzRun run = FuzzRun.of("X64DecodeFuzzTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
        Findings findings = new Findings(run);
        Set<String> sample = new LinkedHashSet<>();
        long[] counts = new long[3]; // decoded, assembled again, refused by the assembler
        long start = System.nanoTime();
        for (int k = 0; k < run.count(); k++) {
            long caseSeed = run.caseSeed(k);
            byte[] code = code(caseSeed);
            Findings.Failure failure = check(code, caseSeed, counts, sample);
            if (failure != null) {
                findings.add(caseSeed, HEX.formatHex(code), failure, null);
            }
        }
        try {
            X64DisassemblerCheck.decodesLikeLlvm(sample.stream().map(HEX::parseHex).toList());
        } catch (AssertionError e) {
            findings.add(run.seed(), "(the sample of the run)", new Findings.Failure(
                    "disassemble: text differs from llvm-mc's", e.getMessage(), e), null);
        }
        String summary = run.summary(start, String.format("%d instructions decoded, %d of them assembled again by"
                + " Stitch, %d refused by its assembler; %d distinct encodings compared with llvm-mc; failures %s",
                counts[0], counts[1], counts[2], sample.size(), findings.signatures()));
        System.out.println(summary);
        findings.assertNone(summary);
        if (run.count() >= 1000) {
            assertThat(counts[1]).as(summary).isGreaterThan(run.count() / 10);
        }
    }

    private static Findings.Failure check(byte[] code, long caseSeed, long[] counts, Set<String> sample) {
        long base = new SplittableRandom(~caseSeed).nextLong() & ~0xfL;
        List<X64Instruction> listing;
        try {
            listing = X64Disassembler.disassemble(code, base);
        } catch (Throwable t) {
            return new Findings.Failure("disassemble: " + t.getClass().getName() + " at " + Oracle.origin(t),
                    "disassembling the stream threw " + t, t);
        }
        int offset = 0;
        for (X64Instruction instruction : listing) {
            String text = instruction.text();
            if (instruction.address() != base + offset || instruction.length() < 1 || instruction.length() > 15
                    || offset + instruction.length() > code.length) {
                return new Findings.Failure("disassemble: an instruction outside the stream or of a bad length",
                        instruction + " at offset " + offset + " of " + code.length + " bytes", null);
            }
            if (text == null || text.isBlank() || text.chars().anyMatch(Character::isISOControl)) {
                return new Findings.Failure("disassemble: empty text or control characters", Text.quote(String.valueOf(text)),
                        null);
            }
            X64Instruction alone;
            try {
                alone = X64Disassembler.decode(code, offset, base);
            } catch (Throwable t) {
                return new Findings.Failure("decode: " + t.getClass().getName() + " at " + Oracle.origin(t),
                        "decoding at offset " + offset + " threw " + t, t);
            }
            if (!alone.equals(instruction)) {
                return new Findings.Failure("decode: differs from the listing's instruction at the same offset",
                        "listing " + instruction + ", decode " + alone, null);
            }
            if (instruction.isUndecoded()) {
                if (instruction.length() != 1 || !text.equals(String.format(".byte 0x%02x", code[offset] & 0xff))) {
                    return new Findings.Failure("disassemble: undecoded bytes not printed as .byte", instruction.toString(),
                            null);
                }
            } else {
                counts[0]++;
                byte[] encoding = Arrays.copyOfRange(code, offset, offset + instruction.length());
                if (sample.size() < LLVM_SAMPLE) {
                    sample.add(HEX.formatHex(encoding));
                }
                Findings.Failure failure = reassemble(instruction, encoding, counts);
                if (failure != null) {
                    return failure;
                }
            }
            offset += instruction.length();
        }
        if (offset != code.length) {
            return new Findings.Failure("disassemble: the listing does not cover the stream",
                    "covered " + offset + " of " + code.length + " bytes", null);
        }
        return null;
    }

    /**
     * {@code text} with a shift by an explicit 1 written as the shift by one: {@code shr ecx, 1}
     * ({@code C1 E9 01}) assembles, in Stitch as in llvm-mc, to the shorter {@code D1 E9}, which
     * both print as {@code shr ecx}.
     */
    static String shiftByOne(String text) {
        return text.matches("(shl|sal|shr|sar|rol|ror|rcl|rcr) .*, 1") ? text.substring(0, text.length() - 3) : text;
    }

    private static final Pattern WORD_OPERAND = Pattern.compile(
            ".*(?:(?<![dq])word ptr|\\b(?:[abcd]x|[sd]i|[sb]p|r(?:[89]|1[0-5])w)\\b).*");
    private static final Pattern TRAILING_IMMEDIATE = Pattern.compile("(.*, )(\\d+)");

    /**
     * {@code text} with a 16-bit instruction's immediate 0xff80..0xffff written as the negative
     * number it also is: {@code sbb ax, 65442} ({@code 66 1D A2 FF}) assembles, in Stitch as in
     * llvm-mc, to the shorter sign-extended imm8 form {@code 66 83 D8 A2}, which both print as
     * {@code sbb ax, -94}.
     */
    static String wordImmediate(String text) {
        Matcher m = TRAILING_IMMEDIATE.matcher(text);
        if (!m.matches() || !WORD_OPERAND.matcher(m.group(1)).matches() || m.group(2).length() > 5) {
            return text;
        }
        int value = Integer.parseInt(m.group(2));
        return value >= 0xff80 && value <= 0xffff ? m.group(1) + (value - 0x10000) : text;
    }

    /** The text, if Stitch's assembler takes it, assembles to an instruction that decodes to the same text. */
    private static Findings.Failure reassemble(X64Instruction instruction, byte[] encoding, long[] counts) {
        if (X64TextAssemblerFuzzTest.branch(instruction)) {
            return null;
        }
        String text = instruction.text();
        byte[] again;
        try {
            again = X64TextAssembler.assemble(text, "decoded.s").bytes();
        } catch (X64SyntaxException e) {
            counts[2]++; // the disassembler knows more instructions than the assembler
            return null;
        } catch (Throwable t) {
            return new Findings.Failure("assemble the disassembly: " + t.getClass().getName() + " at " + Oracle.origin(t),
                    "assembling '" + text + "' (decoded from [" + HEX.formatHex(encoding) + "]) threw " + t, t);
        }
        counts[1]++;
        X64Instruction back = X64Disassembler.decode(again, 0, instruction.address());
        if (back.length() != again.length
                || !wordImmediate(shiftByOne(back.text())).equals(wordImmediate(shiftByOne(text)))) {
            return new Findings.Failure("round trip: the disassembly assembles to another instruction ("
                    + text.split(" ", 2)[0] + ")", "[" + HEX.formatHex(encoding) + "] decodes as '" + text
                    + "', which assembles to [" + HEX.formatHex(again) + "], which decodes as '" + back.text() + "' ("
                    + back.length() + " of " + again.length + " bytes)", null);
        }
        return null;
    }
}
