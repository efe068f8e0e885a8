package dev.honostar.security.impl;

import dev.honostar.page.HaltException;
import dev.honostar.security.LoginThrottle;
import dev.honostar.security.SecurityOptions;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failure counters per key in a {@code ConcurrentHashMap}, updated atomically with
 * {@code compute}. Keys whose failures are older than the window are swept when the map grows,
 * so memory stays bounded by the recently failing keys.
 */
public final class LoginThrottleImpl implements LoginThrottle {

  private static final int SWEEP_THRESHOLD = 10_000;

  private final int freePerAccount;
  private final int freePerAddress;
  private final long maxDelayNanos;
  private final long windowNanos;
  private final boolean trustForwarded;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

  /** {@code count} failures, the last at {@code at}. */
  private record Failures(int count, long at) {
  }

  public LoginThrottleImpl(SecurityOptions options, LongSupplier nanoTime) {
    this.freePerAccount = options.getLogin().getFreeAttempts();
    this.freePerAddress = options.getLogin().getFreeAttemptsPerAddress();
    this.maxDelayNanos = TimeUnit.SECONDS.toNanos(options.getLogin().getMaxDelaySeconds());
    this.windowNanos = TimeUnit.SECONDS.toNanos(options.getLogin().getWindowSeconds());
    this.trustForwarded = options.isTrustForwardedHeaders();
    this.nanoTime = nanoTime;
  }

  private static String accountKey(String account) {
    return "u:" + (account == null ? "" : account.trim().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  @Override
  public long retryAfterSeconds(String account, String address) {
    long now = nanoTime.getAsLong();
    long wait = Math.max(waitNanos(accountKey(account), freePerAccount, now), waitNanos(addressKey(address), freePerAddress, now));
    return wait <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
  }

  /** Nanoseconds until the next attempt for {@code key} may be checked. */
  private long waitNanos(String key, int free, long now) {
    Failures f = failures.get(key);
    if (f == null || f.count < free || now - f.at >= windowNanos) {
      return 0;
    }
    int doublings = Math.min(f.count - free, 40);
    long delay = Math.min(maxDelayNanos, TimeUnit.SECONDS.toNanos(1L << doublings));
    return f.at + delay - now;
  }

  @Override
  public Attempt begin(RoutingContext ctx, String account) {
    String address = RequestInfo.clientAddress(ctx.request(), trustForwarded);
    long wait = retryAfterSeconds(account, address);
    if (wait > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      throw HaltException.status(429, "Too many failed sign-ins: wait " + wait + " s and try again.");
    }
    return new Attempt() {
      @Override
      public void failed() {
        failure(account, address);
      }

      @Override
      public void succeeded() {
        success(account);
      }
    };
  }

  /** Counts a wrong password for {@code account} from {@code address}. */
  public void failure(String account, String address) {
    fail(accountKey(account));
    fail(addressKey(address));
  }

  /** Clears {@code account}. The address keeps its count: one right password must not refill a guesser's budget. */
  public void success(String account) {
    failures.remove(accountKey(account));
  }

  private void fail(String key) {
    long now = nanoTime.getAsLong();
    if (failures.size() > SWEEP_THRESHOLD) {
      failures.values().removeIf(f -> now - f.at >= windowNanos);
    }
    failures.compute(key, (k, f) -> new Failures(f == null || now - f.at >= windowNanos ? 1 : f.count + 1, now));
  }
}
