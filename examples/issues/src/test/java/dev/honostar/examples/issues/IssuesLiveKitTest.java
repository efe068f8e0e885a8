package dev.honostar.examples.issues;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.Tab;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker's live behaviour driven through the test kit, as Datastar would drive it: two
 * sessions see each other's changes, a tab that reconnects heals, validation errors land in
 * signals, and another user's edit is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuesLiveKitTest {

  private Path data;
  private Vertx vertx;
  private HonoStarTest app;

  @BeforeAll
  void start() throws Exception {
    data = java.nio.file.Files.createTempDirectory("issues-kit");
    vertx = Vertx.vertx();
    Map<String, String> env = new HashMap<>();
    env.put("HONOSTAR_DATA_DIR", data.toString());
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_SEED", "false");
    app = HonoStarTest.start(vertx, v -> IssuesApp.openDatabase(v, env).compose(opened ->
      IssuesApp.app(v, HonoStarOptions.load(null, env), new Store(opened.database().dataSource()), opened.passwords()).router()));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    try (var files = java.nio.file.Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Signs up, then logs in: sign-up ends on the login page whether the address is new or not. */
  private Browser signedIn(String name) {
    Browser browser = app.browser();
    String email = name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    browser.open("/signup").submitWithoutJavaScript("form[action='/signup']", Map.of(
      "name", name, "email", email, "password", "correct horse battery"));
    browser.open("/login").submitWithoutJavaScript("form[action='/login']", Map.of("email", email, "password", "correct horse battery"));
    return browser;
  }

  private static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void twoSessionsSeeEachOthersIssuesAndAReconnectHeals() {
    Tab alice = signedIn("Alice").open("/issues").connect();
    Tab bob = signedIn("Bob").open("/issues").connect();

    String first = unique("Live");
    alice.submit("#new-issue-form", Map.of("title", first, "description", "from Alice"));
    bob.awaitTextContaining("#issues-list", first);
    alice.awaitTextContaining("#toast-container", "created");

    bob.disconnect();
    String missed = unique("Missed");
    alice.submit("#new-issue-form", Map.of("title", missed, "description", "while Bob was away"));
    bob.connect().awaitTextContaining("#issues-list", missed);
  }

  @Test
  void validationErrorsArriveAsSignals() {
    Tab alice = signedIn("Alice").open("/issues").connect();
    alice.submit("#new-issue-form", Map.of("title", "", "description", "no title"));
    alice.awaitSignal("errors.title", "Give the issue a title");
  }

  @Test
  void onlyTheAuthorMayChangeAnIssueAndOthersSeeTheChangeLive() {
    Browser aliceBrowser = signedIn("Alice");
    Tab list = aliceBrowser.open("/issues");
    String title = unique("Owned");
    list.submit("#new-issue-form", Map.of("title", title, "description", "mine"));
    String href = list.navigate("/issues").document().select("#issues-list a:contains(" + title + ")").attr("href");
    assertThat(href).startsWith("/issues/");

    Tab bob = signedIn("Bob").open(href).connect();
    assertThat(bob.text("#issue-controls")).contains("Only Alice");
    bob.run("@post('" + href + "/status')");
    bob.awaitTextContaining("#toast-container", "Only the author");

    Tab alice = aliceBrowser.open(href).connect();
    alice.submit("#issue-controls form[action$='/status']", Map.of());
    bob.awaitTextContaining("#issue-main", "Closed");
  }
}
