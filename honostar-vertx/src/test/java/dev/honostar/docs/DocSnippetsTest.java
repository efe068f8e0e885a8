package dev.honostar.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line of the Java snippets of docs/pages-and-commands.md, docs/views.md and
 * {@code HonoStar}'s class Javadoc is a line of {@code examples/AppExamples.java}, which the
 * build compiles: a snippet that stops compiling fails the build, not a reader.
 */
class DocSnippetsTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path EXAMPLES = MODULE.resolve("src/test/java/examples/AppExamples.java");

  private static Set<String> exampleLines() throws IOException {
    return Files.readAllLines(EXAMPLES).stream().map(String::strip).collect(Collectors.toSet());
  }

  /** The lines of the page's {@code ```java} blocks, stripped; "…" stands for elided code. */
  private static List<String> javaSnippetLines(Path page) throws IOException {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(page)) {
      if (line.strip().startsWith("```")) {
        // Blocks may be indented (inside a list item).
        in = !in && line.strip().equals("```java");
        continue;
      }
      if (in && !line.isBlank() && !line.strip().equals("…")) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  @Test
  void theJavaSnippetsOfTheDocsCompile() throws IOException {
    Set<String> compiled = exampleLines();
    for (String page : List.of("pages-and-commands.md", "views.md")) {
      List<String> lines = javaSnippetLines(MODULE.resolve("../docs").resolve(page).normalize());
      assertThat(lines).as(page + " has Java snippets").isNotEmpty();
      assertThat(lines).as("lines of docs/%s missing from %s", page, EXAMPLES.getFileName()).allMatch(compiled::contains);
    }
  }

  @Test
  void routesOfNoTableFailWithWhatToDoInsteadOfAnAppWithoutRoutes() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.honostar.HonoStar.create(vertx).routes(List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("No route table found").hasMessageContaining("@RouteRoot");
    } finally {
      vertx.close();
    }
  }

  @Test
  void theClassExampleOfHonoStarCompiles() throws IOException {
    String source = Files.readString(MODULE.resolve("src/main/java/dev/honostar/HonoStar.java"));
    String example = source.substring(source.indexOf("<pre>{@code") + "<pre>{@code".length(), source.indexOf("}</pre>"));
    List<String> lines = example.lines().map(l -> l.replaceFirst("^\\s*\\*", "").strip()).filter(l -> !l.isEmpty()).toList();
    assertThat(lines).isNotEmpty().allMatch(exampleLines()::contains);
  }
}
