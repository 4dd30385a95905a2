package dev.stitch.a64;

import dev.stitch.fuzz.Findings;
import dev.stitch.fuzz.FuzzRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random AArch64 words through {@link A64Disassembler}, as the campaign did (10^8 of them): it
 * never throws and prints non-empty text without control characters, and whatever it prints,
 * Stitch's own {@link A64TextAssembler} assembles back to the same word ({@code .inst 0x...}
 * included). Half the words are uniformly random (mostly unallocated encodings, which must print
 * as {@code .inst}); the other half are words Stitch assembles for its corpus with one to three
 * bits flipped, which land near real encodings: the aliases, reserved field values and
 * should-be-zero bits where a decoder goes wrong. (That what Stitch prints agrees with LLVM is
 * the corpus tests' business; this test needs no LLVM and so can run any number of words.)
 *
 * <p>Word {@code k} comes from seed {@code base + k} ({@link FuzzRun}):
 * {@code -Dstitch.fuzz.count=N -Dstitch.fuzz.seed=S}.
 */
class A64DisassemblerFuzzTest {
    static final long DEFAULT_SEED = 20260312L;
    static final int HOST_COUNT = 100_000;
    static final int AARCH64_COUNT = 10_000;

    private static volatile int[] corpusWords;

    /** The words of the single-instruction lines of the assembler fuzzer's corpus. */
    static int[] corpusWords() {
        if (corpusWords == null) {
            List<Integer> words = new ArrayList<>();
            for (String line : A64TextAssemblerFuzzTest.corpus()) {
                byte[] bytes = A64TextAssembler.assemble(line, "corpus.s").bytes();
                if (bytes.length == 4) {
                    words.add(A64TextAssemblerFuzzTest.word(bytes, 0));
                }
            }
            corpusWords = words.stream().mapToInt(Integer::intValue).toArray();
        }
        return corpusWords;
    }

    static int word(long caseSeed) {
        SplittableRandom random = new SplittableRandom(caseSeed);
        if (random.nextBoolean()) {
            return random.nextInt();
        }
        int[] words = corpusWords();
        int word = words[random.nextInt(words.length)];
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            word ^= 1 << random.nextInt(32);
        }
        return word;
    }

    @Test
    void everyWordDisassemblesToTextThatAssemblesBackToIt() {
        FuzzRun run = FuzzRun.of("A64DisassemblerFuzzTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
        assertThat(corpusWords()).hasSizeGreaterThan(5000);
        Findings findings = new Findings(run);
        long start = System.nanoTime();
        int undecoded = 0;
        List<A64RoundTrip.Suspect> suspects = new ArrayList<>();
        List<Long> suspectSeeds = new ArrayList<>();
        for (int k = 0; k < run.count(); k++) {
            long caseSeed = run.caseSeed(k);
            int word = word(caseSeed);
            Findings.Failure[] failure = new Findings.Failure[1];
            A64RoundTrip.Suspect suspect = A64RoundTrip.check(word, "a random word", failure);
            if (failure[0] != null) {
                // a word cannot be made smaller; the report gives it in hex
                findings.add(caseSeed, String.format("%08x", word), failure[0], null);
            } else if (suspect != null) {
                suspects.add(suspect);
                suspectSeeds.add(caseSeed);
            } else if (A64Disassembler.disassemble(word).startsWith(".inst")) {
                undecoded++;
            }
        }
        List<Findings.Failure> judged = A64RoundTrip.judge(suspects);
        int asLlvm = 0;
        for (int i = 0; i < judged.size(); i++) {
            if (judged.get(i) == null) {
                asLlvm++;
            } else {
                findings.add(suspectSeeds.get(i), String.format("%08x", suspects.get(i).word()), judged.get(i), null);
            }
        }
        int decoded = run.count() - undecoded;
        String summary = run.summary(start, String.format("%d words decoded as instructions, %d of them not back to"
                        + " the same word only as with llvm-mc (non-canonical or unpredictable encodings); %d as .inst;"
                        + " failures %s", decoded, asLlvm, undecoded, findings.signatures()));
        System.out.println(summary);
        findings.assertNone(summary);
        if (run.count() >= 1000) {
            assertThat(decoded).as(summary).isGreaterThan(run.count() / 5);
        }
    }
}
