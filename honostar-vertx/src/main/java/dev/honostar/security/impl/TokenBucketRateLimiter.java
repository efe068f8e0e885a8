package dev.honostar.security.impl;

import dev.honostar.security.CommandRateLimiter;
import dev.honostar.security.SecurityOptions;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Per-key token buckets in a {@code ConcurrentHashMap}, each updated atomically with {@code compute}.
 * Full buckets are dropped when the map grows, so memory stays bounded by the active keys.
 */
public final class TokenBucketRateLimiter implements CommandRateLimiter {

  private static final int SWEEP_THRESHOLD = 10_000;

  private final double ratePerNano;
  private final double ratePerSecond;
  private final int burst;
  private final Function<RoutingContext, String> key;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private record Bucket(double tokens, long at) {
  }

  public TokenBucketRateLimiter(SecurityOptions options, Function<RoutingContext, String> key, LongSupplier nanoTime) {
    this.ratePerSecond = options.getLimits().getCommandRatePerSecond();
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = options.getLimits().getCommandBurst();
    boolean trust = options.isTrustForwardedHeaders();
    this.key = key != null ? key : ctx -> {
      Session session = ctx.session();
      // An empty session is new on every request (it is never stored), so it cannot be the key.
      return session != null && !session.isEmpty() ? "s:" + session.id() : "a:" + RequestInfo.clientAddress(ctx.request(), trust);
    };
    this.nanoTime = nanoTime;
  }

  @Override
  public Future<Boolean> allow(RoutingContext ctx) {
    double left = take(key.apply(ctx));
    if (left >= 0) {
      return Future.succeededFuture(true);
    }
    // left is the (negative) shortfall: time until one whole token is back.
    ctx.put(RETRY_AFTER_KEY, (long) Math.ceil(-left / ratePerSecond));
    return Future.succeededFuture(false);
  }

  /** Takes a token; returns the tokens left, or the negative shortfall when none was available. */
  public double take(String k) {
    long now = nanoTime.getAsLong();
    if (buckets.size() > SWEEP_THRESHOLD) {
      sweep(now);
    }
    double[] result = new double[1];
    buckets.compute(k, (kk, b) -> {
      double tokens = b == null ? burst : Math.min(burst, b.tokens + (now - b.at) * ratePerNano);
      if (tokens >= 1) {
        result[0] = tokens - 1;
        return new Bucket(tokens - 1, now);
      }
      result[0] = tokens - 1;
      return new Bucket(tokens, now);
    });
    return result[0];
  }

  private void sweep(long now) {
    buckets.entrySet().removeIf(e -> e.getValue().tokens + (now - e.getValue().at) * ratePerNano >= burst);
  }
}
