package dev.honostar.it;

import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed-list region over real HTTP: tabs in step receive the entries that changed, a tab that
 * joins receives the whole list, and every tab ends with the same list.
 */
class KeyedListsTest extends BoardFixture {

  /** What a stream received after {@code mark} characters. */
  private static String since(Tab stream, int mark) {
    return received(stream).substring(mark);
  }

  /** Opens {@code path} and its stream, once the stream shows the region {@code root}. */
  private static Tab live(Browser browser, String path, String root) {
    Tab stream = browser.open(path).connect();
    awaitReceived(stream, "<ol id=\"" + root + "\">");
    return stream;
  }

  @Test
  void tabsReceiveTheEntriesThatChangedAndAJoiningTabTheWholeList() throws Exception {
    for (int i = 0; i < 8; i++) {
      app.items.add("an entry long enough that the list outweighs a change, number " + i);
    }
    Tab first = live(browser(), "/log", "log");

    // A new entry: the tab gets it after its predecessor, and nothing else.
    int mark = received(first).length();
    command(first, HttpMethod.POST, "/items", new JsonObject().put("title", "berry"));
    awaitReceived(first, "entry-8\">berry");
    assertThat(since(first, mark)).contains("data: selector #entry-7\ndata: mode after\ndata: elements <li id=\"entry-8\">berry</li>")
      .doesNotContain("number").doesNotContain("<ol");

    Tab second = browser().open("/log").connect();
    awaitReceived(second, "<ol id=\"log\">");
    assertThat(received(second)).as("a joining tab gets the whole list").contains("entry-0\">an entry", "entry-8\">berry");

    // A changed entry is morphed by its id alone, in both tabs.
    int markA = received(first).length();
    int markB = received(second).length();
    command(first, HttpMethod.POST, "/items/rename", new JsonObject().put("index", 0).put("title", "apricot"));
    awaitReceived(first, "apricot");
    awaitReceived(second, "apricot");
    for (String patch : new String[] {since(first, markA), since(second, markB)}) {
      assertThat(patch).contains("data: elements <li id=\"entry-0\">apricot</li>").doesNotContain("number").doesNotContain("data: mode");
    }

    // Cleared: the placeholder comes back (here the whole list is the smaller patch, and is sent).
    command(first, HttpMethod.DELETE, "/items", new JsonObject());
    awaitReceived(first, "Nothing yet");
    awaitReceived(second, "Nothing yet");
  }

  @Test
  void whereTheChangeIsNotSmallerThanTheListTheListIsSent() throws Exception {
    Tab stream = browser().open("/log").connect();
    awaitReceived(stream, "Nothing yet");
    int mark = received(stream).length();
    command(stream, HttpMethod.POST, "/items", new JsonObject().put("title", "x"));
    awaitReceived(stream, "entry-0\">x");
    assertThat(since(stream, mark)).contains("<ol id=\"log\">").doesNotContain("data: mode");
  }

  @Test
  void aLimitPrunesTheOldestAsRemovalsAndTheOverflowKeepsWhatATabLoaded() throws Exception {
    for (int i = 0; i < 5; i++) {
      app.items.add("item " + i);
    }
    Tab stream = live(browser(), "/newest", "newest");
    assertThat(received(stream)).as("the window is the limit's, though the query loads all")
      .contains("newest-4\">item 4", "newest-2\">item 2").doesNotContain("newest-1\"");

    // "Load more": the items past the window, appended to this tab's container only.
    Response reply = command(stream, HttpMethod.POST, "/newest/more", new JsonObject());
    assertThat(reply.header("datastar-selector")).isEqualTo("#older");
    assertThat(reply.header("datastar-mode")).isEqualTo("append");
    assertThat(reply.body()).isEqualTo("<li id=\"newest-1\">item 1</li>\n<li id=\"newest-0\">item 0</li>");

    // A new item: the oldest of the window leaves as a removal and moves to the top of the
    // container (kept only where the tab loaded items); the new one is put first.
    int mark = received(stream).length();
    command(stream, HttpMethod.POST, "/items", new JsonObject().put("title", "item 5"));
    awaitReceived(stream, "newest-5\">item 5");
    // Four events: the test waits for the last of them, whichever order they come in.
    awaitReceived(stream, t -> t.substring(mark).contains("data: selector #newest-2\ndata: mode remove")
      && t.substring(mark).contains("#older > #newest-5") && t.substring(mark).contains("data: selector #older\ndata: mode prepend"));
    assertThat(since(stream, mark))
      .contains("data: selector #newest-2\ndata: mode remove")
      .contains("data: selector #older\ndata: mode prepend\ndata: elements <li id=\"newest-2\">item 2</li>")
      .contains("#older:has(> [data-hs-mark]:last-child) > *, #older > [data-hs-mark], #older > #newest-5")
      .contains("data: selector #newest\ndata: mode prepend\ndata: elements <li id=\"newest-5\">item 5</li>")
      .doesNotContain("<ol id=\"newest\"");

    // A tab that joins gets the window whole, and takes the window's items out of its container.
    Tab second = live(browser(), "/newest", "newest");
    // The window and the removal from the container are two events: the test waits for both.
    awaitReceived(second, t -> t.contains("#older > #newest-5, #older > #newest-4, #older > #newest-3"));
    assertThat(received(second)).contains("newest-5", "newest-3", "#older > #newest-5, #older > #newest-4, #older > #newest-3")
      .doesNotContain("newest-2\"");
  }
}
