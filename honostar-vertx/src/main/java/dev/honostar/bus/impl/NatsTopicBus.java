package dev.honostar.bus.impl;

import dev.honostar.bus.BusHealth;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NATS backend on core pub/sub (no JetStream: fan-out to live nodes is all that is needed). jnats reconnects and
 * re-subscribes by itself; this class turns its connection events into health and the reconnect handler, and never
 * lets its blocking calls run on an event loop.
 *
 * <p>Messages arrive on jnats' dispatcher thread; {@link #onBrokerEvent} hops to each subscriber's context.
 */
final class NatsTopicBus extends AbstractTopicBus {

  private static final Logger log = LoggerFactory.getLogger(NatsTopicBus.class);

  private final String safeUrl;
  private final Duration timeout;
  private final Map<Topic, Subscription> subscriptions = new ConcurrentHashMap<>();
  private volatile Connection connection;
  private volatile Dispatcher dispatcher;

  private NatsTopicBus(Vertx vertx, String nodeId, BusOptions options, Backoff backoff, MeterRegistry registry,
                       String safeUrl) {
    super(vertx, BusKind.NATS, nodeId, options.getPrefix(), backoff, registry, BusHealth.down("connecting"));
    this.safeUrl = safeUrl;
    this.timeout = Duration.ofMillis(options.getConnectTimeout());
  }

  static Future<TopicBus> start(Vertx vertx, String nodeId, BusOptions options, Backoff backoff,
                                MeterRegistry registry) {
    String url = options.getNatsUrl();
    if (url == null) {
      return Future.failedFuture(new IllegalArgumentException(
        "The nats bus needs a NATS URL: set HONOSTAR_BUS_NATS_URL (or NATS_URL) or BusOptions.setNatsUrl"));
    }
    String safeUrl = Urls.redact(url);
    NatsTopicBus bus = new NatsTopicBus(vertx, nodeId, options, backoff, registry, safeUrl);
    Options natsOptions = new Options.Builder()
      .servers(url.split("\\s*,\\s*"))
      .connectionName("honostar-" + nodeId)
      // The server does not send our own publishes back: we delivered them locally already.
      .noEcho()
      .maxReconnects(-1)
      .reconnectDelayHandler(attempt -> Duration.ofMillis(backoff.delay(Math.max(0, attempt - 1))))
      .connectionTimeout(bus.timeout)
      // Never block an event loop in publish(): fail fast when the outgoing queue is full.
      .discardMessagesWhenOutgoingQueueFull()
      .connectionListener(bus::onConnectionEvent)
      .errorListener(new ErrorListener() {
        @Override
        public void errorOccurred(Connection conn, String error) {
          log.warn("NATS bus {}: server error {}", nodeId, error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
          log.debug("NATS bus {}: {}", nodeId, exp.toString());
        }
      })
      .build();
    // Nats.connect blocks until connected or failed.
    return vertx.executeBlocking(() -> Nats.connect(natsOptions), false)
      .recover(err -> Future.failedFuture(new IllegalStateException(
        "Cannot connect the nats bus to " + safeUrl + ": " + Urls.describe(err))))
      .map(conn -> {
        bus.connection = conn;
        bus.dispatcher = conn.createDispatcher();
        bus.setHealth(BusHealth.up("connected to " + safeUrl));
        log.info("NATS bus {} connected to {}", nodeId, safeUrl);
        return bus;
      });
  }

  /** Called on a jnats thread. */
  private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
    switch (event) {
      case DISCONNECTED:
        // jnats repeats DISCONNECTED for every failed attempt (and during a failed first connect): warn once.
        if (!isClosed() && health().up()) {
          log.warn("NATS bus {} lost its connection to {}, reconnecting", nodeId, safeUrl);
        }
        setHealth(BusHealth.down("lost connection to " + safeUrl));
        break;
      case RECONNECTED:
        // Connected, but the subscriptions are re-sent only afterwards: wait for RESUBSCRIBED.
        setHealth(BusHealth.down("reconnected to " + safeUrl + ", restoring subscriptions"));
        break;
      case RESUBSCRIBED:
        reconnected("reconnected to " + safeUrl);
        break;
      case CLOSED:
        setHealth(BusHealth.down("connection closed"));
        break;
      default:
        break;
    }
  }

  @Override
  protected Future<Void> brokerSubscribe(Topic topic) {
    if (subscriptions.containsKey(topic)) {
      return Future.succeededFuture();
    }
    String subject = Addresses.address(prefix, topic);
    Subscription sub = dispatcher.subscribe(subject, handler(subject, topic));
    subscriptions.put(topic, sub);
    // The flush round trip makes sure the server registered the SUB before we report the subscription ready.
    return vertx.executeBlocking(() -> {
      try {
        connection.flush(timeout);
      } catch (Exception e) {
        // Disconnected: jnats re-sends the SUB on reconnect, and RESUBSCRIBED tells the hub.
        log.debug("NATS bus {}: flush after SUB {} failed: {}", nodeId, subject, e.toString());
      }
      return null;
    }, false);
  }

  private io.nats.client.MessageHandler handler(String subject, Topic topic) {
    return msg -> {
      DomainEvent event;
      try {
        event = DomainEvent.fromJson(new JsonObject(new String(msg.getData(), StandardCharsets.UTF_8)));
      } catch (RuntimeException e) {
        log.warn("Dropping malformed event on NATS subject {}: {}", subject, e.getMessage());
        return;
      }
      if (!topic.equals(event.topic())) {
        log.warn("Dropping event for topic '{}' received on subject {}", event.topic(), subject);
        return;
      }
      onBrokerEvent(event);
    };
  }

  @Override
  protected Future<Void> brokerUnsubscribe(Topic topic) {
    Subscription sub = subscriptions.remove(topic);
    if (sub != null && dispatcher.isActive()) {
      try {
        dispatcher.unsubscribe(sub); // only queues UNSUB: does not block
      } catch (IllegalStateException e) {
        log.debug("NATS bus {}: unsubscribe {} failed: {}", nodeId, topic, e.getMessage());
      }
    }
    return Future.succeededFuture();
  }

  @Override
  protected Future<Void> brokerPublish(DomainEvent event) {
    try {
      // Only queues the message (buffered while reconnecting): does not block.
      connection.publish(Addresses.address(prefix, event.topic()), event.toJson().encode().getBytes(StandardCharsets.UTF_8));
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("NATS publish to " + safeUrl + " failed: " + e.getMessage(), e));
    }
  }

  @Override
  protected Future<Void> brokerClose() {
    Connection conn = connection;
    subscriptions.clear();
    if (conn == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      conn.close();
      return null;
    }, false).mapEmpty();
  }
}
