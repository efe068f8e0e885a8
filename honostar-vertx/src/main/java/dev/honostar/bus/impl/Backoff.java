package dev.honostar.bus.impl;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect backoff with "equal jitter": attempt n waits between half and all of min * 2^n (capped at
 * max), so many nodes that lost the same broker do not reconnect in lock step.
 */
public final class Backoff {

  private final long min;
  private final long max;

  public Backoff(long min, long max) {
    this.min = min;
    this.max = Math.max(min, max);
  }

  /** The cap for an attempt, before jitter. */
  long ceiling(long attempt) {
    if (attempt <= 0) {
      return min;
    }
    if (attempt >= 62) {
      return max;
    }
    long v = min << attempt;
    // Shifting back detects overflow of huge attempt counts.
    return v <= 0 || (v >> attempt) != min ? max : Math.min(max, v);
  }

  /** The delay before reconnect attempt {@code attempt} (0-based), in milliseconds, at least 1. */
  public long delay(long attempt) {
    long c = ceiling(attempt);
    long half = c / 2;
    return Math.max(1, half + ThreadLocalRandom.current().nextLong(c - half + 1));
  }
}
