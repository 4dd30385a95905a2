package dev.stitch.readme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Java block of the README is, character for character, a snippet one of this package's tests runs. */
class ReadmeTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```\n", Pattern.DOTALL);

    @Test
    void theReadmesJavaBlocksAreTheTestedSnippetsInOrder() throws IOException {
        List<String> shown = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        while (block.find()) {
            shown.add(block.group(1));
        }
        assertThat(shown).containsExactly(
                Snippets.of(JitSnippetTest.class),
                Snippets.of(TinySnippetTest.class),
                "import static dev.stitch.a64.Registers.*;\n\n" + Snippets.of(A64SnippetTest.class),
                "import static dev.stitch.x64.Registers.*;\n\n" + Snippets.of(X64SnippetTest.class),
                Snippets.of(MemSnippetTest.class));
    }
}
