package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import dev.honostar.bus.TopicSubscription;
import dev.honostar.impl.BlockingExecutor;
import dev.honostar.live.LiveOptions;
import dev.honostar.observability.Tracing;
import dev.honostar.presence.Presence;
import dev.honostar.presence.PresenceMember;
import dev.honostar.presence.PresenceSet;
import dev.honostar.presence.impl.PresenceImpl;
import dev.honostar.view.ViewEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's live-update hub: it subscribes the node to the bus once per topic, keeps a
 * {@link Channel} per (topic, page, query, view), each with the {@link RegionRenderer} that
 * renders it once per event for all local tabs of that view, and bounds the renders kept for
 * joining tabs. Channel state lives on the hub's own context; connections live on their event
 * loops.
 */
public final class LiveHub {

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

  /** What identifies a channel within its topic; {@code view} is the connection for per-viewer queries. */
  private record ChannelKey(String page, QueryDef query, Object view) {
  }

  private final Vertx vertx;
  private final Context context;
  private final LiveOptions options;
  private final TopicBus bus;
  private final LiveMetrics metrics;
  /** What the channels' renderers share. */
  private final RegionRenderer.Shared rendering;
  private final Map<Topic, Map<ChannelKey, Channel>> channelsByTopic = new HashMap<>();
  private final Map<Topic, Future<TopicSubscription>> subscriptions = new HashMap<>();
  /**
   * The tabs joined to each topic: the node listens while any tab needs the topic, for regions or
   * only for its one-off effects (which have no channel).
   */
  private final Map<Topic, Set<LiveConnection>> tabsByTopic = new HashMap<>();
  /** Channels whose last render is kept, least recently used first; bounded by {@code maxCachedViews}. */
  private final LinkedHashMap<Channel, Boolean> kept = new LinkedHashMap<>(16, 0.75f, true);
  private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
  /** One clock per event loop (see {@link LiveConnection#loopOf}). */
  private final Map<Object, ConnectionClock> clocks = new ConcurrentHashMap<>();
  private final long tickMillis;
  /** One-off effects and their replay for reconnecting tabs. */
  private final ReplayWindow replay;
  /** Gauges, read from any thread; written on the hub's context. */
  private volatile int subscriptionCount;
  private volatile int viewCount;
  private volatile boolean draining;
  private volatile Tracing tracing = Tracing.noop();
  /** Who is viewing each topic; {@code null} without presence (a hub in a unit test). */
  private volatile Presence presence;
  /** The presence registration of each tab on each topic with a presence region (a watch, or a join when it has a member). */
  private final Map<Topic, Map<LiveConnection, Presence.Registration>> presenceByTopic = new HashMap<>();

