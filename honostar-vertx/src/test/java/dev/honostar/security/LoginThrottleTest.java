package dev.honostar.security;

import dev.honostar.security.impl.LoginThrottleImpl;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class LoginThrottleTest {

  private final AtomicLong now = new AtomicLong();

  private LoginThrottleImpl throttle(SecurityOptions options) {
    return new LoginThrottleImpl(options, now::get);
  }

  private void advance(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void theWaitDoublesPerFailureAndIsCapped() {
    LoginThrottleImpl t = throttle(Secure.options(s -> s.getLogin().setFreeAttempts(3).setMaxDelaySeconds(10)));
    for (int i = 0; i < 3; i++) {
      assertThat(t.retryAfterSeconds("ann@example.com", "1.1.1.1")).isZero();
      t.failure("Ann@Example.com ", "1.1.1." + i);
    }
    assertThat(t.retryAfterSeconds("ann@example.com", "9.9.9.9")).as("another address, same account").isEqualTo(1);
    advance(1);
    assertThat(t.retryAfterSeconds("ann@example.com", "9.9.9.9")).isZero();
    t.failure("ann@example.com", "9.9.9.9");
    assertThat(t.retryAfterSeconds("ann@example.com", "9.9.9.9")).isEqualTo(2);
    for (int i = 0; i < 10; i++) {
      advance(60);
      t.failure("ann@example.com", "9.9.9.9");
    }
    // Never more than the cap, however many failures: a real user waits at most that long.
    assertThat(t.retryAfterSeconds("ann@example.com", "8.8.8.8")).isEqualTo(10);
    advance(10);
    assertThat(t.retryAfterSeconds("ann@example.com", "8.8.8.8")).isZero();
  }

  @Test
  void aSuccessClearsTheAccountAndTheWindowForgets() {
    LoginThrottleImpl t = throttle(Secure.options(s -> s.getLogin().setFreeAttempts(1).setWindowSeconds(100)
      .setFreeAttemptsPerAddress(1000)));
    t.failure("bob", "2.2.2.2");
    assertThat(t.retryAfterSeconds("bob", "2.2.2.2")).isEqualTo(1);
    t.success("bob");
    assertThat(t.retryAfterSeconds("bob", "2.2.2.2")).isZero();
    t.failure("bob", "2.2.2.2");
    advance(100);
    assertThat(t.retryAfterSeconds("bob", "2.2.2.2")).isZero();
    t.failure("bob", "2.2.2.2");
    assertThat(t.retryAfterSeconds("bob", "2.2.2.2")).as("the count restarted after the window").isEqualTo(1);
  }

  @Test
  void anAddressIsThrottledOverManyAccounts() {
    LoginThrottleImpl t = throttle(Secure.options(s -> s.getLogin().setFreeAttemptsPerAddress(4)));
    for (int i = 0; i < 4; i++) {
      t.failure("user" + i, "3.3.3.3");
    }
    assertThat(t.retryAfterSeconds("someone-new", "3.3.3.3")).isEqualTo(1);
    assertThat(t.retryAfterSeconds("someone-new", "4.4.4.4")).isZero();
  }

  @Test
  void beginAnswers429WithRetryAfterOverHttp(Vertx vertx) {
    LoginThrottle t = LoginThrottle.create(Secure.options(s -> s.getLogin().setFreeAttempts(1)));
    Router router = Router.router(vertx);
    router.get("/login").handler(ctx -> {
      LoginThrottle.Attempt attempt = t.begin(ctx, ctx.request().getParam("user"));
      attempt.failed();
      ctx.end("wrong");
    });
    router.route().failureHandler(ctx -> {
      var halt = (dev.honostar.page.HaltException) ctx.failure();
      ctx.response().setStatusCode(halt.status()).end(halt.getMessage());
    });
    int port = HttpTestSupport.listen(vertx, router);
    WebClient client = WebClient.create(vertx);
    assertThat(client.get(port, "localhost", "/login?user=carol").send().await().statusCode()).isEqualTo(200);
    HttpResponse<Buffer> refused = client.get(port, "localhost", "/login?user=CAROL").send().await();
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
  }
}
