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

  @Test
  void tabsReceiveTheEntriesThatChangedAndAJoiningTabTheWholeList() throws Exception {
    for (int i = 0; i < 8; i++) {
      app.items.add("an entry long enough that the list outweighs a change, number " + i);
    }
    TestBrowser alice = browser();
    alice.open("/log");
    TestBrowser.LiveStream first = alice.stream();
    first.awaitContains("<ol id=\"log\">");

    // A new entry: the tab gets it after its predecessor, and nothing else.
    int mark = first.text().length();
    alice.command(HttpMethod.POST, "/items", new JsonObject().put("title", "berry"));
    first.awaitContains("entry-8\">berry");
    assertThat(since(first, mark)).contains("data: selector #entry-7\ndata: mode after\ndata: elements <li id=\"entry-8\">berry</li>")
      .doesNotContain("number").doesNotContain("<ol");

    TestBrowser bob = browser();
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
    TestBrowser alice = browser();
    alice.open("/log");
    TestBrowser.LiveStream stream = alice.stream();
    stream.awaitContains("Nothing yet");
    int mark = stream.text().length();
    alice.command(HttpMethod.POST, "/items", new JsonObject().put("title", "x"));
    stream.awaitContains("entry-0\">x");
    assertThat(since(stream, mark)).contains("<ol id=\"log\">").doesNotContain("data: mode");
  }
}
