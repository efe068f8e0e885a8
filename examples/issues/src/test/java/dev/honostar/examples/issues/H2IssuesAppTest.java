package dev.honostar.examples.issues;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The suite on the embedded default: an H2 file database in a fresh temporary HONOSTAR_DATA_DIR. */
class H2IssuesAppTest extends IssuesAppContract {

  private Path dir;

  @Override
  protected Map<String, String> databaseEnv() throws Exception {
    dir = Files.createTempDirectory("issues-h2-");
    return Map.of("HONOSTAR_DATA_DIR", dir.toString());
  }

  @Override
  protected void dropDatabase() throws Exception {
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
