package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.live.Topic;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscribers of one topic on one page, on this node. Confined to the hub's context.
 *
 * <p>Shared regions render here once per event and the encoded bytes go to every subscriber;
 * connections are grouped by their event loop so a fan-out costs one task per loop. Events
 * that arrive during a render, or within the coalescing window, lead to one more render of
 * the latest state. The last render is kept while no event has arrived since, so a tab that
 * (re)connects gets the current state without a render.
 */
final class Channel {

  final String key;
  final Topic topic;
  final LivePage page;
  private final LiveHub hub;
  /** Subscribers by event loop ({@link LiveConnection#loop()}), not by request context. */
  private final Map<Object, Set<LiveConnection>> byLoop = new HashMap<>();
  private int size;
  private boolean rendering;
  private boolean dirty;
  private long timer = -1;
  private boolean renderedOnce;
  private long lastRenderNanos;
  private DomainEvent latest;
  private List<LiveConnection.Keyed> cache;

  Channel(String key, Topic topic, LivePage page, LiveHub hub) {
    this.key = key;
    this.topic = topic;
    this.page = page;
    this.hub = hub;
  }

  int size() {
    return size;
  }

  /** @return the event loops this channel's subscribers are on (one fan-out task each) */
  int loopCount() {
    return byLoop.size();
  }

  private boolean hasShared() {
    return page.queries(topic.family()).stream().anyMatch(q -> !q.perViewer());
  }

  void add(LiveConnection conn) {
    if (byLoop.computeIfAbsent(conn.loop(), l -> new LinkedHashSet<>()).add(conn)) {
      size++;
    }
    // Per-viewer regions are always this connection's own render.
    hub.renderPerViewer(this, List.of(conn), latest == null ? null : latest);
    if (!hasShared()) {
      return;
    }
    if (cache != null) {
      List<LiveConnection.Keyed> current = cache;
      conn.context().runOnContext(v -> conn.offer(current));
    } else if (!rendering && timer < 0) {
      render();
    }
    // Otherwise a render is pending or in flight: its result reaches this connection too.
  }

  void remove(LiveConnection conn) {
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
    cache = null;
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
    DomainEvent event = latest;
    List<LiveConnection> everyone = connections();
    hub.renderPerViewer(this, everyone, event);
    if (!hasShared()) {
      rendering = false;
      return;
    }
    Future<List<LiveConnection.Keyed>> result = hub.renderShared(this, event);
    result.onComplete(ar -> {
      rendering = false;
      if (ar.succeeded()) {
        List<LiveConnection.Keyed> patches = ar.result();
        if (!dirty) {
          cache = patches;
        }
        fanOut(patches);
      }
      if (dirty) {
        changed(latest);
      }
    });
  }

  private List<LiveConnection> connections() {
    List<LiveConnection> all = new ArrayList<>(size);
    byLoop.values().forEach(all::addAll);
    return all;
  }

  private void fanOut(List<LiveConnection.Keyed> patches) {
    for (Set<LiveConnection> loop : byLoop.values()) {
      // One task per event loop, run on the context of any of its streams (they share the
      // loop's thread); the snapshot keeps the loop from seeing later changes.
      List<LiveConnection> snapshot = List.copyOf(loop);
      snapshot.get(0).context().runOnContext(v -> {
        for (LiveConnection c : snapshot) {
          c.offer(patches);
        }
      });
    }
  }

  void close() {
    if (timer >= 0) {
      hub.vertx().cancelTimer(timer);
      timer = -1;
    }
  }
}
