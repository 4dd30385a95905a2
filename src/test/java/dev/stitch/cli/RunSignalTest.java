package dev.stitch.cli;

import dev.stitch.testing.ForkedJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM and SIGINT end {@code stitch run} of a JIT-compiled endless loop at once, with what the
 * program printed before flushed: a process test, since the signal ends the JVM.
 */
class RunSignalTest {
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalEndsAJitCompiledEndlessLoopWithItsOutputKept(String signal, @TempDir Path dir) throws Exception {
        Path program = dir.resolve("forever.tiny");
        Files.writeString(program, "print(7)\ni = 0\nwhile 1 {\n    i = i + 1\n}\n");
        ProcessBuilder builder = ForkedJvm.builder(List.of(), Main.class, "run", "--jit-threshold", "1",
                "--dump-traces", program.toString());
        // A JVM started with SIGINT ignored (as a shell leaves a background job) keeps ignoring it,
        // and its children inherit that: start the child with both signals at their defaults.
        List<String> command = new java.util.ArrayList<>(List.of("perl", "-e",
                "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        command.addAll(builder.command());
        Process process = builder.command(command).start();
        CountDownLatch compiled = new CountDownLatch(1);
        StringBuilder err = new StringBuilder();
        CompletableFuture<Void> errReader = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (err) {
                        err.append(line).append('\n');
                    }
                    if (line.startsWith("trace ")) {
                        compiled.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertThat(compiled.await(120, TimeUnit.SECONDS)).as("the loop was compiled; stderr:\n%s", err).isTrue();
            Thread.sleep(200); // into the trace
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after SIG%s", signal).isTrue();
            errReader.get(10, TimeUnit.SECONDS);
            assertThat(process.exitValue()).isEqualTo(128 + (signal.equals("TERM") ? 15 : 2));
            assertThat(out.get(10, TimeUnit.SECONDS)).isEqualTo("7\n");
            assertThat(err.toString()).contains("forever.tiny:3: runtime error: interrupted");
        } finally {
            process.destroyForcibly();
        }
    }
}
