package dev.honostar.security;

import dev.honostar.security.impl.StreamLimiterImpl;

/**
 * Counts open SSE streams per session and per client address, so that one browser or one host
 * cannot hold an unbounded number of connections.
 * <p>
 * Thread-safe (lock-free counters in a {@code ConcurrentHashMap}): share one instance between all
 * verticles of a node. Counts are per node, not cluster-wide. Every successful
 * {@link #tryAcquire} must be paired with exactly one {@link #release} when the stream closes
 * (close handler of the response / connection).
 *
 * <pre>{@code
 * StreamLimiter limiter = StreamLimiter.create(options);
 * String address = SecurityHandlers.clientAddress(ctx, options);
 * if (!limiter.tryAcquire(session.id(), address)) {
 *   ctx.response().setStatusCode(429).end("Too many open streams");
 *   return;
 * }
 * ctx.response().closeHandler(v -> limiter.release(session.id(), address));
 * }</pre>
 */
public interface StreamLimiter {

  /** Limits from {@code maxStreamsPerSession} and {@code maxStreamsPerAddress}. */
  static StreamLimiter create(SecurityOptions options) {
    return new StreamLimiterImpl(options.getLimits().getMaxStreamsPerSession(), options.getLimits().getMaxStreamsPerAddress());
  }

  /**
   * Takes one stream slot for both the session and the address, or none.
   *
   * @return false when either limit is reached
   */
  boolean tryAcquire(String session, String address);

  /** Gives back a slot taken by {@link #tryAcquire}; extra releases are ignored (never below zero). */
  void release(String session, String address);

  /** Streams currently open for {@code session}. */
  int openForSession(String session);

  /** Streams currently open from {@code address}. */
  int openForAddress(String address);
}
