package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Tab;

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
    options.getSecurity().getToken().setLifetimeSeconds(3);
    return options;
  }

  @Test
  void theStreamSendsAFreshTokenThatWorksAfterTheOldOneExpired() throws Exception {
    Tab b = browser().open("/board");
    String original = token(b);
    b.connect();
    String text = awaitReceived(b, "data: signals {\"_hslive\":{\"t\":\"");
    Matcher m = Pattern.compile("data: signals \\{\"_hslive\":\\{\"t\":\"([^\"]+)\"").matcher(text);
    assertThat(m.find()).isTrue();
    String fresh = m.group(1);
    assertThat(fresh).isNotEqualTo(original);
    b.disconnect();
    // Wait (on the server's clock) until the original token has expired.
    int expired;
    do {
      expired = b.setSignal("_hslive.t", original).tryConnect();
      if (expired == 200) {
        b.disconnect();
        java.util.concurrent.CompletableFuture<Void> tick = new java.util.concurrent.CompletableFuture<>();
        vertx.setTimer(250, id -> tick.complete(null));
        tick.get();
      }
    } while (expired == 200);
    assertThat(expired).isEqualTo(403);
    assertThat(b.setSignal("_hslive.t", fresh).tryConnect()).isEqualTo(200);
    command(b, HttpMethod.POST, "/items", new JsonObject().put("title", "still live"));
    awaitReceived(b, "<li>still live</li>");
  }
}
