package dev.honostar.bus.impl;

import dev.honostar.bus.BusHealth;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LOCAL and CLUSTERED backends on the Vert.x event bus. Events travel as {@link JsonObject} (built-in codec, so no
 * codec registration is needed on any node) published to {@code <prefix>.topic.<topic>}.
 */
final class EventBusTopicBus extends AbstractTopicBus {

  private static final Logger log = LoggerFactory.getLogger(EventBusTopicBus.class);

  private final boolean clustered;
  private final DeliveryOptions delivery;
  private final Map<Topic, MessageConsumer<JsonObject>> consumers = new ConcurrentHashMap<>();

  private EventBusTopicBus(Vertx vertx, BusKind kind, String nodeId, BusOptions options, Backoff backoff,
                           MeterRegistry registry) {
    super(vertx, kind, nodeId, options.getPrefix(), backoff, registry, BusHealth.up(kind.configName() + " event bus"));
    this.clustered = kind == BusKind.CLUSTERED;
    // A LOCAL bus on a clustered Vert.x must stay on this node, whatever other nodes listen to.
    this.delivery = new DeliveryOptions().setLocalOnly(!clustered);
  }

  static Future<TopicBus> start(Vertx vertx, BusKind kind, String nodeId, BusOptions options, Backoff backoff,
                                MeterRegistry registry) {
    if (kind == BusKind.CLUSTERED && !vertx.isClustered()) {
      return Future.failedFuture(new IllegalStateException("The clustered bus needs a clustered Vert.x instance: "
        + "create it with Vertx.builder().withClusterManager(...).buildClustered() (see HazelcastClustering)"));
    }
    return Future.succeededFuture(new EventBusTopicBus(vertx, kind, nodeId, options, backoff, registry));
  }

  @Override
  public BusHealth health() {
    BusHealth h = super.health();
    if (h.up() && clustered) {
      ClusterManager cm = vertx.clusterManager();
      if (cm != null && !cm.isActive()) {
        return BusHealth.down("cluster manager is not active");
      }
    }
    return h;
  }

  @Override
  protected Future<Void> brokerSubscribe(Topic topic) {
    if (consumers.containsKey(topic)) {
      return Future.succeededFuture();
    }
    String address = Addresses.address(prefix, topic);
    // consumer(), not localConsumer(): only the former receives what other cluster nodes publish.
    MessageConsumer<JsonObject> consumer = clustered
      ? vertx.eventBus().consumer(address)
      : vertx.eventBus().localConsumer(address);
    consumer.handler(msg -> {
      DomainEvent event;
      try {
        event = DomainEvent.fromJson(msg.body());
      } catch (RuntimeException e) {
        log.warn("Dropping malformed event on {}: {}", address, e.getMessage());
        return;
      }
      onBrokerEvent(event);
    });
    consumers.put(topic, consumer);
    // Completes when the registration reached the cluster, so publishes from other nodes find it.
    return consumer.completion();
  }

  @Override
  protected Future<Void> brokerUnsubscribe(Topic topic) {
    MessageConsumer<JsonObject> consumer = consumers.remove(topic);
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  @Override
  protected Future<Void> brokerPublish(DomainEvent event) {
    vertx.eventBus().publish(Addresses.address(prefix, event.topic()), event.toJson(), delivery);
    return Future.succeededFuture();
  }

  @Override
  protected Future<Void> brokerClose() {
    Future<?>[] all = consumers.values().stream().map(MessageConsumer::unregister).toArray(Future[]::new);
    consumers.clear();
    return Future.join(java.util.Arrays.asList(all)).mapEmpty();
  }
}
