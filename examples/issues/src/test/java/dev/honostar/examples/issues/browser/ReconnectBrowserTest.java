package dev.honostar.examples.issues.browser;

import dev.honostar.examples.issues.IssuesApp;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.honostar.examples.issues.browser.BrowserSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy as a browser sees it: the server goes away and a new one comes up on the same port,
 * with the same database and signing secret. An open tab reconnects by itself (Datastar's
 * retries, {@code honostar.js}'s backoff) with the token it has, and shows changes made through
 * the new server, without a reload.
 */
@ExtendWith(BrowserSupport.Condition.class)
class ReconnectBrowserTest {

  /** A fixed secret, so the new process accepts the topic tokens the old one signed. */
  private static final String SECRET = "browser-test-signing-secret-0123456789abcdef";

  private Vertx vertx;
  private Path datastar;
  private Path dataDir;
  private IssuesApp.Running app;
  @RegisterExtension
  final Windows windows = new Windows();

  @BeforeEach
  void start() throws Exception {
    datastar = BrowserSupport.requireBrowserAndRuntime();
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("issues-browser-restart-");
  }

  private Map<String, String> env(int port) {
    Map<String, String> env = new HashMap<>(BrowserSupport.env(dataDir, datastar));
    env.put("PORT", String.valueOf(port));
    env.put("HONOSTAR_SIGNING_SECRET", SECRET);
    return env;
  }

  @AfterEach
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

  private Window window(int port) {
    return windows.open("http://localhost:" + port);
  }

  @Test
  void anOpenTabReconnectsToTheRestartedServerAndShowsChangesMadeThroughIt() {
    app = BrowserSupport.start(vertx, env(0));
    int port = app.port();
    // Its live stream is cut when the server stops, and refused until the new one listens.
    Window watcher = window(port).expectConsoleError("/_/events\\?\\S* - Failed to load resource");
    watcher.signUp("Dana");
    watcher.open("/issues").awaitLive();
    String document = watcher.markDocument();
    int eventsBefore = watcher.liveEvents().size();

    // The old process stops (server, framework, database), a new one starts on the same port.
    BrowserSupport.await(app.close());
    app = null;
    app = BrowserSupport.start(vertx, env(port));
    assertThat(app.port()).isEqualTo(port);

    // Someone else files an issue through the new process.
    Window filer = window(port).signUp("Eve");
    filer.open("/issues");
    String title = unique("After the deploy");
    filer.type("#new-issue-form [name=title]", title);
    filer.type("#new-issue-form [name=description]", "Filed on the new server");
    filer.find("#create-issue").click();
    filer.awaitText("#toast-container [data-hs-toast]", title);

    watcher.await("the new issue in the list after the reconnect", Duration.ofSeconds(30),
      d -> watcher.find("#issues-list").getText().contains(title));
    assertThat(watcher.sameDocument(document)).as("the tab was not reloaded").isTrue();
    List<String> events = watcher.liveEvents();
    assertThat(events.subList(eventsBefore, events.size())).as("the stream's events after the restart (all: %s)", events)
      .containsAnyOf("retrying", "started").contains("datastar-patch-elements");
  }

  /**
   * A stream the server ends cleanly (its lifetime limit, as in a drain) is not retried by
   * Datastar; {@code honostar.js} opens it again with backoff and the current token.
   */
  @Test
  void aStreamTheServerEndsIsOpenedAgainByTheRuntimeScript() {
    Map<String, String> env = env(0);
    env.put("HONOSTAR_LIVE_MAX_LIFETIME_MILLIS", "1500");
    app = BrowserSupport.start(vertx, env);
    Window watcher = window(app.port()).signUp("Finn");
    watcher.open("/issues").awaitLive();
    String document = watcher.markDocument();
    watcher.await("the stream to end and open again", Duration.ofSeconds(15), d -> {
      List<String> events = watcher.liveEvents();
      int finished = events.indexOf("finished");
      return finished >= 0 && events.subList(finished, events.size()).contains("datastar-patch-elements");
    });

    Window filer = window(app.port()).signUp("Gail");
    filer.open("/issues");
    String title = unique("Between two streams");
    filer.type("#new-issue-form [name=title]", title);
    filer.find("#create-issue").click();
    filer.awaitText("#toast-container [data-hs-toast]", title);

    watcher.await("the new issue in the list", Duration.ofSeconds(30),
      d -> watcher.find("#issues-list").getText().contains(title));
    assertThat(watcher.sameDocument(document)).as("the tab was not reloaded").isTrue();
  }
}
