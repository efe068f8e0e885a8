package dev.honostar.examples.issues.browser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.honostar.examples.issues.browser.BrowserSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyed lists in Chromium with the real Datastar runtime: a new issue or comment arrives as one
 * item put in its place, and the items the tab already shows are not touched (a mark the page
 * put on them survives, which a whole-region morph would remove).
 */
class KeyedListBrowserTest extends OneAppInBrowser {

  /** Marks every current item of {@code list} as the page saw it; @return how many. */
  private static long markItems(Window w, String list) {
    return (Long) w.js("const items = document.querySelectorAll(arguments[0] + ' > [id]');"
      + "items.forEach(e => e.setAttribute('data-seen', '1')); return items.length;", list);
  }

  @SuppressWarnings("unchecked")
  private static List<String> unmarkedIds(Window w, String list) {
    return (List<String>) w.js("return Array.from(document.querySelectorAll(arguments[0] + ' > [id]:not([data-seen])')).map(e => e.id);", list);
  }

  @Test
  void aNewIssueIsPutFirstAndTheRowsTheTabShowsAreNotTouched() {
    Window alice = window().signUp("Alice");
    Window bob = window().signUp("Bob");
    alice.open("/issues").awaitLive();
    bob.open("/issues").awaitLive();
    long before = markItems(bob, "#issues-rows");
    assertThat(before).isPositive();

    String title = unique("Keyed row");
    alice.fileIssueInDialog(title, "One row, not the list");

    bob.awaitText("#issues-rows > .row:first-child", title);
    assertThat(unmarkedIds(bob, "#issues-rows")).as("only the new row is new in Bob's list").hasSize(1).allMatch(id -> id.matches("issue-\\d+"));
    assertThat(bob.findAll("#issues-rows > [id]")).hasSize((int) before + 1);
  }

  @Test
  void aNewCommentIsAddedAfterTheLastAndTheOthersAreNotTouched() {
    Window alice = window().signUp("Carol");
    Window bob = window().signUp("Dave");
    alice.open("/issues/1").awaitLive();
    bob.open("/issues/1").awaitLive();
    String first = unique("First comment");
    alice.type("#comment-body", first);
    alice.find("#comment-form button[type=submit]").click();
    bob.awaitText("#issue-comments", first);
    markItems(bob, "#issue-comments");

    String second = unique("Second comment");
    alice.type("#comment-body", second);
    alice.find("#comment-form button[type=submit]").click();
    bob.awaitText("#issue-comments > .comment:last-child", second);
    assertThat(unmarkedIds(bob, "#issue-comments")).as("only the new comment is new in Bob's page").hasSize(1);
    assertThat(bob.find("#issue-comments").getText()).contains(first);
  }
}
