package dev.honostar.security;

import dev.honostar.security.impl.TokenBucketRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * Decides whether a command (a Datastar {@code @post/@put/...} request) may run now. A hook: the
 * default is {@link #noop()}; {@link #tokenBucket(SecurityOptions)} is a simple per-node limiter;
 * apps can plug in their own (e.g. backed by Redis) by implementing {@link #allow(RoutingContext)}.
 * <p>
 * {@link #handler(CommandRateLimiter)} turns a limiter into a route handler answering
 * {@code 429 Too Many Requests} with {@code Retry-After}.
 *
 * <pre>{@code
 * CommandRateLimiter limiter = CommandRateLimiter.tokenBucket(options);
 * router.post("/cmd/*").handler(CommandRateLimiter.handler(limiter));
 * }</pre>
 */
public interface CommandRateLimiter {

  /**
   * Routing-context key where a limiter may put the seconds to wait (a Long) when it refuses;
   * {@link #handler} sends it as {@code Retry-After} (1 when absent).
   */
  String RETRY_AFTER_KEY = "honostar.rate.retryAfter";

  /** Whether the request may proceed. Must not block; may complete later (remote limiter). */
  Future<Boolean> allow(RoutingContext ctx);

  /** Allows everything. */
  static CommandRateLimiter noop() {
    return ctx -> Future.succeededFuture(true);
  }

  /**
   * Token bucket of {@code commandBurst} commands refilled at {@code commandRatePerSecond}, keyed by
   * session id when the request has a session, else by client address. Thread-safe; per node.
   */
  static CommandRateLimiter tokenBucket(SecurityOptions options) {
    return new TokenBucketRateLimiter(options, null, System::nanoTime);
  }

  /** As {@link #tokenBucket(SecurityOptions)} with an own key (e.g. the authenticated user id). */
  static CommandRateLimiter tokenBucket(SecurityOptions options, Function<RoutingContext, String> key) {
    return new TokenBucketRateLimiter(options, key, System::nanoTime);
  }

  /** A route handler that continues when allowed and otherwise answers 429 with Retry-After. */
  static Handler<RoutingContext> handler(CommandRateLimiter limiter) {
    return ctx -> limiter.allow(ctx).onComplete(ar -> {
      if (ctx.response().ended()) {
        return;
      }
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (Boolean.TRUE.equals(ar.result())) {
        ctx.next();
      } else {
        Long retry = ctx.get(RETRY_AFTER_KEY);
        ctx.response()
            .setStatusCode(429)
            .putHeader("Retry-After", String.valueOf(retry == null ? 1 : Math.max(1, retry)))
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
            .end("Too many requests: slow down and try again shortly.\n");
      }
    });
  }
}
