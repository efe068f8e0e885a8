package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Open streams are bounded per session; closing one frees its slot. */
class StreamLimitsTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().setMaxStreamsPerSession(2);
    return options;
  }

  @Test
  void aSessionCannotOpenMoreStreamsThanAllowed() throws Exception {
    TestBrowser b = testBrowser();
    // A stored session: an empty one is new on every request (sessions are made on demand).
    b.open("/board?name=limited");
    TestBrowser.LiveStream first = b.stream();
    TestBrowser.LiveStream second = b.stream();
    assertThat(first.status).isEqualTo(200);
    assertThat(second.status).isEqualTo(200);
    TestBrowser.LiveStream third = b.stream();
    assertThat(third.status).isEqualTo(429);
    first.close();
    first.ended.get(5, java.util.concurrent.TimeUnit.SECONDS);
    TestBrowser.LiveStream again;
    // The slot is released when the server sees the close: retry until it has.
    int attempts = 0;
    do {
      again = b.stream();
    } while (again.status == 429 && ++attempts < 50);
    assertThat(again.status).isEqualTo(200);
    assertThat(testBrowser().stream("x").status).as("other sessions are not affected by this one's limit").isEqualTo(403);
  }

  @Test
  void leavingOutTheSessionCookieDoesNotLiftTheCap() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/feed");
    String sessionCookie = options().getSecurity().getSessionCookieName();
    // Only the cookie the token is bound to: no session, so no per-session count to escape by.
    String withoutSession = java.util.Arrays.stream(b.cookieHeader().split("; "))
      .filter(c -> !c.startsWith(sessionCookie + "=")).collect(java.util.stream.Collectors.joining("; "));
    assertThat(withoutSession).contains("ds_live=");
    assertThat(b.stream("/_/events", b.token, null, withoutSession).status).isEqualTo(200);
    assertThat(b.stream("/_/events", b.token, null, withoutSession).status).isEqualTo(200);
    assertThat(b.stream("/_/events", b.token, null, withoutSession).status).as("the third stream of one browser").isEqualTo(429);
  }
}
