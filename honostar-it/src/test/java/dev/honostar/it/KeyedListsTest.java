package dev.honostar.it;

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
  private static String since(TestBrowser.LiveStream stream, int mark) {
    return stream.text().substring(mark);
  }

  /** Opens {@code path} and its stream, once the stream shows the region {@code root}. */
  private static TestBrowser.LiveStream live(TestBrowser browser, String path, String root) throws Exception {
    browser.open(path);
    TestBrowser.LiveStream stream = browser.stream();
    stream.awaitContains("<ol id=\"" + root + "\">");
    return stream;
  }

  @Test
  void tabsReceiveTheEntriesThatChangedAndAJoiningTabTheWholeList() throws Exception {
    for (int i = 0; i < 8; i++) {
      app.items.add("an entry long enough that the list outweighs a change, number " + i);
    }
    TestBrowser alice = testBrowser();
    TestBrowser.LiveStream first = live(alice, "/log", "log");

    // A new entry: the tab gets it after its predecessor, and nothing else.
    int mark = first.text().length();
    alice.command(HttpMethod.POST, "/items", new JsonObject().put("title", "berry"));
    first.awaitContains("entry-8\">berry");
    assertThat(since(first, mark)).contains("data: selector #entry-7\ndata: mode after\ndata: elements <li id=\"entry-8\">berry</li>")
      .doesNotContain("number").doesNotContain("<ol");

    TestBrowser bob = testBrowser();
    bob.open("/log");
    TestBrowser.LiveStream second = bob.stream();
    second.awaitContains("<ol id=\"log\">");
    assertThat(second.text()).as("a joining tab gets the whole list").contains("entry-0\">an entry", "entry-8\">berry");

    // A changed entry is morphed by its id alone, in both tabs.
    int markA = first.text().length();
    int markB = second.text().length();
    alice.command(HttpMethod.POST, "/items/rename", new JsonObject().put("index", 0).put("title", "apricot"));
    first.awaitContains("apricot");
    second.awaitContains("apricot");
    for (String patch : new String[] {since(first, markA), since(second, markB)}) {
      assertThat(patch).contains("data: elements <li id=\"entry-0\">apricot</li>").doesNotContain("number").doesNotContain("data: mode");
    }

    // Cleared: the placeholder comes back (here the whole list is the smaller patch, and is sent).
    alice.command(HttpMethod.DELETE, "/items", new JsonObject());
    first.awaitContains("Nothing yet");
    second.awaitContains("Nothing yet");
  }

  @Test
  void whereTheChangeIsNotSmallerThanTheListTheListIsSent() throws Exception {
    TestBrowser alice = testBrowser();
    alice.open("/log");
    TestBrowser.LiveStream stream = alice.stream();
    stream.awaitContains("Nothing yet");
    int mark = stream.text().length();
    alice.command(HttpMethod.POST, "/items", new JsonObject().put("title", "x"));
    stream.awaitContains("entry-0\">x");
    assertThat(since(stream, mark)).contains("<ol id=\"log\">").doesNotContain("data: mode");
  }

  @Test
  void aLimitPrunesTheOldestAsRemovalsAndTheOverflowKeepsWhatATabLoaded() throws Exception {
    for (int i = 0; i < 5; i++) {
      app.items.add("item " + i);
    }
    TestBrowser alice = testBrowser();
    TestBrowser.LiveStream stream = live(alice, "/newest", "newest");
    assertThat(stream.text()).as("the window is the limit's, though the query loads all")
      .contains("newest-4\">item 4", "newest-2\">item 2").doesNotContain("newest-1\"");

    // "Load more": the items past the window, appended to this tab's container only.
    var reply = alice.command(HttpMethod.POST, "/newest/more", new JsonObject());
    assertThat(reply.getHeader("datastar-selector")).isEqualTo("#older");
    assertThat(reply.getHeader("datastar-mode")).isEqualTo("append");
    assertThat(reply.bodyAsString()).isEqualTo("<li id=\"newest-1\">item 1</li>\n<li id=\"newest-0\">item 0</li>");

    // A new item: the oldest of the window leaves as a removal and moves to the top of the
    // container (kept only where the tab loaded items); the new one is put first.
    int mark = stream.text().length();
    alice.command(HttpMethod.POST, "/items", new JsonObject().put("title", "item 5"));
    stream.awaitContains("newest-5\">item 5");
    assertThat(since(stream, mark))
      .contains("data: selector #newest-2\ndata: mode remove")
      .contains("data: selector #older\ndata: mode prepend\ndata: elements <li id=\"newest-2\">item 2</li>")
      .contains("#older:has(> [data-hs-mark]:last-child) > *, #older > [data-hs-mark], #older > #newest-5")
      .contains("data: selector #newest\ndata: mode prepend\ndata: elements <li id=\"newest-5\">item 5</li>")
      .doesNotContain("<ol id=\"newest\"");

    // A tab that joins gets the window whole, and takes the window's items out of its container.
    TestBrowser.LiveStream second = live(testBrowser(), "/newest", "newest");
    assertThat(second.text()).contains("newest-5", "newest-3", "#older > #newest-5, #older > #newest-4, #older > #newest-3")
      .doesNotContain("newest-2\"");
  }
}
