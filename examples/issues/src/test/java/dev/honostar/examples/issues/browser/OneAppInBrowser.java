package dev.honostar.examples.issues.browser;

import dev.honostar.examples.issues.IssuesApp;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One issue tracker (H2 in a temporary folder, the self-hosted runtime) for a test class, and
 * fresh Chromium windows on it; every test makes its own users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BrowserSupport.Condition.class)
abstract class OneAppInBrowser {

  Vertx vertx;
  Path dataDir;
  IssuesApp.Running app;
  @RegisterExtension
  final Windows windows = new Windows();

  @BeforeAll
  void start() throws Exception {
    Path datastar = BrowserSupport.requireBrowserAndRuntime();
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("issues-browser-");
    app = BrowserSupport.start(vertx, BrowserSupport.env(dataDir, datastar));
  }

  @AfterAll
  void stop() {
    try {
      if (app != null) {
        BrowserSupport.await(app.close());
      }
      if (vertx != null) {
        BrowserSupport.await(vertx.close());
      }
    } finally {
      BrowserSupport.deleteTree(dataDir);
    }
  }

  Window window() {
    return windows.open("http://localhost:" + app.port());
  }
}
