package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.bus.TopicSubscription;
import dev.honostar.impl.BlockingExecutor;
import dev.honostar.live.LiveOptions;
import dev.honostar.live.Topic;
import dev.honostar.protocol.PatchElements;
import dev.honostar.view.ViewEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's live-update hub: it subscribes the node to the bus once per topic, keeps a
 * {@link Channel} per (page, topic) and renders shared regions once per event for all local
 * subscribers. Channel state lives on the hub's own context; connections live on their event
 * loops.
 */
public final class LiveHub {

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

  private final Vertx vertx;
  private final Context context;
  private final LiveOptions options;
  private final TopicBus bus;
  private final ViewEngine view;
  private final BlockingExecutor blocking;
  private final LiveMetrics metrics;
  private final Map<String, Map<String, Channel>> channelsByTopic = new HashMap<>();
  private final Map<String, Future<TopicSubscription>> subscriptions = new HashMap<>();
  private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
  /** One clock per event loop (see {@link LiveConnection#loopOf}). */
  private final Map<Object, ConnectionClock> clocks = new ConcurrentHashMap<>();
  private final long tickMillis;
  private volatile boolean draining;

  public LiveHub(Vertx vertx, LiveOptions options, TopicBus bus, ViewEngine view, BlockingExecutor blocking, MeterRegistry registry) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.bus = bus;
    this.view = view;
    this.blocking = blocking;
    this.metrics = new LiveMetrics(registry, h -> ((LiveHub) h).subscriptionCount(), this);
    this.tickMillis = ConnectionClock.tickMillis(options);
    // After a broker outage this node may have missed events: re-render everything so tabs heal.
    bus.reconnectHandler(v -> context.runOnContext(x -> channelsByTopic.values().forEach(m -> m.values().forEach(c -> c.changed(null)))));
  }

  Vertx vertx() {
    return vertx;
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

  private int subscriptionCount() {
    int n = 0;
    for (Map<String, Channel> m : channelsByTopic.values()) {
      for (Channel c : m.values()) {
        n += c.size();
      }
    }
    return n;
  }

  /** Registers a stream; it receives the current state of each of its topics first. */
  void attach(LiveConnection conn) {
    open.add(conn);
    metrics.connections.incrementAndGet();
    context.runOnContext(v -> {
      for (String name : conn.grant().topics()) {
        // Join the channel (and render the current state) only once this node's subscription
        // is active: an event published before that would otherwise be missed, since pub/sub
        // brokers keep no backlog. Whatever happened before is in the state rendered then.
        join(name, conn);
      }
    });
  }

  private void join(String topic, LiveConnection conn) {
    Future<TopicSubscription> subscription = ensureSubscribed(topic);
    subscription.onComplete(ar -> {
      if (!open.contains(conn)) {
        return;
      }
      if (subscriptions.get(topic) != subscription) {
        // The last subscriber left meanwhile and the node unsubscribed: subscribe again.
        join(topic, conn);
        return;
      }
      channel(topic, conn.page()).add(conn);
    });
  }

  private Channel channel(String topic, LivePage page) {
    return channelsByTopic.computeIfAbsent(topic, t -> new LinkedHashMap<>())
      .computeIfAbsent(page.id(), id -> new Channel(id + "|" + topic, Topic.of(topic), page, this));
  }

  void detach(LiveConnection conn) {
    if (!open.remove(conn)) {
      return;
    }
    metrics.connections.decrementAndGet();
    context.runOnContext(v -> {
      for (String name : conn.grant().topics()) {
        Map<String, Channel> channels = channelsByTopic.get(name);
        Channel channel = channels == null ? null : channels.get(conn.page().id());
        if (channel == null) {
          continue;
        }
        channel.remove(conn);
        if (channel.size() == 0) {
          channel.close();
          channels.remove(conn.page().id());
          if (channels.isEmpty()) {
            channelsByTopic.remove(name);
            Future<TopicSubscription> sub = subscriptions.remove(name);
            if (sub != null) {
              sub.onSuccess(TopicSubscription::unsubscribe);
            }
          }
        }
      }
    });
  }

  private Future<TopicSubscription> ensureSubscribed(String topic) {
    return subscriptions.computeIfAbsent(topic, t -> bus.subscribe(t, this::onEvent)
      .onFailure(err -> log.warn("Could not subscribe to topic {}: {}", t, err.getMessage())));
  }

  private void onEvent(DomainEvent event) {
    metrics.eventsReceived.increment();
    Map<String, Channel> channels = channelsByTopic.get(event.topic());
    if (channels != null) {
      for (Channel c : channels.values()) {
        c.changed(event);
      }
    }
  }

  /** Runs the shared queries of a channel once and encodes their regions once. */
  Future<List<LiveConnection.Keyed>> renderShared(Channel channel, DomainEvent event) {
    List<QueryDef> defs = channel.page.queries(channel.topic.family()).stream().filter(q -> !q.perViewer()).toList();
    Timer.Sample sample = Timer.start();
    List<Future<List<LiveConnection.Keyed>>> parts = new ArrayList<>(defs.size());
    for (QueryDef def : defs) {
      parts.add(run(def, channel, event, null, Map.of()));
    }
    return Future.all(parts).map(all -> {
      List<LiveConnection.Keyed> out = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        out.addAll(all.<List<LiveConnection.Keyed>>resultAt(i));
      }
      metrics.sharedRenders.increment();
      sample.stop(metrics.renderTime);
      return out;
    }).onFailure(err -> {
      metrics.renderFailures.increment();
      log.error("Rendering topic {} of page {} failed", channel.topic, channel.page.id(), err);
    });
  }

  /** Runs the per-viewer queries of a channel for each given connection, on its own event loop. */
  void renderPerViewer(Channel channel, List<LiveConnection> conns, DomainEvent event) {
    List<QueryDef> defs = channel.page.queries(channel.topic.family()).stream().filter(QueryDef::perViewer).toList();
    if (defs.isEmpty()) {
      return;
    }
    for (LiveConnection conn : conns) {
      conn.context().runOnContext(v -> {
        if (conn.isClosed()) {
          return;
        }
        for (QueryDef def : defs) {
          Map<String, Object> data = conn.csrfToken() == null ? Map.of() : Map.of(ViewEngine.DATA_CSRF_TOKEN, conn.csrfToken());
          run(def, channel, event, conn, data).onSuccess(patches -> {
            metrics.viewerRenders.increment();
            conn.offer(patches);
          }).onFailure(err -> {
            metrics.renderFailures.increment();
            log.error("Rendering per-viewer topic {} of page {} failed", channel.topic, channel.page.id(), err);
          });
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private Future<List<LiveConnection.Keyed>> run(QueryDef def, Channel channel, DomainEvent event, LiveConnection viewer,
                                                 Map<String, Object> data) {
    QueryContextImpl qc = new QueryContextImpl(vertx, channel.topic, event, viewer == null ? null : viewer.session(), blocking);
    Future<Object> model;
    try {
      model = (Future<Object>) def.query().load(qc);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return model.map(m -> {
      List<LiveConnection.Keyed> out = new ArrayList<>(def.regions().size());
      for (String region : def.regions()) {
        String html = view.renderRegion(region, m, data);
        out.add(new LiveConnection.Keyed(channel.key + "|" + region, PatchElements.of(html.strip()).toSseEvent()));
      }
      return out;
    });
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
