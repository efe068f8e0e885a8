package dev.honostar.security.impl;

import dev.honostar.security.StreamLimiter;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-key counters updated with {@code compute}, which is atomic per key. Keys whose count drops to
 * zero are removed, so idle sessions and addresses cost no memory.
 */
public final class StreamLimiterImpl implements StreamLimiter {

  private final int maxPerSession;
  private final int maxPerAddress;
  private final ConcurrentMap<String, Integer> sessions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Integer> addresses = new ConcurrentHashMap<>();

  public StreamLimiterImpl(int maxPerSession, int maxPerAddress) {
    this.maxPerSession = maxPerSession;
    this.maxPerAddress = maxPerAddress;
  }

  @Override
  public boolean tryAcquire(String session, String address) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(address, "address");
    if (!increment(sessions, session, maxPerSession)) {
      return false;
    }
    if (!increment(addresses, address, maxPerAddress)) {
      // Undo the session slot: the acquisition is all or nothing.
      decrement(sessions, session);
      return false;
    }
    return true;
  }

  @Override
  public void release(String session, String address) {
    decrement(sessions, session);
    decrement(addresses, address);
  }

  @Override
  public int openForSession(String session) {
    return sessions.getOrDefault(session, 0);
  }

  @Override
  public int openForAddress(String address) {
    return addresses.getOrDefault(address, 0);
  }

  private static boolean increment(ConcurrentMap<String, Integer> counts, String key, int max) {
    boolean[] taken = new boolean[1];
    counts.compute(key, (k, n) -> {
      int current = n == null ? 0 : n;
      if (current >= max) {
        return n;
      }
      taken[0] = true;
      return current + 1;
    });
    return taken[0];
  }

  private static void decrement(ConcurrentMap<String, Integer> counts, String key) {
    if (key != null) {
      counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
  }
}
