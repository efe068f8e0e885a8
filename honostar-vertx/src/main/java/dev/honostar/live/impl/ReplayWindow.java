package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.bus.TopicSubscription;
import dev.honostar.command.Effect;
import dev.honostar.live.LiveEffects;
import dev.honostar.live.LiveOptions;
import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.PatchSignals;
import dev.honostar.protocol.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's recent one-off effects ({@link LiveEffects}), per topic, for tabs that reconnect.
 *
 * <p>Each effects event gets the next number of this hub's sequence; its SSE events go to the
 * topic's tabs followed by a <em>position</em>: a signal patch of {@code _hslive.e} carrying the
 * SSE id {@code <epoch>.<seq>}. A reconnecting tab presents it (Datastar's {@code Last-Event-ID}
 * header on its own retries, or the signal on a fresh {@code @get}), and receives what its
 * topics got after it, oldest first, when this node still holds all of it: same hub (epoch), no
 * entry past the window dropped since, and subscribed all along. Otherwise the tab gets only the
 * current state (fat patches) that every connect sends.
 *
 * <p>The hub stops listening to a topic when its last tab here leaves; the window keeps a
 * subscription of its own for the window's length after that, so that the tab that blinked
 * (often the only one) can still be given what it missed. Confined to the hub's context.
 */
final class ReplayWindow {

  private static final Logger log = LoggerFactory.getLogger(ReplayWindow.class);
  /** The signal member of {@code _hslive} that carries the position. */
  static final String POSITION = "e";

  private record Entry(long seq, long at, String eventId, List<SseEvent> events) {
  }

  /** One topic's recent entries, and the first sequence number after which it saw everything. */
  private static final class TopicWindow {
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Replay from a position before this is incomplete (entries dropped, or not subscribed then). */
    long completeAfter;
    /** While no tab is here: the window's own subscription and the timer that ends it. */
    Future<TopicSubscription> lingering;
    long lingerTimer = -1;

    TopicWindow(long completeAfter) {
      this.completeAfter = completeAfter;
    }

    boolean seen(String eventId) {
      if (eventId.isEmpty()) {
        return false;
      }
      for (Entry e : entries) {
        if (e.eventId().equals(eventId)) {
          return true;
        }
      }
      return false;
    }
  }

  private final Vertx vertx;
  private final TopicBus bus;
  private final String epoch;
  private final int maxEvents;
  private final long maxMillis;
  private final Map<String, TopicWindow> topics = new HashMap<>();
  private final Map<String, Set<LiveConnection>> tabs = new HashMap<>();
  private Function<List<Effect>, List<DatastarEvent>> expander = effects -> List.of();
  private long seq;
  /** The position of {@link #seq}, shared by every tab that joins until the next effects event. */
  private SseEvent current;
  private long currentSeq = -1;

  ReplayWindow(Vertx vertx, TopicBus bus, LiveOptions options) {
    this.vertx = vertx;
    this.bus = bus;
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    this.epoch = java.util.HexFormat.of().formatHex(bytes);
    this.maxEvents = options.getReplayEvents();
    this.maxMillis = options.getReplayMillis();
  }

  /** Sets how effects become Datastar events (the app's custom effects, rendered without a session). */
  void expander(Function<List<Effect>, List<DatastarEvent>> expander) {
    this.expander = expander;
  }

  /**
   * Sends an event's effects, if it carries any, to the topic's tabs on this node, and keeps them;
   * an event the window has already (the hub and the lingering subscription both saw it) is skipped.
   */
  void onEvent(DomainEvent event) {
    List<Effect> effects = LiveEffects.effects(event.payload());
    if (effects.isEmpty()) {
      return;
    }
    TopicWindow t = maxEvents > 0 ? topics.get(event.topic().name()) : null;
    if (t != null && t.seen(event.id())) {
      return;
    }
    Set<LiveConnection> subscribers = tabs.getOrDefault(event.topic().name(), Set.of());
    if (subscribers.isEmpty() && t == null) {
      return;
    }
    List<SseEvent> encoded = new ArrayList<>();
    try {
      for (DatastarEvent e : expander.apply(effects)) {
        encoded.add(e.toSseEvent());
      }
    } catch (RuntimeException e) {
      log.error("Expanding the effects of {} on topic {} failed", event.name(), event.topic(), e);
      return;
    }
    seq++;
    encoded.add(position(seq));
    List<SseEvent> events = List.copyOf(encoded);
    if (t != null) {
      long now = System.currentTimeMillis();
      t.entries.addLast(new Entry(seq, now, event.id(), events));
      trim(t, now);
    }
    JsonObject payload = event.payload();
    for (LiveConnection conn : subscribers) {
      if (!LiveEffects.excludes(payload, conn.grant().subject())) {
        conn.context().runOnContext(v -> {
          conn.positioned();
          events.forEach(conn::send);
        });
      }
    }
  }

