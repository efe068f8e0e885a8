package dev.honostar.examples.issues.browser;

import dev.honostar.examples.issues.ActivityFeed;
import dev.honostar.examples.issues.Model;
import dev.honostar.examples.issues.Store;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.logging.LogEntry;

import java.util.List;

import static dev.honostar.examples.issues.browser.BrowserSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The activity feed in Chromium with the real Datastar runtime: "load more" appends an older
 * page to one tab, and a live entry then pushes the window's oldest entry to the top of that
 * tab's loaded pages (the region's overflow container), so the tab shows one feed, in order,
 * without a gap or a duplicate id; a tab that loaded nothing keeps nothing; Datastar reports
 * no selector without a target.
 */
class ActivityFeedBrowserTest extends OneAppInBrowser {

  @SuppressWarnings("unchecked")
  private static List<Long> shown(Window w) {
    List<String> ids = (List<String>) w.js("return Array.from(document.querySelectorAll("
      + "'#activity-feed > li, #activity-older > li')).map(e => e.id);");
    return ids.stream().filter(id -> id.matches("activity-\\d+")).map(id -> Long.parseLong(id.substring(9))).toList();
  }

  @Test
  void loadMoreThenALiveEntryKeepsOneFeedWithoutGapOrDuplicate() throws Exception {
    Store store = new Store(app.database().dataSource());
    long author = store.createUser("Archivist", unique("archivist").replace(' ', '.') + "@example.com", "x").id();
    for (int i = 0; i < ActivityFeed.WINDOW + ActivityFeed.PAGE; i++) {
      store.createIssue(author, "Archived " + i, "");
    }
    Window reader = window().signUp("Reader");
    Window idle = window();
    Window writer = window().signUp("Writer");
    reader.open("/activity").awaitLive();
    idle.open("/activity").awaitLive();

    reader.find("#activity-load-more").click();
    reader.awaitElement("#activity-older > li:nth-child(" + ActivityFeed.PAGE + ")");
    List<Long> loaded = shown(reader);
    assertThat(loaded).isEqualTo(ids(store, ActivityFeed.WINDOW + ActivityFeed.PAGE));

    writer.open("/issues/1").awaitLive();
    String body = unique("Live entry");
    writer.type("#comment-body", body);
    writer.find("#comment-form button[type=submit]").click();

    reader.awaitText("#activity-feed > li:first-child", "Writer commented on #1");
    assertThat(shown(reader)).as("the window's oldest moved to the top of the loaded pages")
      .isEqualTo(ids(store, ActivityFeed.WINDOW + ActivityFeed.PAGE + 1))
      .doesNotHaveDuplicates();
    assertThat(reader.findAll("#activity-feed > li")).hasSize(ActivityFeed.WINDOW);
    assertThat(reader.find("#activity-older > li:first-child").getAttribute("id")).isEqualTo("activity-" + loaded.get(ActivityFeed.WINDOW - 1));

    idle.awaitText("#activity-feed > li:first-child", "Writer commented on #1");
    assertThat(idle.findAll("#activity-older > *")).as("a tab that loaded nothing keeps nothing").isEmpty();
    assertThat(shown(idle)).isEqualTo(ids(store, ActivityFeed.WINDOW));
    for (Window w : List.of(reader, idle)) {
      assertThat(w.log()).extracting(LogEntry::getMessage).noneMatch(m -> m.contains("NoTargetsFound"));
      assertThat(w.consoleErrors()).isEmpty();
    }
  }

  private static List<Long> ids(Store store, int newest) throws Exception {
    return store.activity(0, newest).stream().map(Model.Activity::id).toList();
  }
}
