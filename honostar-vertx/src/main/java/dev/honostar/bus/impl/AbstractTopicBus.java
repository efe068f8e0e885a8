package dev.honostar.bus.impl;

import dev.honostar.bus.BusHealth;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import dev.honostar.bus.TopicSubscription;
import dev.honostar.observability.impl.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all backends share: the node's local subscribers, origin tagging, exactly-once delivery per node, health and
 * the reconnect handler. A backend holds at most one broker subscription per topic, however many local handlers.
 *
 * <p>Exactly once per node: {@link #publish} hands the event to this node's subscribers directly and the broker copy
 * that comes back ({@link #onBrokerEvent}) is dropped because its origin is this node.
 */
abstract class AbstractTopicBus implements TopicBus {

  private static final Logger log = LoggerFactory.getLogger(AbstractTopicBus.class);

  protected final VertxInternal vertx;
  protected final String nodeId;
  protected final String prefix;
  protected final Backoff backoff;
  protected final BusMetrics metrics;
  private final BusKind kind;

  private final Object lock = new Object();
  private final Map<Topic, TopicEntry> topics = new HashMap<>(); // guarded by lock
  private final RecentIds delivered = new RecentIds(RecentIds.DEFAULT_CAPACITY);
  private Handler<Void> reconnectHandler; // guarded by lock
  private Context reconnectContext; // guarded by lock
  private volatile BusHealth health;
  private volatile boolean closed;

  AbstractTopicBus(Vertx vertx, BusKind kind, String nodeId, String prefix, Backoff backoff, MeterRegistry registry,
                   BusHealth initialHealth) {
    this.vertx = (VertxInternal) vertx;
    this.kind = kind;
    this.nodeId = nodeId;
    this.prefix = prefix;
    this.backoff = backoff;
    this.health = initialHealth;
    this.metrics = new BusMetrics(registry, kind.configName(), () -> health().up());
  }

  // ---- backend hooks -------------------------------------------------------------------------------------------

  /** Starts receiving the topic from the broker; idempotent. */
  protected abstract Future<Void> brokerSubscribe(Topic topic);

  /** Stops receiving the topic from the broker; idempotent. */
  protected abstract Future<Void> brokerUnsubscribe(Topic topic);

  /** Sends an event (already tagged with this node's origin) to the other nodes. */
  protected abstract Future<Void> brokerPublish(DomainEvent event);

  /** Releases broker resources. */
  protected abstract Future<Void> brokerClose();

  // ---- TopicBus ------------------------------------------------------------------------------------------------

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public BusKind kind() {
    return kind;
  }

  @Override
  public String prefix() {
    return prefix;
  }

  @Override
  public BusHealth health() {
    return health;
  }

  @Override
  public Future<Void> publish(DomainEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      return vertx.getOrCreateContext().failedFuture(new IllegalStateException("The bus is closed"));
    }
    DomainEvent tagged = event.withOrigin(nodeId);
    if (tagged.traceContext().isEmpty()) {
      // Published inside a traced span (a user's own code, a job): the event joins that trace.
      Map<String, String> trace = TraceContexts.headers(io.opentelemetry.context.Context.current());
      if (!trace.isEmpty()) {
        tagged = tagged.withTraceContext(trace);
      }
    }
    metrics.published();
    deliverLocally(tagged);
    return brokerPublish(tagged);
  }

  @Override
  public Future<Void> publishLocally(DomainEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      return vertx.getOrCreateContext().failedFuture(new IllegalStateException("The bus is closed"));
    }
    deliverLocally(event.withOrigin(nodeId));
    return vertx.getOrCreateContext().succeededFuture();
  }

  @Override
  public Future<TopicSubscription> subscribe(Topic topic, Handler<DomainEvent> handler) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(handler, "handler");
    ContextInternal ctx = vertx.getOrCreateContext();
    if (closed) {
      return ctx.failedFuture(new IllegalStateException("The bus is closed"));
    }
    LocalSubscription sub = new LocalSubscription(topic, handler, ctx);
    Future<Void> ready;
    synchronized (lock) {
      TopicEntry entry = topics.computeIfAbsent(topic, TopicEntry::new);
      entry.subscriptions.add(sub);
      // Later subscribers wait for the first one's broker subscription instead of issuing their own.
      ready = entry.subscriptions.size() == 1 ? entry.then(() -> brokerSubscribe(topic)) : entry.then(null);
    }
    PromiseInternal<TopicSubscription> promise = ctx.promise();
    ready.onComplete(ar -> {
      if (ar.succeeded()) {
        promise.complete(sub);
      } else {
        sub.unsubscribe();
        promise.fail(new IllegalStateException("Cannot subscribe to topic '" + topic + "' on the " + kind.configName()
          + " bus: " + ar.cause().getMessage(), ar.cause()));
      }
    });
    return promise.future();
  }

  @Override
  public TopicBus reconnectHandler(Handler<Void> handler) {
    Context ctx = vertx.getOrCreateContext();
    synchronized (lock) {
      this.reconnectHandler = handler;
      this.reconnectContext = ctx;
    }
    return this;
  }

  @Override
  public Future<Void> close() {
    List<TopicEntry> entries;
    synchronized (lock) {
      if (closed) {
        return vertx.getOrCreateContext().succeededFuture();
      }
      closed = true;
      entries = List.copyOf(topics.values());
      topics.clear();
      reconnectHandler = null;
    }
    for (TopicEntry entry : entries) {
      for (LocalSubscription sub : entry.subscriptions) {
        sub.active = false;
      }
    }
    health = BusHealth.down("closed");
    metrics.close();
    return brokerClose();
  }

  // ---- for backends --------------------------------------------------------------------------------------------

  protected boolean isClosed() {
    return closed;
  }

  protected void setHealth(BusHealth health) {
    if (!closed) {
      this.health = health;
    }
  }

  /** Handles an event that arrived from the broker, on any thread. */
  protected void onBrokerEvent(DomainEvent event) {
    if (nodeId.equals(event.origin())) {
      return; // our own publish coming back: already delivered locally
    }
    deliverLocally(event);
  }

  /** Marks the bus up again, counts the reconnect and calls the reconnect handler on its context. */
  protected void reconnected(String message) {
    if (closed) {
      return;
    }
    setHealth(BusHealth.up(message));
    metrics.reconnected();
    Handler<Void> handler;
    Context ctx;
    synchronized (lock) {
      handler = reconnectHandler;
      ctx = reconnectContext;
    }
    log.info("{} bus {} reconnected: {}", kind.configName(), nodeId, message);
    if (handler != null) {
      ctx.runOnContext(v -> handler.handle(null));
    }
  }

  private void deliverLocally(DomainEvent event) {
    if (!delivered.firstTime(event.id())) {
      metrics.duplicate();
      return; // published again (outbox relay): this node delivered it already
    }
    TopicEntry entry;
    synchronized (lock) {
      entry = topics.get(event.topic());
    }
    if (entry == null || entry.subscriptions.isEmpty()) {
      return;
    }
    metrics.received();
    for (LocalSubscription sub : entry.subscriptions) {
      sub.deliver(event);
    }
  }

  /** The local subscribers of one topic, and the queue of broker operations for it. */
  private final class TopicEntry {
    final Topic topic;
    final List<LocalSubscription> subscriptions = new CopyOnWriteArrayList<>();
    // Broker subscribe/unsubscribe of one topic run one after the other, so they cannot overtake each other.
    Future<Void> last = Future.succeededFuture();

    TopicEntry(Topic topic) {
      this.topic = topic;
    }

    /** Queues an operation (null: just wait for the queue), guarded by lock. */
    Future<Void> then(Supplier<Future<Void>> op) {
      if (op != null) {
        Future<Void> f = last.transform(ignored -> {
          try {
            return op.get();
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
        });
        last = f;
        f.onComplete(ar -> forgetIfUnused(this, f));
        return f;
      }
      return last;
    }
  }

  private void forgetIfUnused(TopicEntry entry, Future<Void> op) {
    synchronized (lock) {
      if (entry.last == op && entry.subscriptions.isEmpty()) {
        topics.remove(entry.topic, entry);
      }
    }
  }

  private final class LocalSubscription implements TopicSubscription {
    private final Topic topic;
    private final Handler<DomainEvent> handler;
    private final ContextInternal context;
    private volatile boolean active = true;

    LocalSubscription(Topic topic, Handler<DomainEvent> handler, ContextInternal context) {
      this.topic = topic;
      this.handler = handler;
      this.context = context;
    }

    @Override
    public Topic topic() {
      return topic;
    }

    void deliver(DomainEvent event) {
      DomainEvent copy = event.copy();
      context.runOnContext(v -> {
        if (active) {
          // A traced event's context is current while the handler runs, so spans it starts join the trace.
          try (Scope ignored = copy.traceContext().isEmpty() ? null
            : TraceContexts.fromHeaders(copy.traceContext()).makeCurrent()) {
            handler.handle(copy);
          } catch (Throwable t) {
            log.error("Subscriber of topic '{}' failed on event '{}'", topic, copy.name(), t);
          }
        }
      });
    }

    @Override
    public Future<Void> unsubscribe() {
      Future<Void> done;
      synchronized (lock) {
        if (!active) {
          return context.succeededFuture();
        }
        active = false;
        TopicEntry entry = topics.get(topic);
        if (entry == null || !entry.subscriptions.remove(this)) {
          return context.succeededFuture();
        }
        done = entry.subscriptions.isEmpty() ? entry.then(() -> brokerUnsubscribe(topic)) : context.succeededFuture();
      }
      PromiseInternal<Void> promise = context.promise();
      done.onComplete(ar -> promise.complete());
      return promise.future();
    }
  }
}
