package dev.honostar.examples.issues;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app driven as its users drive it, over real HTTP against a real database. Subclasses
 * pick the database (embedded H2, PostgreSQL); every test makes its own users and issues, so
 * none depends on seed data or on another test.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IssuesAppContract {

  protected Vertx vertx;
  protected IssuesApp.Running app;
  private final List<AutoCloseable> open = new ArrayList<>();

  /** The database part of the environment. */
  protected abstract Map<String, String> databaseEnv() throws Exception;

  /** Drops what {@link #databaseEnv()} created. */
  protected abstract void dropDatabase() throws Exception;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Map<String, String> env = new HashMap<>(databaseEnv());
    env.put("PORT", "0");
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_DB_POOL_SIZE", "4");
    app = Browser.await(IssuesApp.start(vertx, env));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (app != null) {
        Browser.await(app.close());
      }
    } finally {
      dropDatabase();
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    open.clear();
  }

  protected Browser browser() {
    Browser b = new Browser(vertx, app.port());
    open.add(b);
    return b;
  }

  protected <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  protected static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  protected Browser signedUp(String name) {
    Browser b = browser();
    b.signup(name, name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "correct horse");
    return b;
  }

  @Test
  void anIssueCreatedByOneUserReachesTheOtherUsersListLive() {
    Browser alice = signedUp("Alice");
    Browser bob = signedUp("Bob");
    Document page = bob.page("/issues");
    assertThat(page.getElementById("issues-list")).isNotNull();
    Browser.LiveStream stream = track(bob.live(page));
    // The stream first sends the current state: once it has, Bob's tab is subscribed.
    stream.await(e -> e.contains("id=\"issues-rows\""), "the initial #issues-rows");

    String title = unique("Printer on fire");
    HttpResponse<Buffer> created = alice.datastar("/issues", "title", title, "description", "Smoke everywhere", "_form", "new-issue");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.bodyAsString()).contains("datastar-patch-elements").contains("created");

    String patch = stream.await(e -> e.contains(title), "the new title");
    // The rows are a keyed list: the new issue arrives as one row put first, not as the list.
    assertThat(patch).startsWith("event: datastar-patch-elements").contains("data: mode prepend", "data: selector #issues-rows")
      .doesNotContain("id=\"issues-rows\"");
    assertThat(patch.split("class=\"row\"", -1)).hasSize(2);
  }

  @Test
  void twoTabsOfOneSessionWithDifferentFiltersEachKeepTheirOwnList() {
    Browser alice = signedUp("Alice");
    Browser bob = signedUp("Bob");
    String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
    // Two tabs of one browser: the closed list first, then the open list. Each keeps its own.
    Document closedPage = bob.page("/issues?status=closed&q=" + marker);
    Browser.LiveStream closedTab = track(bob.live(closedPage));
    closedTab.await(e -> e.contains("id=\"issues-rows\""), "the closed tab's initial list");
    Document openPage = bob.page("/issues?status=open&q=" + marker);
    Browser.LiveStream openTab = track(bob.live(openPage));
    openTab.await(e -> e.contains("id=\"issues-rows\""), "the open tab's initial list");

    String title = marker + " printer on fire";
    alice.createIssue(title, "Smoke");
    openTab.await(e -> e.contains(title), "the new open issue in the open tab");
    closedTab.await(e -> e.contains("id=\"issues-tabs\"") && e.contains("tab__count\">1</span>"),
      "the closed tab's re-render after the event");
    assertThat(closedTab.text()).as("the closed tab still shows its closed list").doesNotContain(title).contains("No closed issues match");
  }

  @Test
  void commentsAndStatusReachAnIssuePageLiveAndControlsArePerViewer() {
    Browser alice = signedUp("Alice");
    Browser bob = signedUp("Bob");
    long id = alice.createIssue(unique("Flaky build"), "Sometimes red");

    Document bobsPage = bob.page("/issues/" + id);
    assertThat(bobsPage.getElementById("issue-controls").text()).contains("Only Alice");
    assertThat(bobsPage.getElementById("edit-form")).isNull();
    assertThat(alice.page("/issues/" + id).getElementById("edit-form")).isNotNull();

    Browser.LiveStream stream = track(bob.live(bobsPage));
    stream.await(e -> e.contains("id=\"issue-comments\""), "the initial #issue-comments");
    // The per-viewer region, rendered for Bob: no edit form.
    String controls = stream.await(e -> e.contains("id=\"issue-controls\""), "Bob's #issue-controls");
    assertThat(controls).contains("Only Alice").doesNotContain("edit-form");

    String comment = unique("Seen it too");
    assertThat(bob.datastar("/issues/" + id + "/comments", "_form", "comment", "body", comment).statusCode()).isEqualTo(200);
    stream.await(e -> e.contains("id=\"issue-comments\"") && e.contains(comment), "the new comment");

    assertThat(alice.datastar("/issues/" + id + "/status", "status", "closed").statusCode()).isEqualTo(200);
    stream.await(e -> e.contains("id=\"issue-main\"") && e.contains("Closed"), "the closed status");
  }

  @Test
  void invalidInputAnswersDatastarWithErrorSignalsAndPlainFormsWithARedirectBack() {
    Browser alice = signedUp("Alice");
    alice.get("/issues");

    HttpResponse<Buffer> ds = alice.datastar("/issues", "title", "   ", "description", "no title", "_form", "new-issue");
    assertThat(ds.statusCode()).isEqualTo(200);
    // Only the form that was submitted: the dialog's fields keep their own messages.
    JsonObject errors = ds.bodyAsJsonObject().getJsonObject("errors");
    assertThat(errors.fieldNames()).containsExactly("new-issue");
    assertThat(errors.getJsonObject("new-issue").getString("title")).isNotBlank();
    assertThat(errors.getJsonObject("new-issue").getString("description")).isEmpty();
    assertThat(errors.getJsonObject("new-issue").fieldNames()).as("no echo of other fields").containsExactly("title", "description");

    HttpResponse<Buffer> plain = alice.form("/issues", "/issues", "_form", "new-issue", "title", "", "description", "kept text");
    assertThat(plain.statusCode()).isEqualTo(303);
    assertThat(plain.getHeader("Location")).isEqualTo("/issues");
    Document back = alice.page("/issues");
    Element form = back.getElementById("new-issue-form");
    assertThat(form.text()).contains("Give the issue a title");
    assertThat(form.selectFirst("textarea[name=description]").text()).isEqualTo("kept text");
    // Flashed once: the next render is clean.
    assertThat(alice.page("/issues").getElementById("new-issue-form").text()).doesNotContain("Give the issue a title");
  }

  @Test
  void onlyTheAuthorMayEditOrCloseAnIssue() {
    Browser alice = signedUp("Alice");
    Browser bob = signedUp("Bob");
    String title = unique("Mine");
    long id = alice.createIssue(title, "Alice's words");
    bob.get("/issues/" + id);

    HttpResponse<Buffer> plain = bob.form("/issues/" + id, "/issues/" + id, "title", "Bob was here", "description", "");
    assertThat(plain.statusCode()).isEqualTo(403);
    assertThat(plain.bodyAsString()).contains("Only the author");

    HttpResponse<Buffer> ds = bob.datastar("/issues/" + id, "title", "Bob was here", "description", "");
    assertThat(ds.statusCode()).isEqualTo(200);
    assertThat(ds.bodyAsString()).contains("hs-toast").contains("Only the author");

    HttpResponse<Buffer> close = bob.datastar("/issues/" + id + "/status", "status", "closed");
    assertThat(close.bodyAsString()).contains("Only the author");

    Document page = bob.page("/issues/" + id);
    assertThat(page.getElementById("issue-main").text()).contains(title).contains("Open").doesNotContain("Bob was here");

    // The author may.
    String renamed = unique("Renamed");
    assertThat(alice.datastar("/issues/" + id, "title", renamed, "description", "new words").statusCode()).isEqualTo(200);
    assertThat(bob.page("/issues/" + id).getElementById("issue-main").text()).contains(renamed).contains("new words");
  }

  @Test
  void anonymousReadsOfTheListAndAnIssueMakeNoSession() {
    long id = signedUp("Alice").createIssue(unique("Public"), "for everyone");
    Browser anonymous = browser();
    for (String path : List.of("/issues", "/issues?status=closed&q=x", "/issues/" + id)) {
      HttpResponse<Buffer> res = anonymous.get(path);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.cookies()).as("cookies set by %s", path).noneMatch(c -> c.startsWith("ds_session="));
    }
  }

  @Test
  void theWholeFlowWorksWithoutJavaScript() {
    Browser carol = browser();
    String email = "carol." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    carol.signup("Carol", email, "s3cret-pass");
    assertThat(carol.page("/issues").select("nav").text()).contains("Carol");

    assertThat(carol.form("/logout", "/issues").getHeader("Location")).isEqualTo("/login");
    assertThat(carol.page("/issues").getElementById("new-issue-form")).isNull();

    // A wrong password goes back to the login page with the message, never the password.
    carol.get("/login");
    HttpResponse<Buffer> wrong = carol.form("/login", "/login", "email", email, "password", "not-it");
    assertThat(wrong.statusCode()).isEqualTo(303);
    assertThat(wrong.getHeader("Location")).isEqualTo("/login");
    Document login = carol.page("/login");
    assertThat(login.text()).contains("Wrong e-mail address or password");
    assertThat(login.selectFirst("input[name=email]").attr("value")).isEqualTo(email);
    assertThat(login.html()).doesNotContain("not-it");

    HttpResponse<Buffer> ok = carol.form("/login", "/login", "email", email.toUpperCase(), "password", "s3cret-pass");
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.getHeader("Location")).isEqualTo("/issues");

    // The full-page create form, for browsers without JavaScript.
    assertThat(carol.page("/issues/new").select("form[action=/issues] input[name=title]")).hasSize(1);
    String title = unique("No JS needed");
    long id = carol.createIssue(title, "Plain <b>forms</b>");
    Document issue = carol.page("/issues/" + id);
    assertThat(issue.getElementById("issue-main").text()).contains(title).contains("Plain <b>forms</b>");
    assertThat(carol.page("/issues").getElementById("issues-list").text()).contains(title);
    // The search finds it; the closed tab does not list it.
    assertThat(carol.page("/issues?q=" + title.substring(title.length() - 8)).getElementById("issues-list").text()).contains(title);
    assertThat(carol.page("/issues?status=closed").getElementById("issues-list").text()).doesNotContain(title);

    HttpResponse<Buffer> comment = carol.form("/issues/" + id + "/comments", "/issues/" + id, "body", "A plain comment");
    assertThat(comment.statusCode()).isEqualTo(303);
    assertThat(carol.page("/issues/" + id).getElementById("issue-comments").text()).contains("A plain comment");

    // Without a session, changes send the browser to the login page.
    Browser anonymous = browser();
    anonymous.get("/issues");
    HttpResponse<Buffer> refused = anonymous.form("/issues", "/issues", "title", "Anonymous");
    assertThat(refused.statusCode()).isEqualTo(303);
    assertThat(refused.getHeader("Location")).isEqualTo("/login");
    // And a form post without the CSRF field is refused by the framework.
    HttpResponse<Buffer> noCsrf = Browser.await(io.vertx.ext.web.client.WebClient.create(vertx)
      .post(app.port(), "localhost", "/issues").sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("title", "x")));
    assertThat(noCsrf.statusCode()).isEqualTo(403);
  }

  // Issue #19: a NUL reached PostgreSQL (a 500, in development with the raw database error).
  @Test
  void controlCharactersAreRefusedAtTheBoundaryNeverA500() {
    Browser alice = signedUp("Alice");
    HttpResponse<Buffer> search = alice.get("/issues?q=a%00b");
    assertThat(search.statusCode()).isEqualTo(400);
    assertThat(org.jsoup.Jsoup.parse(search.bodyAsString()).text()).contains("query parameter 'q' must not contain control characters")
      .doesNotContain("PSQLException").doesNotContain("0x00");

    String title = unique("Nul") + "\u0000";
    HttpResponse<Buffer> created = alice.datastar("/issues", "title", title, "description", "x", "_form", "new-issue");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.bodyAsString()).contains("must not contain control characters");
    assertThat(alice.page("/issues").getElementById("issues-list").text()).doesNotContain(title.substring(0, 12));

    long id = alice.createIssue(unique("Clean"), "");
    HttpResponse<Buffer> comment = alice.datastar("/issues/" + id + "/comments", "body", "x\u0000y");
    assertThat(comment.statusCode()).isEqualTo(200);
    assertThat(comment.bodyAsString()).contains("must not contain control characters");
    assertThat(alice.datastar("/issues/" + id, "title", "t\u0001", "description", "").bodyAsString()).contains("must not contain control characters");

    Browser bob = browser();
    bob.get("/login");
    HttpResponse<Buffer> login = bob.form("/login", "/login", "email", "bob\u0000@example.com", "password", "whatever");
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.getHeader("Location")).isEqualTo("/login");
    Document back = bob.page("/login");
    assertThat(back.text()).contains("must not contain control characters");
    assertThat(back.html()).doesNotContain("\u0000");
    bob.get("/signup");
    assertThat(bob.form("/signup", "/signup", "name", "B\u0000b", "email", "b@example.com", "password", "long enough").getHeader("Location"))
      .isEqualTo("/signup");
  }

  @Test
  void textOfOnlyInvisibleCharactersIsBlank() {
    Browser alice = signedUp("Alice");
    for (String blank : new String[] {"\u3000", "\u00a0", "\u200b", " \u3000\u200b "}) {
      HttpResponse<Buffer> created = alice.datastar("/issues", "title", blank, "description", "", "_form", "new-issue");
      assertThat(created.bodyAsString()).as("U+%04X", (int) blank.charAt(0)).contains("Give the issue a title");
    }
    long id = alice.createIssue(unique("Visible"), "");
    assertThat(alice.datastar("/issues/" + id + "/comments", "body", "\u200b\u200b").bodyAsString()).contains("Write a comment first");
  }

  @Test
  void labelsAreCreatedOnceAndAttachedToIssues() {
    Browser alice = signedUp("Alice");
    alice.get("/labels");
    String name = "perf-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<Buffer> created = alice.datastar("/labels", "name", name, "color", "success");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(alice.page("/labels").getElementById("labels-list").text()).contains(name);

    HttpResponse<Buffer> again = alice.datastar("/labels", "name", name.toUpperCase(), "color", "success");
    assertThat(again.bodyAsJsonObject().getJsonObject("errors").getString("name")).contains("already");

    long id = alice.createIssue(unique("Slow page"), "");
    Document page = alice.page("/issues/" + id);
    String labelId = page.select("select[name=labelId] option").stream().filter(o -> o.text().equals(name)).findFirst()
      .orElseThrow().attr("value");
    assertThat(alice.form("/issues/" + id + "/labels", "/issues/" + id, "labelId", labelId).statusCode()).isEqualTo(303);
    assertThat(alice.page("/issues/" + id).getElementById("issue-main").text()).contains(name);
    assertThat(alice.page("/issues?status=all").getElementById("issue-" + id).text()).contains(name);

    assertThat(alice.datastar("/issues/" + id + "/labels/remove", "labelId", labelId).statusCode()).isIn(200, 204);
    assertThat(alice.page("/issues/" + id).getElementById("issue-main").text()).doesNotContain(name);
  }

  @Test
  void theProfileShowsTheUserAndRenames() {
    Browser dave = signedUp("Dave");
    long id = dave.createIssue(unique("Dave's issue"), "");
    Document profile = dave.page("/profile");
    assertThat(profile.text()).contains("Dave").contains("#" + id);
    assertThat(dave.datastar("/profile", "name", "David").statusCode()).isEqualTo(200);
    assertThat(dave.page("/profile").select("nav").text()).contains("David");
    assertThat(browser().get("/profile").getHeader("Location")).isEqualTo("/login");
  }
}
