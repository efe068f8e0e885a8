package dev.honostar.live.impl;

import dev.honostar.live.LiveOptions;
import io.vertx.core.Vertx;

import java.util.ArrayList;

/**
 * The one periodic task of an event loop that drives the deadlines of the live streams on that
 * loop: heartbeats, the slow-consumer check, token refreshes and the end of a stream's
 * lifetime. A stream therefore costs no Vert.x timer of its own, only a few fields in its
 * {@link LiveConnection}.
 *
 * <p>Confined to its loop: created, ticked and changed only on that thread (streams open, tick
 * and close on their request's event loop). It ticks every {@link #tickMillis(LiveOptions)}
 * (a second, or the shortest configured interval when that is shorter), so a deadline fires
 * up to one tick late. The timer starts with the loop's first stream and stops with its last.
 */
final class ConnectionClock {

  /** The longest tick: the precision of live-stream deadlines. */
  static final long MAX_TICK_MILLIS = 1000;
  /** The shortest tick, however short the configured intervals. */
  static final long MIN_TICK_MILLIS = 10;

  private final Vertx vertx;
  private final long tickMillis;
  private final Runnable onIdle;
  private final ArrayList<LiveConnection> connections = new ArrayList<>();
  private long timer = -1;
  private long timersStarted;

  /**
   * @param onIdle run when the last stream left and the timer stopped (the hub forgets the clock)
   */
  ConnectionClock(Vertx vertx, long tickMillis, Runnable onIdle) {
    this.vertx = vertx;
    this.tickMillis = tickMillis;
    this.onIdle = onIdle;
  }

  /** @return the tick for {@code options}: one second, or the shortest interval that is shorter */
  static long tickMillis(LiveOptions options) {
    long tick = MAX_TICK_MILLIS;
    if (options.getHeartbeatMillis() > 0) {
      tick = Math.min(tick, options.getHeartbeatMillis());
    }
    if (options.getMaxLifetimeMillis() > 0) {
      tick = Math.min(tick, options.getMaxLifetimeMillis());
    }
    tick = Math.min(tick, options.getSlowConsumerMillis());
    return Math.max(MIN_TICK_MILLIS, tick);
  }

  /** Starts driving {@code conn}'s deadlines; must be called on this clock's loop. */
  void add(LiveConnection conn) {
    if (conn.clock != null) {
      return;
    }
    conn.clock = this;
    conn.clockSlot = connections.size();
    connections.add(conn);
    if (timer < 0) {
      timer = vertx.setPeriodic(tickMillis, id -> tick());
      timersStarted++;
    }
  }

  /** Stops driving {@code conn} (it closed); stops the timer with the last one. */
  void remove(LiveConnection conn) {
    int slot = conn.clockSlot;
    if (conn.clock != this || slot < 0 || slot >= connections.size() || connections.get(slot) != conn) {
      return;
    }
    // Swap-remove: O(1), and the array does not keep a closed stream reachable.
    LiveConnection last = connections.remove(connections.size() - 1);
    if (last != conn) {
      connections.set(slot, last);
      last.clockSlot = slot;
    }
    conn.clock = null;
    conn.clockSlot = -1;
    if (connections.isEmpty()) {
      stop();
    }
  }

  private void tick() {
    long now = System.nanoTime();
    // Backwards, so that a stream closing (and removing itself) during its tick moves an
    // already ticked stream into its slot; a stream may be ticked twice, which is harmless.
    for (int i = connections.size() - 1; i >= 0; i--) {
      if (i < connections.size()) {
        connections.get(i).tick(now);
      }
    }
    if (connections.isEmpty()) {
      stop();
    }
  }

  private void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
      onIdle.run();
    }
  }

  /** @return the streams this clock drives */
  int size() {
    return connections.size();
  }

  /** @return whether the timer runs */
  boolean running() {
    return timer >= 0;
  }

  /** @return how many Vert.x timers this clock has started over its life (one per busy period) */
  long timersStarted() {
    return timersStarted;
  }
}
