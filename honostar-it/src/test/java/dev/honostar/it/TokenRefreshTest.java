package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A long-lived tab gets a fresh token before expiry, and a reconnect with it keeps updating. */
class TokenRefreshTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().setTokenLifetimeSeconds(3);
    return options;
  }

  @Test
  void theStreamSendsAFreshTokenThatWorksAfterTheOldOneExpired() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    String original = b.token;
    TestBrowser.LiveStream s = b.stream();
    String text = s.awaitContains("data: signals {\"_hslive\":{\"t\":\"");
    Matcher m = Pattern.compile("data: signals \\{\"_hslive\":\\{\"t\":\"([^\"]+)\"").matcher(text);
    assertThat(m.find()).isTrue();
    String fresh = m.group(1);
    assertThat(fresh).isNotEqualTo(original);
    s.close();
    // Wait (on the server's clock) until the original token has expired.
    TestBrowser.LiveStream expired;
    do {
      expired = b.stream(original);
      if (expired.status == 200) {
        expired.close();
        java.util.concurrent.CompletableFuture<Void> tick = new java.util.concurrent.CompletableFuture<>();
        vertx.setTimer(250, id -> tick.complete(null));
        tick.get();
      }
    } while (expired.status == 200);
    assertThat(expired.status).isEqualTo(403);
    TestBrowser.LiveStream renewed = b.stream(fresh);
    assertThat(renewed.status).isEqualTo(200);
    b.command(HttpMethod.POST, "/items", new JsonObject().put("title", "still live"));
    renewed.awaitContains("<li>still live</li>");
  }
}
