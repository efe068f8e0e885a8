package dev.honostar.examples.issues;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.Tab;
import io.vertx.core.Vertx;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The activity feed through the test kit, as Datastar drives it: a new entry reaches every tab
 * as one item and the window stays bounded; "load more" appends older pages to the asking tab
 * only; entries that leave the live window move into that tab's loaded pages, so it shows one
 * feed without a gap or a duplicate, through live changes and a reconnect's whole region.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityFeedKitTest {

  private TrackerKit kit;
  private HonoStarTest app;
  private Store store;

  @BeforeAll
  void start() throws Exception {
    kit = TrackerKit.start("issues-activity", data -> Map.of());
    app = kit.app;
    store = kit.store;
    // More than a window and a page of history, written before any tab opens.
    long author = store.createUser("Historian", "historian@example.com", "x").id();
    for (int i = 0; i < ActivityFeed.WINDOW + ActivityFeed.PAGE + 5; i++) {
      store.createIssue(author, "Old issue " + i, "");
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (kit != null) {
      kit.close();
    }
  }

  private Browser signedIn(String name) {
    return KitUsers.signedIn(app, name);
  }

  /** The entry ids a tab shows, in page order: the live window, then what it loaded. */
  private static List<Long> shown(Document doc) {
    return doc.select("#activity-feed > li[id^=activity-], #activity-older > li[id^=activity-]").stream()
      .map(Element::id).filter(id -> id.matches("activity-\\d+")).map(id -> Long.parseLong(id.substring(9))).toList();
  }

  /** The newest {@code n} entry ids in the database. */
  private List<Long> newest(int n) throws Exception {
    return store.activity(0, n).stream().map(Model.Activity::id).toList();
  }

  private static long newIssue(Browser who, String title) {
    Tab list = who.open("/issues");
    list.submit("#new-issue-form", Map.of("title", title, "description", ""));
    return Long.parseLong(who.open("/issues").document().select("#issues-rows a:contains(" + title + ")").attr("href").replaceAll("\\D", ""));
  }

  @Test
  void aNewEntryReachesEveryTabAsOneItemAndTheWindowStaysBounded() throws Exception {
    Browser alice = signedIn("Alice");
    Tab mine = alice.open("/activity").connect().awaitEvents(1);
    Tab theirs = app.browser().open("/activity").connect().awaitEvents(1);
    assertThat(theirs.count("#activity-feed > li")).isEqualTo(ActivityFeed.WINDOW);
    int seen = theirs.events().size();

    String title = "Printer on fire " + UUID.randomUUID().toString().substring(0, 6);
    long id = newIssue(alice, title);
    for (Tab tab : List.of(mine, theirs)) {
      tab.awaitTextContaining("#activity-feed > li:first-child", "Alice opened #" + id + " " + title);
      assertThat(tab.count("#activity-feed > li")).as("the window keeps its size").isEqualTo(ActivityFeed.WINDOW);
      assertThat(tab.count("#activity-older > *")).as("a tab that loaded nothing keeps nothing").isZero();
      assertThat(shown(tab.document())).isEqualTo(newest(ActivityFeed.WINDOW));
    }
    List<ReceivedEvent> patches = theirs.events().subList(seen, theirs.events().size());
    assertThat(patches).isNotEmpty().noneMatch(e -> e.data().contains("<ol id=\"activity-feed\""));

    alice.open("/issues/" + id).submit("#comment-form", Map.of("body", "Smoke everywhere"));
    theirs.awaitTextContaining("#activity-feed > li:first-child", "Alice commented on #" + id);
    alice.open("/issues/" + id).submit("#issue-controls form[action$='/status']", Map.of());
    theirs.awaitTextContaining("#activity-feed > li:first-child", "Alice closed #" + id);
    assertThat(theirs.warnings()).isEmpty();
  }

  @Test
  void loadMoreAppendsToOneTabAndEntriesLeavingTheWindowMoveIntoIt() throws Exception {
    Browser bob = signedIn("Bob");
    Tab reader = app.browser().open("/activity").connect().awaitEvents(1);
    Tab other = app.browser().open("/activity").connect().awaitEvents(1);

    reader.click("#activity-load-more");
    reader.awaitCondition("a page appended", d -> d.select("#activity-older > li").size() == ActivityFeed.PAGE);
    assertThat(shown(reader.document())).as("one feed: the window, then the next page").isEqualTo(newest(ActivityFeed.WINDOW + ActivityFeed.PAGE));
    assertThat(other.count("#activity-older > *")).as("the other tab loaded nothing").isZero();

    // Live entries: each pushes the window's oldest entry into the reader's loaded pages.
    long id = newIssue(bob, "Moving " + UUID.randomUUID().toString().substring(0, 6));
    bob.open("/issues/" + id).submit("#comment-form", Map.of("body", "one more"));
    reader.awaitTextContaining("#activity-feed > li:first-child", "Bob commented on #" + id);
    reader.awaitCondition("the feed whole", d -> shown(d).size() == ActivityFeed.WINDOW + ActivityFeed.PAGE + 2);
    assertThat(shown(reader.document())).as("no gap, no duplicate").isEqualTo(newest(ActivityFeed.WINDOW + ActivityFeed.PAGE + 2));
    assertThat(reader.count("#activity-feed > li")).isEqualTo(ActivityFeed.WINDOW);
    other.awaitTextContaining("#activity-feed > li:first-child", "Bob commented on #" + id);
    assertThat(shown(other.document())).isEqualTo(newest(ActivityFeed.WINDOW));

    // The next page continues where the reader's loaded pages end.
    reader.click("#activity-load-more");
    reader.awaitCondition("the rest appended", d -> d.select("#activity-more .muted").size() == 1);
    List<Long> all = store.activity(0, 1000).stream().map(Model.Activity::id).toList();
    assertThat(shown(reader.document())).as("the whole feed, in order, once").isEqualTo(all);

    // A reconnect brings the whole live region; the loaded pages stay, without duplicates.
    reader.disconnect();
    bob.open("/issues/" + id).submit("#comment-form", Map.of("body", "while the reader was away"));
    reader.connect().awaitCondition("healed", d -> shown(d).get(0).equals(newestId()));
    List<Long> ids = shown(reader.document());
    assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(reader.count("#activity-older > li")).isGreaterThanOrEqualTo(all.size() - ActivityFeed.WINDOW);
    assertThat(reader.warnings()).isEmpty();
  }

  private long newestId() {
    try {
      return newest(1).get(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withoutJavaScriptLoadMoreIsALinkToTheNextPage() throws Exception {
    Tab page = app.browser().open("/activity");
    String next = page.document().selectFirst("#activity-load-more").attr("href");
    assertThat(next).isEqualTo("/activity?before=" + newest(ActivityFeed.WINDOW).get(ActivityFeed.WINDOW - 1));
    Tab older = app.browser().open(next);
    assertThat(shown(older.document())).isEqualTo(newest(ActivityFeed.WINDOW + ActivityFeed.PAGE));
    assertThat(app.browser().open("/activity?before=x").status()).isEqualTo(400);
  }

  @Test
  void anEntryIsWrittenInTheTransactionOfItsChange() throws Exception {
    long author = store.createUser("Atomic", "atomic." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "x").id();
    long issue = store.createIssue(author, "Stays open", "");
    List<Long> before = newest(5);
    // The entry names an actor that does not exist: its insert fails after the status changed,
    // and the change goes with it.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.setStatus(issue, "closed", Long.MAX_VALUE))
      .isInstanceOf(java.sql.SQLException.class);
    assertThat(store.findIssue(issue).orElseThrow().status()).isEqualTo("open");
    assertThat(newest(5)).isEqualTo(before);

    assertThat(store.setStatus(issue, "closed", author)).isTrue();
    assertThat(store.activity(0, 1).get(0)).extracting(Model.Activity::verb, Model.Activity::issueId).containsExactly("closed", issue);
    List<Long> closed = newest(1);
    assertThat(store.setStatus(issue, "closed", author)).as("no change, no entry").isFalse();
    assertThat(newest(1)).isEqualTo(closed);
  }
}
