package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.observability.impl.LiveSpans;
import dev.honostar.live.Topic;
import dev.honostar.page.Region;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.SseEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tabs of one view of one query on one topic, on this node: the unit that renders.
 * Confined to the hub's context.
 *
 * <p>A query's regions render here once per event and the encoded bytes go to every tab of
 * the view; tabs are grouped by their event loop so a fan-out costs one task per loop. A
 * per-viewer query has one channel per connection ({@link #owner}). Events that arrive during
 * a render, or within the coalescing window, lead to one more render of the latest state. The
 * last render is kept (within the hub's bound on cached views) while no event has arrived
 * since, so a tab that (re)connects gets the current state without a render.
 *
 * <p>A keyed-list region is also kept as its items ({@link KeyedList}) so that the next render
 * goes to tabs as the items that changed; a tab that does not show the previous render (it
 * joined since, or fell behind) gets the region whole.
 */
final class Channel {

  final Topic topic;
  final LivePage page;
  final QueryDef query;
  final View view;
  /** The one connection of a per-viewer channel, whose session the query sees; else {@code null}. */
  final LiveConnection owner;
  /** Patch keys of this channel's regions, which later patches of the same region supersede. */
  final List<String> regionKeys;
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
   * The last render of each keyed-list region (else {@code null}), what the next render is
   * parsed against; what the tabs were sent of it (cut to the region's limit; the same list when
   * the limit did not cut), what the next render's changes are computed from; and that render's
   * version (one per render: every keyed region of it shares it). Kept while the channel has tabs.
   */
  private final KeyedList[] lists;
  private final KeyedList[] shown;
  private long listVersion = -1;

  Channel(Topic topic, LivePage page, QueryDef query, View view, LiveConnection owner, LiveHub hub) {
    this.topic = topic;
    this.page = page;
    this.query = query;
    this.view = view;
    this.owner = owner;
    this.hub = hub;
    this.byLoop = owner == null ? new HashMap<>() : null;
    List<String> keys = new ArrayList<>(query.regions().size());
    for (Region region : query.regions()) {
      keys.add(page.id() + "|" + topic.name() + "|" + region.name());
    }
    this.regionKeys = List.copyOf(keys);
    this.lists = new KeyedList[keys.size()];
    this.shown = new KeyedList[keys.size()];
  }

  int size() {
    return size;
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
    hub.render(this, latest).onComplete(ar -> {
      rendering = false;
      LiveConnection.Patches patches = null;
      if (ar.succeeded()) {
        try {
          patches = patches(ar.result());
        } catch (RuntimeException | LinkageError e) {
          // Nothing goes out; the next event renders again (and the tabs heal then).
          hub.encodingFailed(this, e);
        }
      }
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

  /** Encodes one render of the regions: fat regions whole, keyed lists also as their change since the last render. */
  private LiveConnection.Patches patches(List<String> html) {
    List<LiveConnection.Keyed> out = new ArrayList<>(html.size());
    long version = -1;
    for (int i = 0; i < html.size(); i++) {
      Region region = query.regions().get(i);
      if (!region.isKeyedList()) {
        out.add(new LiveConnection.Keyed(regionKeys.get(i), PatchElements.of(html.get(i)).toSseEvent()));
        continue;
      }
      if (version < 0) {
        version = hub.nextVersion();
      }
      KeyedList next = null;
      KeyedList nextShown = null;
      List<PatchElements> diff = null;
      try {
        // Parsed where it differs from the last render only; an untouched view costs nothing.
        next = lists[i] == null ? KeyedList.parse(html.get(i)) : lists[i].next(html.get(i));
        // An unchanged render keeps its cut (no new string per event for a view nothing touched).
        nextShown = next == lists[i] && shown[i] != null ? shown[i] : next.limit(region.limit());
        diff = shown[i] == null ? null : next == lists[i] ? List.of() : shown[i].diff(nextShown, region.overflow());
      } catch (KeyedList.NotKeyedException e) {
        hub.notKeyed(region, e.getMessage());
      }
      SseEvent full = full(region, nextShown, html.get(i));
      SseEvent change = full;
      if (diff != null) {
        change = diff.isEmpty() ? null : SseEvent.concat(diff.stream().map(PatchElements::toSseEvent).toList());
        // With an overflow container the change is sent even when larger: only it moves the items
        // that leave the window into the tab's loaded ones.
        if (change != null && region.overflow() == null && change.length() >= full.length()) {
          change = full;
        }
      }
      out.add(new LiveConnection.Keyed(regionKeys.get(i), change, full, shown[i] == null ? -1 : listVersion, version));
      lists[i] = next;
      shown[i] = nextShown;
    }
    if (version >= 0) {
      listVersion = version;
    }
    return LiveConnection.Patches.of(out);
  }

  /**
   * The whole region as a tab that joins or heals receives it: the render cut to the region's
   * limit, and with an overflow container, the items now in the window taken out of it.
   */
  private static SseEvent full(Region region, KeyedList shown, String html) {
    if (shown == null) {
      return PatchElements.of(html).toSseEvent();
    }
    SseEvent whole = PatchElements.of(shown.html()).toSseEvent();
    if (region.overflow() == null) {
      return whole;
    }
    List<SseEvent> events = new ArrayList<>(3);
    events.add(whole);
    KeyedList.overflowPatches(region.overflow(), "", shown.ids()).forEach(p -> events.add(p.toSseEvent()));
    return SseEvent.concat(events);
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