  /**
   * Registers a tab for its topics and sends what it missed after {@code lastEventId} (or just the
   * current position, so that its next reconnect has one, once this node has sent any effects).
   */
  void join(LiveConnection conn, String lastEventId) {
    long now = System.currentTimeMillis();
    long after = parse(lastEventId);
    List<Entry> missed = new ArrayList<>();
    for (String topic : conn.grant().topics()) {
      tabs.computeIfAbsent(topic, k -> new LinkedHashSet<>()).add(conn);
      if (maxEvents == 0) {
        continue;
      }
      TopicWindow t = topics.get(topic);
      if (t == null) {
        // Watched from now on: whatever came before may have gone by unseen.
        topics.put(topic, new TopicWindow(seq));
        continue;
      }
      trim(t, now);
      // Per topic: replay only a topic whose window holds everything after the position.
      if (after >= 0 && after >= t.completeAfter) {
        for (Entry e : t.entries) {
          if (e.seq() > after) {
            missed.add(e);
          }
        }
      }
    }
    List<SseEvent> out = new ArrayList<>();
    missed.sort(Comparator.comparingLong(Entry::seq));
    for (Entry e : missed) {
      out.addAll(e.events());
    }
    // Before this node's first effects a stream carries no position: apps without one-off effects see no change.
    if (out.isEmpty() && seq > 0) {
      if (currentSeq != seq) {
        current = position(seq);
        currentSeq = seq;
      }
      out.add(current);
    }
    if (!out.isEmpty()) {
      conn.context().runOnContext(v -> {
        conn.positioned();
        out.forEach(conn::send);
      });
    }
  }

  /**
   * Forgets a tab. When it was a topic's last here, the window subscribes to the topic itself for
   * the window's length (call this before the hub unsubscribes, so the node never stops hearing it).
   */
  void leave(LiveConnection conn) {
    for (String topic : conn.grant().topics()) {
      Set<LiveConnection> set = tabs.get(topic);
      if (set == null || !set.remove(conn) || !set.isEmpty()) {
        continue;
      }
      tabs.remove(topic);
      TopicWindow t = topics.get(topic);
      if (t == null) {
        continue;
      }
      if (t.lingering == null) {
        t.lingering = bus.subscribe(topic, this::onEvent);
      } else {
        vertx.cancelTimer(t.lingerTimer);
      }
      t.lingerTimer = vertx.setTimer(Math.max(1, maxMillis), id -> endLinger(topic, t));
    }
  }

  private void endLinger(String topic, TopicWindow t) {
    Future<TopicSubscription> sub = t.lingering;
    t.lingering = null;
    t.lingerTimer = -1;
    if (sub != null) {
      sub.onSuccess(TopicSubscription::unsubscribe);
    }
    if (!tabs.containsKey(topic)) {
      topics.remove(topic, t);
    }
  }

  /** The bus lost its broker for a while: nothing before now can be replayed completely. */
  void gap() {
    // A number of its own: a tab whose position is the last one before the gap must not count as complete,
    // since what other nodes published meanwhile never got a number here.
    seq++;
    for (TopicWindow t : topics.values()) {
      t.completeAfter = seq;
    }
  }

  private void trim(TopicWindow t, long now) {
    while (!t.entries.isEmpty() && (t.entries.size() > maxEvents || now - t.entries.peekFirst().at() > maxMillis)) {
      t.completeAfter = t.entries.pollFirst().seq();
    }
  }

  private SseEvent position(long n) {
    String id = epoch + "." + n;
    return PatchSignals.of(new JsonObject().put(LiveEndpoint.SIGNAL, new JsonObject().put(POSITION, id))).eventId(id).toSseEvent();
  }

  /** @return the sequence number of a position this hub issued, or -1 */
  private long parse(String lastEventId) {
    if (lastEventId == null || !lastEventId.startsWith(epoch + ".")) {
      return -1;
    }
    try {
      long n = Long.parseLong(lastEventId.substring(epoch.length() + 1));
      return n <= seq ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
