package dev.honostar.examples.issues.browser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who's here on an issue page, in Chromium with the real Datastar runtime: two signed-in users on
 * one issue see each other (a second tab of one user counts once), and when one leaves the page
 * the other sees it after the grace period; an anonymous visitor sees them without being listed.
 * The {@link Windows} extension fails the test on any console error.
 */
class PresenceBrowserTest extends OneAppInBrowser {

  /** The names shown, read in one script: elements found first could be morphed away before their text is read. */
  @SuppressWarnings("unchecked")
  private static List<String> here(Window w) {
    return (List<String>) w.js("return Array.from(document.querySelectorAll('#issue-here .here__member')).map(e => e.textContent.trim());");
  }

  private static String count(Window w) {
    return (String) w.js("return document.querySelector('#issue-here [data-count]').textContent.trim();");
  }

  private static void awaitHere(Window w, List<String> names) {
    w.await("who's here: " + names + " (shows " + here(w) + ")", d -> here(w).equals(names));
  }

  @Test
  void twoUsersOnOneIssueSeeEachOtherAndOneLeaving() {
    Window alice = window().signUp("Alice");
    Window bob = window().signUp("Bob");
    Window visitor = window();
    alice.open("/issues/1").awaitLive();
    awaitHere(alice, List.of("Alice"));

    bob.open("/issues/1").awaitLive();
    awaitHere(bob, List.of("Alice", "Bob"));
    awaitHere(alice, List.of("Alice", "Bob"));
    visitor.open("/issues/1").awaitLive();
    awaitHere(visitor, List.of("Alice", "Bob"));
    assertThat(count(visitor)).isEqualTo("(2)");

    // Bob goes to the list: his stream closes, and once the grace period passed he is gone for the others.
    bob.open("/issues").awaitLive();
    awaitHere(alice, List.of("Alice"));
    awaitHere(visitor, List.of("Alice"));
    assertThat(count(alice)).isEqualTo("(1)");
  }
}
