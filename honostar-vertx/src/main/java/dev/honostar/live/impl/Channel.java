package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.observability.impl.LiveSpans;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tabs of one view of one query on one topic, on this node: the unit that renders.
 * Confined to the hub's context.
 *
 * <p>A query's regions render once per event (its {@link RegionRenderer} makes the bytes) and
 * the same bytes go to every tab of the view; tabs are grouped by their event loop so a fan-out
 * costs one task per loop. A per-viewer query has one channel per connection ({@link #owner}).
 * Events that arrive during a render, or within the coalescing window, lead to one more render
 * of the latest state. The last render is kept (within the hub's bound on cached views) while
 * no event has arrived since, so a tab that (re)connects gets the current state without a render.
 */
final class Channel {

  private final RegionRenderer renderer;
  /** The one connection of a per-viewer channel, its only subscriber; else {@code null}. */
  private final LiveConnection owner;
  private final LiveHub hub;
  /**
   * Subscribers by event loop ({@link LiveConnection#loop()}), not by request context; {@code null}
   * for a per-viewer channel, whose one subscriber is its owner (no collections per stream).
   */
  private final Map<Object, Set<LiveConnection>> byLoop;
  private int size;
  private boolean rendering;
  private boolean dirty;
  private long timer = -1;
  private boolean renderedOnce;
  private long lastRenderNanos;
  private DomainEvent latest;
  private LiveConnection.Patches cache;

  /**
   * @param renderer renders this channel's page, topic, query and view
   * @param owner the one connection of a per-viewer channel (the one its renderer renders for), else {@code null}
   */
  Channel(RegionRenderer renderer, LiveConnection owner, LiveHub hub) {
    this.renderer = renderer;
    this.owner = owner;
    this.hub = hub;
    this.byLoop = owner == null ? new HashMap<>() : null;
  }

  int size() {
    return size;
  }

  /** @return whether this channel renders a presence region */
  boolean presence() {
    return renderer.presence();
  }

  /** @return the event loops this channel's subscribers are on (one fan-out task each) */
  int loopCount() {
    return byLoop == null ? size : byLoop.size();
  }

  void add(LiveConnection conn) {
    if (byLoop == null) {
      if (conn != owner) {
        throw new IllegalArgumentException("a per-viewer channel serves its owner only");
      }
      size = 1;
    } else if (byLoop.computeIfAbsent(conn.loop(), l -> new LinkedHashSet<>()).add(conn)) {
      size++;
    }
    if (cache != null) {
      LiveConnection.Patches current = cache;
      hub.touched(this);
      conn.context().runOnContext(v -> conn.offer(current));
    } else if (!rendering && timer < 0) {
      render();
    }
    // Otherwise a render is pending or in flight: its result reaches this connection too.
  }

  void remove(LiveConnection conn) {
    if (byLoop == null) {
      size = conn == owner ? 0 : size;
      return;
    }
    Set<LiveConnection> set = byLoop.get(conn.loop());
    if (set != null && set.remove(conn)) {
      size--;
      if (set.isEmpty()) {
        byLoop.remove(conn.loop());
      }
    }
  }

  /**
   * A domain event (or {@code null} after a bus reconnect). The first event after a quiet
   * window renders at once (an isolated event pays no coalescing delay); events during a render
   * or within the window after its start lead to one more render when the window closes.
   */
  void changed(DomainEvent event) {
    latest = event;
    dropCache();
    if (rendering) {
      dirty = true;
      return;
    }
    if (timer >= 0) {
      return;
    }
    long window = hub.coalesceMillis();
    long sinceLast = renderedOnce ? (System.nanoTime() - lastRenderNanos) / 1_000_000 : Long.MAX_VALUE;
    if (window <= 0 || sinceLast >= window) {
      renderForEvent();
    } else {
      timer = hub.vertx().setTimer(window - sinceLast, id -> {
        timer = -1;
        renderForEvent();
      });
    }
  }

  /** Forgets the kept render (an event made it stale, or the hub's bound evicted it). */
  void dropCache() {
    if (cache != null) {
      cache = null;
      hub.forget(this);
    }
  }

  /** Renders for events, opening a coalescing window (a render for a joining tab does not). */
  private void renderForEvent() {
    renderedOnce = true;
    lastRenderNanos = System.nanoTime();
    render();
  }

  private void render() {
    if (size == 0) {
      return;
    }
    rendering = true;
    dirty = false;
    renderer.render(latest).onComplete(ar -> {
      rendering = false;
      // Null when the render failed: nothing goes out; the next event renders again (and the tabs heal then).
      LiveConnection.Patches patches = ar.succeeded() ? ar.result() : null;
      if (patches != null) {
        if (!dirty && owner == null && hub.keep(this)) {
          cache = patches.forJoining();
        }
        fanOut(patches);
      }
      if (dirty) {
        changed(latest);
      }
    });
  }

  private void fanOut(LiveConnection.Patches patches) {
    // Ends once every event loop has queued the writes to its tabs.
    io.opentelemetry.api.trace.Span span = LiveSpans.fanOut(hub.tracing(), latest, size, byLoop == null ? 1 : byLoop.size());
    if (byLoop == null) {
      owner.context().runOnContext(v -> {
        owner.offer(patches);
        span.end();
      });
      return;
    }
    java.util.concurrent.atomic.AtomicInteger loopsLeft = span.getSpanContext().isValid()
      ? new java.util.concurrent.atomic.AtomicInteger(byLoop.size()) : null;
    for (Set<LiveConnection> loop : byLoop.values()) {
      // One task per event loop, run on the context of any of its streams (they share the
      // loop's thread); the snapshot keeps the loop from seeing later changes.
      List<LiveConnection> snapshot = List.copyOf(loop);
      snapshot.get(0).context().runOnContext(v -> {
        long written = 0;
        for (LiveConnection c : snapshot) {
          written += c.offerCounting(patches);
        }
        hub.metrics().bytesWritten.increment(written);
        if (loopsLeft != null && loopsLeft.decrementAndGet() == 0) {
          span.end();
        }
      });
    }
  }

  void close() {
    if (timer >= 0) {
      hub.vertx().cancelTimer(timer);
      timer = -1;
    }
    dropCache();
  }

  /** The hub's bound on kept renders evicted this one: the next joining tab renders again. */
  void evicted() {
    cache = null;
  }

  /** @return whether a render is kept for joining tabs */
  boolean hasCache() {
    return cache != null;
  }
}
