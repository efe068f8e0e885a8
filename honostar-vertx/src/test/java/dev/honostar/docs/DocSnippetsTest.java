package dev.honostar.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line of the Java snippets of the docs pages in {@link #SOURCES} and of {@code HonoStar}'s
 * class Javadoc is a line of a test source the build compiles (live-updates.md and protocol.md
 * point at theirs themselves): a snippet that stops compiling fails the build, not a reader.
 */
class DocSnippetsTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path EXAMPLES = MODULE.resolve("src/test/java/examples/AppExamples.java");

  /** Each page and the compiled sources (files or folders, from the repository root) its snippets come from. */
  private static final Map<String, List<String>> SOURCES = Map.of(
    "pages-and-commands.md", List.of("honostar-vertx/src/test/java/examples/AppExamples.java"),
    "views.md", List.of("honostar-vertx/src/test/java/examples/AppExamples.java"),
    "configuration.md", List.of("honostar-vertx/src/test/java/examples/AppExamples.java", "honostar-vertx/src/test/java/examples/ReportOptions.java"),
    "scaling.md", List.of("honostar-vertx/src/test/java/examples", "examples/issues/src/main/java/dev/honostar/examples/issues"),
    "deployment.md", List.of("honostar-vertx/src/test/java/examples", "examples/embedded/src/test/java/examples/DeploymentExamples.java",
      "examples/embedded/src/main/java/dev/honostar/examples/embedded/HelloVerticle.java"),
    "testing.md", List.of("examples/hello/src/test/java", "honostar-it/src/test/java"),
    "security.md", List.of("honostar-vertx/src/test/java/examples/SecurityExamples.java"),
    "uploads.md", List.of("honostar-it/src/test/java", "examples/issues/src/main/java/dev/honostar/examples/issues", "examples/issues/src/test/java"));

  private static Set<String> exampleLines() throws IOException {
    return Files.readAllLines(EXAMPLES).stream().map(String::strip).collect(Collectors.toSet());
  }

  private static Set<String> linesOf(List<String> sources) throws IOException {
    Set<String> lines = new java.util.HashSet<>();
    for (String source : sources) {
      Path path = MODULE.resolve("..").resolve(source).normalize();
      List<Path> files;
      try (var walk = Files.walk(path)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).toList();
      }
      for (Path f : files) {
        Files.readAllLines(f).forEach(l -> lines.add(l.strip()));
      }
    }
    return lines;
  }

  /** The lines of the page's {@code ```java} blocks, stripped; "…" stands for elided code. */
  private static List<String> javaSnippetLines(Path page) throws IOException {
    return javaSnippetLines(Files.readAllLines(page));
  }

  private static List<String> javaSnippetLines(List<String> page) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : page) {
      if (line.strip().startsWith("```")) {
        // Blocks may be indented (inside a list item).
        in = !in && line.strip().equals("```java");
        continue;
      }
      if (in && !line.isBlank() && !line.strip().equals("…") && !line.strip().equals("...")) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  @Test
  void theKeyedListSnippetsOfLiveUpdatesCompile() throws IOException {
    List<String> page = Files.readAllLines(MODULE.resolve("../docs/live-updates.md").normalize());
    int from = page.indexOf("## Keyed lists: send the items that changed");
    int to = from;
    while (++to < page.size() && !page.get(to).startsWith("## ")) {
      // up to the next section
    }
    assertThat(from).as("the section is there").isNotNegative();
    List<String> lines = javaSnippetLines(page.subList(from, to));
    Set<String> compiled = linesOf(List.of("honostar-vertx/src/test/java/examples/LiveExamples.java"));
    assertThat(lines).as("the section's Java snippets").isNotEmpty();
    assertThat(lines.stream().filter(l -> !compiled.contains(l))).as("lines of the keyed lists of live-updates.md missing from LiveExamples").isEmpty();
  }

  @Test
  void theJavaSnippetsOfTheDocsCompile() throws IOException {
    for (Map.Entry<String, List<String>> page : SOURCES.entrySet()) {
      Set<String> compiled = linesOf(page.getValue());
      List<String> lines = javaSnippetLines(MODULE.resolve("../docs").resolve(page.getKey()).normalize());
      assertThat(lines).as(page.getKey() + " has Java snippets").isNotEmpty();
      assertThat(lines.stream().filter(l -> !compiled.contains(l)))
        .as("lines of docs/%s missing from %s", page.getKey(), page.getValue()).isEmpty();
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