  public LiveHub(Vertx vertx, LiveOptions options, TopicBus bus, ViewEngine view, BlockingExecutor blocking, MeterRegistry registry) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.bus = bus;
    this.metrics = new LiveMetrics(registry, h -> ((LiveHub) h).subscriptionCount, h -> ((LiveHub) h).viewCount, this);
    this.rendering = new RegionRenderer.Shared(vertx, view, blocking, metrics, this::tracing, this::presenceOf);
    this.tickMillis = ConnectionClock.tickMillis(options);
    this.replay = new ReplayWindow(vertx, bus, options);
    // After a broker outage this node may have missed events: re-render everything so tabs heal.
    bus.reconnectHandler(v -> context.runOnContext(x -> {
      replay.gap();
      if (presence instanceof PresenceImpl p) {
        p.resync();
      }
      channelsByTopic.values().forEach(m -> m.values().forEach(c -> c.changed(null)));
    }));
  }

  Vertx vertx() {
    return vertx;
  }

  /** Traces renders and fan-outs into {@code tracing}; set before the first stream attaches. */
  public LiveHub tracing(Tracing tracing) {
    this.tracing = tracing;
    return this;
  }

  Tracing tracing() {
    return tracing;
  }

  /** Tracks who views each topic with a presence region through {@code presence}; set before the first stream attaches. */
  public LiveHub presence(Presence presence) {
    this.presence = presence;
    return this;
  }

  private PresenceSet presenceOf(Topic topic) {
    Presence p = presence;
    return p == null ? PresenceSet.empty(topic) : p.current(topic);
  }

  long coalesceMillis() {
    return options.getCoalesceMillis();
  }

  public LiveMetrics metrics() {
    return metrics;
  }

  public LiveOptions options() {
    return options;
  }

  public boolean isDraining() {
    return draining;
  }

  /** @return open streams on this node */
  public int connectionCount() {
    return open.size();
  }

  /**
   * @return the clock of {@code conn}'s event loop, created on first use; call it on that loop,
   *     which the clock is confined to
   */
  ConnectionClock clock(LiveConnection conn) {
    return clocks.computeIfAbsent(conn.loop(), k -> new ConnectionClock(vertx, tickMillis, () -> clocks.remove(k)));
  }

  /** @return the clocks that drive open streams now (one per event loop that has any) */
  int clockCount() {
    return clocks.size();
  }

  /** Sets how one-off effects ({@link dev.honostar.live.LiveEffects}) become Datastar events. */
  public void effectExpander(java.util.function.Function<List<dev.honostar.command.Effect>, List<dev.honostar.protocol.DatastarEvent>> expander) {
    context.runOnContext(v -> replay.expander(expander));
  }

  /** Registers a stream; it receives the current state of each of its topics first. */
  void attach(LiveConnection conn) {
    attach(conn, null);
  }

  /** As {@link #attach(LiveConnection)}; also sends the one-off effects missed since {@code lastEventId}. */
  void attach(LiveConnection conn, String lastEventId) {
    open.add(conn);
    metrics.connections.incrementAndGet();
    context.runOnContext(v -> {
      replay.join(conn, lastEventId);
      for (String name : conn.grant().topics()) {
        // Join the channels (and render the current state) only once this node's subscription
        // is active: an event published before that would otherwise be missed, since pub/sub
        // brokers keep no backlog. Whatever happened before is in the state rendered then.
        join(Topic.of(name), conn);
      }
    });
  }

  private void join(Topic topic, LiveConnection conn) {
    Future<TopicSubscription> subscription = ensureSubscribed(topic);
    subscription.onComplete(ar -> {
      if (!open.contains(conn)) {
        // The tab left before the subscription was active: do not keep listening for nobody.
        if (!tabsByTopic.containsKey(topic)) {
          unsubscribe(topic);
        }
        return;
      }
      if (subscriptions.get(topic) != subscription) {
        // The last subscriber left meanwhile and the node unsubscribed: subscribe again.
        join(topic, conn);
        return;
      }
      tabsByTopic.computeIfAbsent(topic, x -> new HashSet<>()).add(conn);
      // Counted before the regions render, so the tab's first presence render includes its own member.
      joinPresence(topic, conn);
      Map<ChannelKey, Channel> channels = channelsByTopic.computeIfAbsent(topic, x -> new HashMap<>());
      List<QueryDef> defs = conn.page().queries(topic.family());
      if (!defs.isEmpty()) {
        subscriptionCount++;
      }
      for (QueryDef def : defs) {
        View v = View.of(def.key(), conn.grant());
        LiveConnection owner = def.perViewer() ? conn : null;
        channels.computeIfAbsent(keyOf(conn, def, v), k -> {
          viewCount++;
          return new Channel(new RegionRenderer(rendering, conn.page(), topic, def, v, owner), owner, this);
        }).add(conn);
      }
    });
  }

  private void joinPresence(Topic topic, LiveConnection conn) {
    Presence p = presence;
    if (p == null || conn.page().queries(topic.family()).stream().noneMatch(QueryDef::presence)) {
      return;
    }
    PresenceMember member = PresenceParams.of(conn.grant());
    try {
      presenceByTopic.computeIfAbsent(topic, t -> new HashMap<>()).put(conn, member == null ? p.watch(topic) : p.join(topic, member));
    } catch (IllegalArgumentException e) {
      log.warn("No presence on topic {}: {}", topic, e.getMessage());
    }
  }

  private void leavePresence(Topic topic, LiveConnection conn) {
    Map<LiveConnection, Presence.Registration> regs = presenceByTopic.get(topic);
    Presence.Registration reg = regs == null ? null : regs.remove(conn);
    if (reg != null) {
      reg.stop();
      if (regs.isEmpty()) {
        presenceByTopic.remove(topic);
      }
    }
  }

  private static ChannelKey keyOf(LiveConnection conn, QueryDef def, View v) {
    return new ChannelKey(conn.page().id(), def, def.perViewer() ? conn : v);
  }

  void detach(LiveConnection conn) {
    if (!open.remove(conn)) {
      return;
    }
    metrics.connections.decrementAndGet();
    context.runOnContext(v -> {
      replay.leave(conn);
      for (String name : conn.grant().topics()) {
        Topic topic = Topic.of(name);
        Set<LiveConnection> tabs = tabsByTopic.get(topic);
        if (tabs == null || !tabs.remove(conn)) {
          // Not joined yet: join() sees the tab gone when its subscription completes.
          continue;
        }
        leavePresence(topic, conn);
        Map<ChannelKey, Channel> channels = channelsByTopic.getOrDefault(topic, Map.of());
        boolean joined = false;
        for (QueryDef def : conn.page().queries(topic.family())) {
          ChannelKey key = keyOf(conn, def, View.of(def.key(), conn.grant()));
          Channel channel = channels.get(key);
          if (channel == null) {
            continue;
          }
          joined = true;
          channel.remove(conn);
          if (channel.size() == 0) {
            channel.close();
            channels.remove(key);
            viewCount--;
          }
        }
        if (joined) {
          subscriptionCount--;
        }
        if (channels.isEmpty()) {
          channelsByTopic.remove(topic);
        }
        if (tabs.isEmpty()) {
          tabsByTopic.remove(topic);
          unsubscribe(topic);
        }
      }
    });
  }

  private void unsubscribe(Topic topic) {
    Future<TopicSubscription> sub = subscriptions.remove(topic);
    if (sub != null) {
      // One turn later: events already handed to this subscription (queued on this context) still
      // reach the replay window, whose own subscription only hears the ones published after it.
      sub.onSuccess(s -> context.runOnContext(x -> s.unsubscribe()));
    }
  }

  private Future<TopicSubscription> ensureSubscribed(Topic topic) {
    return subscriptions.computeIfAbsent(topic, t -> bus.subscribe(t, this::onEvent)
      .onFailure(err -> log.warn("Could not subscribe to topic {}: {}", t, err.getMessage())));
  }

  private void onEvent(DomainEvent event) {
    metrics.eventsReceived.increment();
    replay.onEvent(event);
    Map<ChannelKey, Channel> channels = channelsByTopic.get(event.topic());
    // Presence regions render on presence changes only, and every other region never does.
    boolean presenceEvent = Presence.JOIN.equals(event.name()) || Presence.LEAVE.equals(event.name());
    if (channels != null) {
      for (Channel c : channels.values()) {
        if (c.presence() == presenceEvent) {
          c.changed(event);
        }
      }
    }
    if ((channels == null || channels.isEmpty()) && unheard != null && !presenceEvent) {
      unheard.handle(event);
    }
  }

  /** Development diagnostics: called on the hub's context with each event that reached no query. */
  public void unheardHandler(io.vertx.core.Handler<DomainEvent> handler) {
    this.unheard = handler;
  }

  private volatile io.vertx.core.Handler<DomainEvent> unheard;

  /**
   * Keeps {@code channel}'s render for joining tabs, evicting the least recently used kept
   * render past {@code maxCachedViews}.
   *
   * @return whether the render may be kept
   */
  boolean keep(Channel channel) {
    int max = options.getMaxCachedViews();
    if (max == 0) {
      return false;
    }
    kept.put(channel, Boolean.TRUE);
    if (kept.size() > max) {
      Iterator<Channel> eldest = kept.keySet().iterator();
      Channel out = eldest.next();
      eldest.remove();
      out.evicted();
      metrics.viewsEvicted.increment();
    }
    return true;
  }

  /** A kept render was used. */
  void touched(Channel channel) {
    kept.get(channel);
  }

  /** A kept render went stale or its channel closed. */
  void forget(Channel channel) {
    kept.remove(channel);
  }

  /** A renderer of this hub for a channel of {@code page}'s {@code query} on {@code topic}, for tests. */
  RegionRenderer renderer(LivePage page, Topic topic, QueryDef query, View view, LiveConnection owner) {
    return new RegionRenderer(rendering, page, topic, query, view, owner);
  }

  /** Releases the hub's gauges; call after {@link #drain()}. */
  public void close() {
    metrics.close();
  }

  /**
   * Stops accepting streams and closes the open ones spread over the drain window, so their
   * browsers reconnect elsewhere without a storm.
   */
  public Future<Void> drain() {
    draining = true;
    List<LiveConnection> all = new ArrayList<>(open);
    if (all.isEmpty()) {
      return Future.succeededFuture();
    }
    long window = options.getDrainMillis();
    Promise<Void> done = Promise.promise();
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(all.size());
    for (int i = 0; i < all.size(); i++) {
      LiveConnection c = all.get(i);
      long delay = Math.max(1, window * i / all.size());
      vertx.setTimer(delay, id -> c.context().runOnContext(v -> {
        c.end();
        if (left.decrementAndGet() == 0) {
          done.tryComplete();
        }
      }));
    }
    return done.future();
  }
}
