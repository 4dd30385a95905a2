package dev.stitch.readme;

import dev.stitch.mem.CodeArena;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The README's Java snippets as the tests of this package run them: in each test's source, the
 * lines between {@code // README snippet} and {@code // README end}, dedented, without the lines
 * that end in {@code // test} (the test's own checks).
 */
final class Snippets {
    private static final Pattern REGION =
            Pattern.compile("\n *// README snippet\n(.*?)\n *// README end\n", Pattern.DOTALL);
    private static final String TEST_ONLY = "// test";

    private Snippets() {}

    /** The snippet in the source of {@code test}, which must hold exactly one. */
    static String of(Class<?> test) throws IOException {
        Path source = Path.of("src/test/java", test.getName().replace('.', '/') + ".java");
        Matcher region = REGION.matcher(Files.readString(source, StandardCharsets.UTF_8));
        if (!region.find()) {
            throw new IllegalStateException(source + " has no README snippet");
        }
        String snippet = dedent(region.group(1).lines().filter(line -> !line.endsWith(TEST_ONLY)).toList());
        if (region.find()) {
            throw new IllegalStateException(source + " has more than one README snippet");
        }
        return snippet;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    /** Runs {@code code} as a native function {@code long f(long)} of this JVM's architecture. */
    static long runOneArgument(byte[] code, long argument) throws Throwable {
        try (CodeArena arena = CodeArena.create()) {
            MethodHandle h = arena.install(code).handle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
            return (long) h.invokeExact(argument);
        }
    }
}
