package dev.stitch.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stitch run --jit-log}: a line per thing the JIT does, with the reason and the line. */
class RunJitLogTest {
    /** A loop whose other branch calls a recursive function, which a trace does not follow. */
    private static final String RECURSION = """
            fn depth(n) { if n == 0 { return 0 }; return 1 + depth(n - 1) }
            i = 0
            s = 0
            while i < 2000 {
                if i % 4 != 1 { s = s + i } else { s = s + depth(2) }
                i = i + 1
            }
            print(s)
            """;

    @Test
    void recordingsGivenUpSayWhyWhereAndWhetherTheyAreTriedAgain() {
        CliRun outcome = CliRun.with(RECURSION, "run", "--jit-log", "--jit-threshold", "4", "-");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("1500500\n");
        String side = "<stdin>:5: jit: did not record the side path of trace _top_level__pc8 from here: recursive call at line 1; ";
        assertThat(outcome.err()).isEqualTo("""
                <stdin>:4: jit: compiled the loop in <top level> as trace _top_level__pc8: 20 uops
                """ + side + "try 1 of 3\n" + side + "try 2 of 3\n" + side + "not trying again\n");
    }

    @Test
    void aCalledFunctionsLoopGrowsIntoItsCallerAndTheCallersLoopIsLeftToIt() {
        CliRun outcome = CliRun.of("run", "--jit-log", "examples/fib_iter.tiny");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.err()).isEqualTo("""
                examples/fib_iter.tiny:7: jit: compiled the loop in fib as trace fib_pc12: 18 uops
                examples/fib_iter.tiny:17: jit: did not record the loop in <top level>: loop with a trace of its own at line 7; not trying again
                examples/fib_iter.tiny:13: jit: trace fib_pc12 grew the side path from here: 59 uops, side path 1 of 8
                """);
    }

    @Test
    void aTreeThatReachesItsCapSaysSo() {
        StringBuilder source = new StringBuilder("i = 0\ns = 0\nwhile i < 8192 {\n");
        for (int bit = 0; bit < 12; bit++) {
            source.append("    if (i >> ").append(bit).append(") & 1 == 1 { s = s + ").append(bit + 1)
                    .append(" } else { s = s * 3 }\n");
        }
        source.append("    i = i + 1\n}\nprint(s)\n");
        CliRun outcome = CliRun.with(source.toString(), "run", "--jit-log", "--jit-threshold", "2", "-");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.err().lines().filter(l -> l.contains(" grew the side path from here: "))).hasSize(8);
        assertThat(outcome.err()).endsWith("<stdin>:3: jit: trace _top_level__pc8 grows no more (8 side paths, the most a "
                + "tree grows): exits that get hot stay exits\n");
    }

    @Test
    void withoutItTheJitSaysNothing() {
        CliRun outcome = CliRun.with(RECURSION, "run", "--jit-threshold", "4", "-");
        assertThat(outcome.err()).isEmpty();
    }
}
