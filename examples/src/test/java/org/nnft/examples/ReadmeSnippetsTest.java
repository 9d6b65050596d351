package org.nnft.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Use from Java" code blocks are the compiled blocks of {@link ReadmeSnippets}, character for
 * character.
 */
class ReadmeSnippetsTest {

    @Test
    void readmeBlocksAreTheCompiledSnippets() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        String readme = Files.readString(root.resolve("README.md"));
        int from = readme.indexOf("## Use from Java");
        String section = readme.substring(from, readme.indexOf("\n## ", from + 1));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        String source = Files.readString(root.resolve("examples/src/test/java/org/nnft/examples/ReadmeSnippets.java"));
        List<String> snippets = new ArrayList<>();
        Matcher s = Pattern.compile("// README (\\w+) begin\n(.*?)\n\\s*// README \\1 end", Pattern.DOTALL)
                .matcher(source);
        while (s.find()) {
            snippets.add(s.group(2).lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                    .collect(Collectors.joining("\n")));
        }
        assertEquals(4, snippets.size());
        assertTrue(from >= 0);
        assertEquals(snippets, blocks);
    }
}
