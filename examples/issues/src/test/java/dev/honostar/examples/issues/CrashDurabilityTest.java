package dev.honostar.examples.issues;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 (here: the 303 to the new issue) means the issue is on disk: the embedded H2 default
 * keeps every acknowledged write through a {@code kill -9} of the server process.
 */
class CrashDurabilityTest {

  @TempDir
  Path dataDir;
  Vertx vertx;
  AppProcess app;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    vertx.close().await();
  }

  private int start() throws Exception {
    int port = AppProcess.freePort();
    app = AppProcess.java(Map.of("HONOSTAR_DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port),
      "ISSUES_BCRYPT_COST", "4", "ISSUES_SEED", "false"), IssuesApp.class.getName());
    app.await(l -> l.contains("HonoStar Issues: http://localhost:" + port), AppProcess.START);
    return port;
  }

  @Test
  void everyAcknowledgedIssueSurvivesSigkill() throws Exception {
    int port = start();
    List<Long> created = new ArrayList<>();
    try (Browser alice = new Browser(vertx, port)) {
      alice.signup("Alice", "alice." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "correct horse");
      for (int i = 0; i < 20; i++) {
        created.add(alice.createIssue("Durable " + i, "must survive kill -9"));
      }
    }
    app.kill();

    port = start();
    List<Long> lost = new ArrayList<>();
    try (Browser reader = new Browser(vertx, port)) {
      for (long id : created) {
        if (reader.get("/issues/" + id).statusCode() != 200) {
          lost.add(id);
        }
      }
    }
    assertThat(lost).as("issues answered with a redirect to their page, then lost by kill -9 (of " + created.size() + ")").isEmpty();
  }
}
