package examples;

import dev.honostar.HonoStarOptions;
import dev.honostar.examples.hello.HelloApp;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippets of docs/testing.md that HelloLiveTest does not already hold, compiled and run
 * (DocSnippetsTest in honostar-vertx checks every line shown there is in this module's tests).
 */
class TestingExamples {

  private final HonoStarOptions options = new HonoStarOptions();

  @Test
  void forms() throws Exception {
    HonoStarTest.run(v -> new HelloApp().router(v, options), (app, browser) -> {
      Tab tab = browser.open("/").connect();
      // With JavaScript: fields typed into the controls (and bound signals), then data-on:submit.
      Response r = tab.submit("form[action=/increment]", Map.of());

      // Without JavaScript: a plain post (with the hidden _csrf field), 303 followed, page loaded.
      Response plain = tab.submitWithoutJavaScript("form[action=/increment]", Map.of());
      assertThat(plain.redirects().get(0).status()).isEqualTo(303);
      assertThat(plain.method()).isEqualTo("GET");
      assertThat(tab.text("#count")).isEqualTo("Count: 2");
    });
  }

  @Test
  void aClickCountsInTheOtherTab() throws Exception {
    HonoStarTest.run(v -> new HelloApp().router(v, options), (app, browser) -> {
      Tab alice = browser.open("/").connect();
      Tab bob = browser.open("/").connect();
      alice.click("#increment");
      bob.awaitText("#count", "Count: 1");
    });
  }

  @Test
  void aTabThatWasAwayHeals() throws Exception {
    HonoStarTest.run(v -> new HelloApp().router(v, options), (app, browser) -> {
      Tab alice = browser.open("/").connect();
      Tab bob = browser.open("/").connect();
      alice.disconnect();
      bob.click("#increment");
      bob.awaitText("#count", "Count: 1");
      assertThat(alice.text("#count")).isEqualTo("Count: 0");
      alice.connect().awaitText("#count", "Count: 1");   // heals with the current state
    });
  }
}
