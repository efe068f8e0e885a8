package dev.honostar.examples.issues.browser;

import org.junit.jupiter.api.Test;

import static dev.honostar.examples.issues.browser.BrowserSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tab whose page is current when its stream opens is not sent its regions again (Chromium, the
 * real Datastar runtime): the stream's first write only clears the page's fingerprints, and the
 * tab still receives the changes that follow.
 */
class CurrentPageBrowserTest extends OneAppInBrowser {

  @Test
  void aCurrentPageGetsNoRegionOnConnectAndStillReceivesChanges() {
    Window alice = window().signUp("Ada");
    Window bob = window().signUp("Ben");
    bob.open("/issues").awaitLive();
    String document = bob.markDocument();
    assertThat(bob.liveEvents()).as("the stream's events on connect").contains("datastar-patch-signals")
      .doesNotContain("datastar-patch-elements");

    String title = unique("After a quiet connect");
    alice.open("/issues").fileIssueInDialog(title, "Sent as a patch");

    bob.awaitText("#issues-rows", title);
    assertThat(bob.sameDocument(document)).as("the tab was not reloaded").isTrue();
    assertThat(bob.liveEvents()).contains("datastar-patch-elements");
  }
}
