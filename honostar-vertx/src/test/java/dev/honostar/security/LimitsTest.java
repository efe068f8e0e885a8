package dev.honostar.security;

import dev.honostar.security.impl.TokenBucketRateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class LimitsTest {

  static int echoServer(Vertx vertx, SecurityOptions options) {
    Router router = SecurityHandlers.handleLimitErrors(Router.router(vertx));
    router.route().handler(SecurityHandlers.bodyHandler(options));
    router.route().handler(ctx -> ctx.end("got " + ctx.body().length()));
    HttpServerOptions server = new HttpServerOptions();
    options.applyTo(server);
    return HttpTestSupport.listen(vertx, router, server);
  }

  @Test
  void bodyOverTheLimitIs413(Vertx vertx) {
    int port = echoServer(vertx, Secure.options(s -> s.getLimits().setMaxBodyBytes(1024)));
    WebClient client = WebClient.create(vertx);

    HttpResponse<Buffer> ok = client.post(port, "localhost", "/").sendBuffer(Buffer.buffer(new byte[1024])).await();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsString()).isEqualTo("got 1024");

    HttpResponse<Buffer> big = client.post(port, "localhost", "/").sendBuffer(Buffer.buffer(new byte[1025])).await();
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.bodyAsString()).isEqualTo("Request body too large\n");
  }

  @Test
  void chunkedBodyOverTheLimitIs413(Vertx vertx) {
    int port = echoServer(vertx, Secure.options(s -> s.getLimits().setMaxBodyBytes(1024)));
    HttpClient http = vertx.createHttpClient();
    HttpClientResponse response = http.request(new RequestOptions().setMethod(HttpMethod.POST)
            .setPort(port).setHost("localhost").setURI("/"))
        .compose(req -> {
          req.setChunked(true);
          for (int i = 0; i < 4; i++) {
            req.write(Buffer.buffer(new byte[512]));
          }
          return req.end().compose(v -> req.response());
        }).await();
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void longRequestLineIsAnsweredWith414ByVertx(Vertx vertx) {
    int port = echoServer(vertx, Secure.options(s -> s.getLimits().setMaxInitialLineLength(256)));
    WebClient client = WebClient.create(vertx);
    assertThat(client.get(port, "localhost", "/" + "a".repeat(200)).send().await().statusCode()).isEqualTo(200);
    assertThat(client.get(port, "localhost", "/" + "a".repeat(300)).send().await().statusCode()).isEqualTo(414);
  }

  @Test
  void hugeHeadersAreAnsweredWith431ByVertx(Vertx vertx) {
    int port = echoServer(vertx, Secure.options(s -> s.getLimits().setMaxHeaderSize(1024)));
    WebClient client = WebClient.create(vertx);
    assertThat(client.get(port, "localhost", "/").putHeader("X-Big", "b".repeat(500)).send().await().statusCode())
        .isEqualTo(200);
    assertThat(client.get(port, "localhost", "/").putHeader("X-Big", "b".repeat(2000)).send().await().statusCode())
        .isEqualTo(431);
  }

  @Test
  void streamLimiterBoundsSessionsAndAddresses() {
    StreamLimiter limiter = StreamLimiter.create(Secure.options(s -> s.getLimits().setMaxStreamsPerSession(2).setMaxStreamsPerAddress(3)));

    assertThat(limiter.tryAcquire("s1", "10.0.0.1")).isTrue();
    assertThat(limiter.tryAcquire("s1", "10.0.0.1")).isTrue();
    assertThat(limiter.tryAcquire("s1", "10.0.0.1")).as("third stream of one session").isFalse();
    assertThat(limiter.tryAcquire("s2", "10.0.0.1")).isTrue();
    assertThat(limiter.tryAcquire("s3", "10.0.0.1")).as("fourth stream of one address").isFalse();
    // The refused attempt took nothing from s3.
    assertThat(limiter.openForSession("s3")).isZero();
    assertThat(limiter.tryAcquire("s3", "10.0.0.2")).isTrue();

    limiter.release("s1", "10.0.0.1");
    assertThat(limiter.openForSession("s1")).isEqualTo(1);
    assertThat(limiter.tryAcquire("s1", "10.0.0.1")).isTrue();

    // Extra releases never go below zero nor grant extra slots.
    for (int i = 0; i < 5; i++) {
      limiter.release("s2", "10.0.0.2");
    }
    assertThat(limiter.openForSession("s2")).isZero();
    assertThat(limiter.openForAddress("10.0.0.2")).isZero();
  }

  @Test
  void streamLimiterHoldsUnderConcurrency() throws Exception {
    StreamLimiter limiter = StreamLimiter.create(Secure.options(s -> s.getLimits().setMaxStreamsPerSession(5).setMaxStreamsPerAddress(1000)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger granted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tasks.add(pool.submit(() -> {
        start.await();
        if (limiter.tryAcquire("s", "a")) {
          granted.incrementAndGet();
        }
        return null;
      }));
    }
    start.countDown();
    for (var t : tasks) {
      t.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(granted.get()).isEqualTo(5);
    assertThat(limiter.openForSession("s")).isEqualTo(5);
    assertThat(limiter.openForAddress("a")).isEqualTo(5);
  }

  @Test
  void rateLimiterAnswers429WithRetryAfter(Vertx vertx) {
    SecurityOptions options = Secure.options(s -> s.getLimits().setCommandBurst(3).setCommandRatePerSecond(0.01));
    Router router = Router.router(vertx);
    router.post("/cmd").handler(CommandRateLimiter.handler(CommandRateLimiter.tokenBucket(options,
        ctx -> ctx.request().getHeader("X-User"))));
    router.post("/cmd").handler(ctx -> ctx.end("done"));
    int port = HttpTestSupport.listen(vertx, router);
    WebClient client = WebClient.create(vertx);

    for (int i = 0; i < 3; i++) {
      assertThat(client.post(port, "localhost", "/cmd").putHeader("X-User", "ann").send().await().statusCode())
          .isEqualTo(200);
    }
    HttpResponse<Buffer> limited = client.post(port, "localhost", "/cmd").putHeader("X-User", "ann").send().await();
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 100L);
    // Another key has its own bucket.
    assertThat(client.post(port, "localhost", "/cmd").putHeader("X-User", "bob").send().await().statusCode())
        .isEqualTo(200);
  }

  @Test
  void noopLimiterAllowsEverything(Vertx vertx) {
    Router router = Router.router(vertx);
    router.post("/cmd").handler(CommandRateLimiter.handler(CommandRateLimiter.noop()));
    router.post("/cmd").handler(ctx -> ctx.end("done"));
    int port = HttpTestSupport.listen(vertx, router);
    WebClient client = WebClient.create(vertx);
    for (int i = 0; i < 50; i++) {
      assertThat(client.post(port, "localhost", "/cmd").send().await().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void tokenBucketRefillsOverTime() {
    AtomicLong now = new AtomicLong(0);
    TokenBucketRateLimiter bucket = new TokenBucketRateLimiter(
        Secure.options(s -> s.getLimits().setCommandBurst(2).setCommandRatePerSecond(1)), ctx -> "k", now::get);
    assertThat(bucket.take("k")).isGreaterThanOrEqualTo(0);
    assertThat(bucket.take("k")).isGreaterThanOrEqualTo(0);
    assertThat(bucket.take("k")).isNegative();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1000));
    assertThat(bucket.take("k")).isGreaterThanOrEqualTo(0);
    assertThat(bucket.take("k")).isNegative();
    now.addAndGet(TimeUnit.SECONDS.toNanos(3600));
    // Never more than the burst, however long the wait.
    assertThat(bucket.take("k")).isGreaterThanOrEqualTo(0);
    assertThat(bucket.take("k")).isGreaterThanOrEqualTo(0);
    assertThat(bucket.take("k")).isNegative();
  }
}
