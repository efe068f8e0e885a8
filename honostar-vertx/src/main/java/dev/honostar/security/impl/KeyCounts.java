package dev.honostar.security.impl;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts per key under a ceiling: open streams per session and per address, uploads in progress
 * per client. Updated with {@code compute}, atomic per key; a key whose count drops to zero is
 * removed, so idle keys cost no memory.
 */
public final class KeyCounts {

  private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

  /** @return whether {@code key} had fewer than {@code max} and now has one more */
  public boolean tryAcquire(String key, int max) {
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

  /** Gives one back; a null key is ignored. */
  public void release(String key) {
    if (key != null) {
      counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  public int count(String key) {
    return counts.getOrDefault(key, 0);
  }

  /** @return how many keys hold at least one */
  public int keys() {
    return counts.size();
  }
}
