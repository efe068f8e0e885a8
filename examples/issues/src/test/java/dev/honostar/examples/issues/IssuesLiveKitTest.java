package dev.honostar.examples.issues;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker's live behaviour driven through the test kit, as Datastar would drive it: two
 * sessions see each other's changes, a tab that reconnects heals, validation errors land in
 * signals, and another user's edit is refused. And it renders once per distinct view, never
 * once per tab: the list once per filter in use, an issue's controls once per kind of viewer
 * (anonymous, member, author), counted through the framework's meters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuesLiveKitTest {

  private Path data;
  private Vertx vertx;
  private HonoStarTest app;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeAll
  void start() throws Exception {
    data = java.nio.file.Files.createTempDirectory("issues-kit");
    vertx = Vertx.vertx();
    Map<String, String> env = new HashMap<>();
    env.put("HONOSTAR_DATA_DIR", data.toString());
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_SEED", "false");
    // Coalescing off: every event renders on its own, so the render counts are exact.
    env.put("HONOSTAR_LIVE_COALESCE_MILLIS", "0");
    app = HonoStarTest.start(vertx, v -> IssuesApp.openDatabase(v, env).compose(opened ->
      IssuesApp.app(v, HonoStarOptions.load(null, env), new Store(opened.database().dataSource()), opened.passwords())
        .meterRegistry(meters).router()));
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

  private Browser signedIn(String name) {
    return KitUsers.signedIn(app, name);
  }

  private static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void issueNumbersAreTypedAndEveryLinkLeadsToARoute() {
    // /issues/:id is a long: anything else is a missing page, not an error.
    assertThat(app.browser().open("/issues/abc").status()).isEqualTo(404);

    Browser alice = signedIn("Alice");
    Tab list = alice.open("/issues");
    list.submitWithoutJavaScript("#new-issue-form", Map.of("title", unique("Linked"), "description", "d"));
    String issue = alice.open("/issues").document().select("#issues-list a[href^=/issues/]").attr("href");
    Tab detail = alice.open(issue);
    assertThat(detail.status()).isEqualTo(200);
    // Every link and form on the pages is made by the route helpers: each names a route.
    List<java.util.regex.Pattern> routes = dev.honostar.examples.issues.routes.Routes.named().values().stream()
      .map(p -> java.util.regex.Pattern.compile(p.replaceAll(":[A-Za-z_]+", "[^/]+"))).toList();
    for (Tab page : List.of(list, detail, alice.open("/profile"), alice.open("/labels"))) {
      List<String> targets = new ArrayList<>(page.document().select("a[href^=/]").eachAttr("href"));
      targets.addAll(page.document().select("form[action^=/]").eachAttr("action"));
      assertThat(targets).isNotEmpty().allSatisfy(t -> assertThat(routes)
        .anySatisfy(r -> assertThat(r.matcher(t.replaceAll("[?#].*", "")).matches()).as(t).isTrue()));
    }
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
    alice.awaitSignal("errors.new-issue.title", "Give the issue a title");
    assertThat(alice.signal("errors.new-issue-dialog")).as("the dialog's messages are its own").isNull();
  }

  @Test
  void aSuccessAfterAFailureClearsTheMessageAndEmptiesTheForm() {
    Tab alice = signedIn("Alice").open("/issues").connect();
    alice.submit("#new-issue-form", Map.of("title", "", "description", "first try"));
    alice.awaitSignal("errors.new-issue.title", "Give the issue a title");
    assertThat(alice.document().selectFirst("#new-issue-form textarea[name=description]").text()).as("kept after a failure").isEqualTo("first try");

    String title = unique("Second try");
    alice.submit("#new-issue-form", Map.of("title", title, "description", "now with a title"));
    alice.awaitSignal("errors.new-issue.title", "");
    alice.awaitCondition("the form reset", doc -> doc.selectFirst("#new-issue-form input[name=title]").val().isEmpty());
    assertThat(alice.document().selectFirst("#new-issue-form textarea[name=description]").text()).isEmpty();
    assertThat(alice.warnings()).isEmpty();
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

  private double count(String name) {
    var c = meters.find(name).tag("scope", "shared").counter();
    return c == null ? 0 : c.count();
  }

  /**
   * Opens a page and its stream, once the stream has read the page's region fingerprints: from
   * then on the tab is in step (regions its page showed as they are now are not sent again).
   */
  private static Tab live(Browser browser, String path) {
    Tab tab = browser.open(path);
    assertThat(tab.signal("_hslive.s")).as("the page's region fingerprints").isNotNull();
    return tab.connect().awaitSignal("_hslive.s", null);
  }

  @Test
  void theListRendersOncePerFilterInUse() {
    String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
    Browser alice = signedIn("Alice");
    Browser bob = signedIn("Bob");
    Browser anonymous = app.browser();
    List<Tab> defaults = new ArrayList<>();
    for (Browser b : List.of(alice, bob, anonymous)) {
      defaults.add(live(b, "/issues"));
    }
    List<Tab> searches = List.of(live(bob, "/issues?q=" + marker), live(anonymous, "/issues?q=" + marker));
    Tab closed = live(alice, "/issues?status=closed");

    double renders = count("honostar.live.renders");
    double queries = count("honostar.live.queries");
    String title = marker + " printer on fire";
    alice.open("/issues").submit("#new-issue-form", Map.of("title", title, "description", "smoke"));
    defaults.forEach(t -> t.awaitTextContaining("#issues-list", title));
    searches.forEach(t -> t.awaitTextContaining("#issues-list", title));
    closed.awaitCondition("the closed list re-rendered with the new open count",
      d -> d.select("#issues-list .tab__count").first().text().equals(String.valueOf(openCount(defaults.get(0)))));
    assertThat(closed.text("#issues-list")).doesNotContain(title);
    // Six tabs (and Alice's own list tab), three filters: default, the search, closed.
    assertThat(count("honostar.live.renders") - renders).isEqualTo(3);
    assertThat(count("honostar.live.queries") - queries).isEqualTo(3);
  }

  /** Waits, polling, until the shared counter {@code name} reaches {@code value}. */
  private void awaitCount(String name, double value) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count(name) < value) {
      assertThat(System.nanoTime()).as(name + " reaching " + value + " (is " + count(name) + ")").isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private static long openCount(Tab tab) {
    return Long.parseLong(tab.document().select("#issues-list .tab__count").first().text());
  }

  @Test
  void anIssuesControlsRenderOncePerKindOfViewer() {
    Browser alice = signedIn("Alice");
    Browser bob = signedIn("Bob");
    Browser carol = signedIn("Carol");
    Browser anonymous = app.browser();
    Tab authorTab = alice.open("/issues");
    authorTab.submitWithoutJavaScript("#new-issue-form", Map.of("title", "Flaky build", "description", "red"));
    String path = authorTab.url().replaceFirst("^https?://[^/]+", "");
    assertThat(path).matches("/issues/\\d+");
    double beforeConnect = count("honostar.live.renders");
    Tab author = live(alice, path);
    List<Tab> members = List.of(live(bob, path), live(bob, path), live(carol, path));
    Tab visitor = live(anonymous, path);
    assertThat(author.has("#edit-form")).isTrue();
    members.forEach(t -> assertThat(t.has("#edit-form")).isFalse());
    assertThat(visitor.text("#issue-controls")).contains("Log in");
    // Who's here: every tab shows the three signed-in viewers (Bob's two tabs count once, the visitor is not
    // listed). Its renders are counted apart (scope=presence), so a leave from another test cannot move the count below.
    for (Tab t : List.of(author, members.get(0), members.get(1), members.get(2), visitor)) {
      t.awaitCondition("Alice, Bob and Carol here", d -> d.select("#issue-here .here__member").eachText().equals(List.of("Alice", "Bob", "Carol")));
    }

    // The connects rendered each view once (the shared regions, three kinds of controls); a tab may be in step
    // (its first patch, who's here, came at once) while another view's connect render is still running.
    awaitCount("honostar.live.renders", beforeConnect + 4);

    double renders = count("honostar.live.renders");
    String comment = "seen " + UUID.randomUUID().toString().substring(0, 8);
    members.get(0).submit("#comment-form", Map.of("body", comment));
    for (Tab t : List.of(author, members.get(0), members.get(1), members.get(2), visitor)) {
      t.awaitTextContaining("#issue-comments", comment);
    }
    // Each kind of viewer keeps its own controls.
    assertThat(author.has("#edit-form")).isTrue();
    members.forEach(t -> assertThat(t.has("#edit-form")).isFalse());
    assertThat(members.get(0).text("#issue-controls")).contains("Only Alice");
    assertThat(visitor.text("#issue-controls")).contains("Log in");
    // One render of the shared regions, one per kind of viewer of the controls: 1 + 3, for five tabs.
    assertThat(count("honostar.live.renders") - renders).isEqualTo(4);
  }
}
