package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Open streams are bounded per session; closing one frees its slot. */
class StreamLimitsTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().getLimits().setMaxStreamsPerSession(2);
    return options;
  }

  @Test
  void aSessionCannotOpenMoreStreamsThanAllowed() throws Exception {
    Browser b = browser();
    // A stored session: an empty one is new on every request (sessions are made on demand).
    Tab first = b.open("/board?name=limited");
    Tab second = b.open("/board?name=limited");
    assertThat(first.tryConnect()).isEqualTo(200);
    assertThat(second.tryConnect()).isEqualTo(200);
    Tab third = b.open("/board?name=limited");
    assertThat(third.tryConnect()).isEqualTo(429);
    // Closes the first stream and waits until it ended.
    first.disconnect();
    int again;
    // The slot is released when the server sees the close: retry until it has.
    int attempts = 0;
    do {
      again = third.tryConnect();
    } while (again == 429 && ++attempts < 50);
    assertThat(again).isEqualTo(200);
    // A session without any cookie, as before any page.
    try (SseRecorder other = browser().record(liveQuery("x"))) {
      assertThat(other.status()).as("other sessions are not affected by this one's limit").isEqualTo(403);
    }
  }

  @Test
  void leavingOutTheSessionCookieDoesNotLiftTheCap() throws Exception {
    Browser b = browser();
    Tab page = b.open("/feed");
    String sessionCookie = options().getSecurity().getSessionCookie().getName();
    // Only the cookie the token is bound to: no session, so no per-session count to escape by.
    String withoutSession = java.util.Arrays.stream(cookieHeader(b).split("; "))
      .filter(c -> !c.startsWith(sessionCookie + "=")).collect(java.util.stream.Collectors.joining("; "));
    assertThat(withoutSession).contains("ds_live=");
    MultiMap cookies = MultiMap.caseInsensitiveMultiMap().add("Cookie", withoutSession);
    try (SseRecorder first = b.record(liveQuery(token(page)), cookies);
         SseRecorder second = b.record(liveQuery(token(page)), cookies);
         SseRecorder third = b.record(liveQuery(token(page)), cookies)) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      assertThat(third.status()).as("the third stream of one browser").isEqualTo(429);
    }
  }
}
