package dev.honostar.bus;

import dev.honostar.bus.impl.BusFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * Publishes {@link DomainEvent domain events} on topics to every node of an app, and delivers them to the handlers
 * subscribed on each node.
 *
 * <p>Delivery: an event published on a node reaches every subscriber of its topic on every node, once. The publishing
 * node's own subscribers get it immediately (before the broker round trip, even while the broker is down); other
 * nodes get it through the broker, at most once, and not while their broker connection is down (core pub/sub keeps
 * no backlog: a node that was down should re-render, see {@link #reconnectHandler(Handler)}). Handlers run on the
 * Vert.x context that called {@link #subscribe(Topic, Handler)}.
 *
 * <pre>{@code
 * TopicBus.create(vertx, new BusOptions().applyEnvironment(System.getenv()))
 *   .onSuccess(bus -> {
 *     bus.subscribe(Topic.of("board", 42), ev -> System.out.println(ev.name() + " " + ev.payload()));
 *     bus.publish(DomainEvent.of(Topic.of("board", 42), "card.moved", new JsonObject().put("card", 7)));
 *   });
 * }</pre>
 */
public interface TopicBus {

  /**
   * Creates and connects a bus of the kind chosen by {@link BusOptions#resolveKind(boolean)}.
   *
   * <p>The future fails, with a message naming the broker (never its password), when the configured broker cannot be
   * reached: a misconfigured node never silently falls back to a local bus.
   */
  static Future<TopicBus> create(Vertx vertx, BusOptions options) {
    return create(vertx, options, null);
  }

  /**
   * Like {@link #create(Vertx, BusOptions)}, also recording metrics in {@code registry} (may be null): counters
   * {@code honostar.bus.events.published}, {@code honostar.bus.events.received}, {@code honostar.bus.reconnects} and
   * gauge {@code honostar.bus.up}, tagged {@code kind}.
   */
  static Future<TopicBus> create(Vertx vertx, BusOptions options, MeterRegistry registry) {
    return BusFactory.create(vertx, options, registry);
  }

  /** This node's unique id, written into the {@code origin} of every event it publishes. */
  String nodeId();

  /** The backend of this bus. */
  BusKind kind();

  /** The prefix of addresses, channels and subjects. */
  String prefix();

  /**
   * Publishes an event, tagged with this node's id as origin. Subscribers on this node receive it right away; the
   * future completes when the broker accepted it for the other nodes, and fails when it did not (local subscribers
   * have been notified all the same, so do not republish on failure).
   */
  Future<Void> publish(DomainEvent event);

  /**
   * Delivers an event to this node's subscribers of its topic only, tagged with this node's id as origin; other nodes
   * never see it. For what each node derives on its own from what it heard, e.g. the
   * {@link dev.honostar.presence.Presence#JOIN presence} events every node publishes for its own regions.
   */
  Future<Void> publishLocally(DomainEvent event);

  /**
   * Subscribes a handler to a topic. The future completes once events published on any node after that moment are
   * delivered. While the broker is down, the subscription succeeds and becomes effective when the connection is back.
   *
   */
  Future<TopicSubscription> subscribe(Topic topic, Handler<DomainEvent> handler);

  /**
   * As {@link #subscribe(Topic, Handler)}, the topic given by its name.
   *
   * @throws IllegalArgumentException when the topic name is invalid ({@link Topic#of(String)})
   */
  default Future<TopicSubscription> subscribe(String topic, Handler<DomainEvent> handler) {
    return subscribe(Topic.of(topic), handler);
  }

  /** The current connection state; down while a broker connection is lost and after {@link #close()}. */
  BusHealth health();

  /**
   * Sets the handler called after a lost broker connection came back and all subscriptions were restored. Events
   * published meanwhile were lost for this node, so the handler should refresh whatever depends on subscribed topics.
   * It runs on the Vert.x context that called this method.
   */
  TopicBus reconnectHandler(Handler<Void> handler);

  /** Releases the subscriptions and broker connections. Handlers receive nothing after this call. */
  Future<Void> close();
}
