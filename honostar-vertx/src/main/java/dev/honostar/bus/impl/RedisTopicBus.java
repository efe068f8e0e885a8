package dev.honostar.bus.impl;

import dev.honostar.bus.BusHealth;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REDIS backend: PUBLISH through a pooled client, SUBSCRIBE on one dedicated connection whose push messages are read
 * with {@link RedisConnection#handler}. The Vert.x Redis client does not reconnect a lost connection, so this class
 * does: with exponential backoff and jitter, then SUBSCRIBEs every channel again.
 *
 * <p>All subscriber-connection state is confined to one event-loop context ({@code busContext}), so it needs no locks.
 */
final class RedisTopicBus extends AbstractTopicBus {

  private static final Logger log = LoggerFactory.getLogger(RedisTopicBus.class);

  private final String safeUrl;
  private final Redis publisher;
  private final Redis subscriberClient;
  private final ContextInternal busContext;

  // Confined to busContext:
  private final Set<String> channels = new LinkedHashSet<>();
  private final Map<String, List<Promise<Void>>> pendingConfirmations = new HashMap<>();
  private RedisConnection subscriber;
  private boolean reconnecting;
  private long attempt;

  private RedisTopicBus(Vertx vertx, String nodeId, BusOptions options, Backoff backoff, MeterRegistry registry,
                        RedisOptions redisOptions, String safeUrl) {
    super(vertx, BusKind.REDIS, nodeId, options.getPrefix(), backoff, registry, BusHealth.down("connecting"));
    this.safeUrl = safeUrl;
    this.publisher = Redis.createClient(vertx, new RedisOptions(redisOptions));
    // A separate client, so the subscriber connection never goes back into the publishers' pool.
    this.subscriberClient = Redis.createClient(vertx, new RedisOptions(redisOptions));
    this.busContext = this.vertx.createEventLoopContext();
  }

  static Future<TopicBus> start(Vertx vertx, String nodeId, BusOptions options, Backoff backoff,
                                MeterRegistry registry) {
    String url = options.getRedisUrl();
    if (url == null) {
      return Future.failedFuture(new IllegalArgumentException(
        "The redis bus needs a Redis URL: set HONOSTAR_BUS_REDIS_URL (or REDIS_URL) or BusOptions.setRedisUrl"));
    }
    String safeUrl = Urls.redact(url);
    RedisTopicBus bus;
    try {
      RedisOptions redisOptions = new RedisOptions()
        .setConnectionString(Urls.requireRedisUrl(url))
        .setMaxPoolSize(4)
        .setMaxPoolWaiting(10_000);
      redisOptions.getNetClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getConnectTimeout()));
      bus = new RedisTopicBus(vertx, nodeId, options, backoff, registry, redisOptions, safeUrl);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Promise<TopicBus> result = Promise.promise();
    bus.busContext.runOnContext(v -> bus.connectSubscriber()
      .compose(conn -> bus.publisher.send(Request.cmd(Command.PING)))
      .onSuccess(ok -> {
        bus.setHealth(BusHealth.up("connected to " + safeUrl));
        log.info("Redis bus {} connected to {}", nodeId, safeUrl);
        result.complete(bus);
      })
      .onFailure(err -> bus.close().onComplete(ignored -> result.fail(new IllegalStateException(
        "Cannot connect the redis bus to " + safeUrl + ": " + Urls.describe(err))))));
    return result.future();
  }

  // ---- subscriber connection (on busContext) --------------------------------------------------------------------

  private Future<RedisConnection> connectSubscriber() {
    return subscriberClient.connect().map(conn -> {
      if (isClosed()) {
        conn.close();
        throw new IllegalStateException("The bus is closed");
      }
      subscriber = conn;
      conn.handler(response -> onBusContext(() -> onPush(conn, response)));
      conn.exceptionHandler(err -> onBusContext(() -> connectionLost(conn, err)));
      conn.endHandler(v -> onBusContext(() -> connectionLost(conn, null)));
      return conn;
    });
  }

  private void onBusContext(Runnable action) {
    if (ContextInternal.current() == busContext) {
      action.run();
    } else {
      busContext.runOnContext(v -> action.run());
    }
  }

  private void onPush(RedisConnection conn, Response response) {
    if (conn != subscriber || response == null) {
      return;
    }
    ResponseType type = response.type();
    if ((type != ResponseType.MULTI && type != ResponseType.PUSH) || response.size() < 3) {
      return;
    }
    String kind = response.get(0).toString();
    String channel = response.get(1).toString();
    if ("message".equals(kind)) {
      Topic topic = Addresses.topicOf(prefix, channel);
      if (topic == null) {
        return;
      }
      DomainEvent event;
      try {
        event = DomainEvent.fromJson(new JsonObject(response.get(2).toString()));
      } catch (RuntimeException e) {
        log.warn("Dropping malformed event on Redis channel {}: {}", channel, e.getMessage());
        return;
      }
      if (!topic.equals(event.topic())) {
        log.warn("Dropping event for topic '{}' received on channel {}", event.topic(), channel);
        return;
      }
      onBrokerEvent(event);
    } else if ("subscribe".equals(kind)) {
      List<Promise<Void>> waiting = pendingConfirmations.remove(channel);
      if (waiting != null) {
        waiting.forEach(Promise::tryComplete);
      }
    }
  }

  private void connectionLost(RedisConnection conn, Throwable err) {
    if (conn != subscriber) {
      return; // already handled (exception and end both fire)
    }
    subscriber = null;
    conn.close();
    // Subscriptions waiting for a confirmation are restored with all the others on reconnect.
    pendingConfirmations.values().forEach(list -> list.forEach(Promise::tryComplete));
    pendingConfirmations.clear();
    if (isClosed()) {
      return;
    }
    String reason = err == null ? "connection closed" : err.getMessage();
    setHealth(BusHealth.down("lost connection to " + safeUrl + ": " + reason));
    if (!reconnecting) {
      // When an attempt is under way, its own outcome schedules the next one.
      log.warn("Redis bus {} lost its connection to {} ({}), reconnecting", nodeId, safeUrl, reason);
      reconnecting = true;
      attempt = 0;
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    long delay = backoff.delay(attempt++);
    vertx.setTimer(delay, id -> busContext.runOnContext(v -> {
      if (isClosed()) {
        return;
      }
      connectSubscriber()
        .compose(conn -> resubscribeAll(conn).map(conn))
        .onComplete(ar -> {
          if (isClosed()) {
            return;
          }
          // The connection may have died while resubscribing: then it is no longer the current one.
          if (ar.succeeded() && ar.result() == subscriber) {
            reconnecting = false;
            reconnected("reconnected to " + safeUrl);
            return;
          }
          log.debug("Redis bus {} reconnect attempt {} failed: {}", nodeId, attempt,
            ar.failed() ? ar.cause().getMessage() : "connection lost again");
          RedisConnection current = subscriber;
          if (current != null) {
            subscriber = null;
            current.close();
          }
          scheduleReconnect();
        });
    }));
  }

  private Future<Void> resubscribeAll(RedisConnection conn) {
    if (channels.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> confirmations = new ArrayList<>();
    Request subscribe = Request.cmd(Command.SUBSCRIBE);
    for (String channel : channels) {
      subscribe.arg(channel);
      confirmations.add(awaitConfirmation(channel));
    }
    return conn.send(subscribe).compose(ignored -> Future.all(confirmations)).mapEmpty();
  }

  private Future<Void> awaitConfirmation(String channel) {
    Promise<Void> p = Promise.promise();
    pendingConfirmations.computeIfAbsent(channel, c -> new ArrayList<>()).add(p);
    return p.future();
  }

  // ---- backend hooks ---------------------------------------------------------------------------------------------

  @Override
  protected Future<Void> brokerSubscribe(Topic topic) {
    String channel = Addresses.address(prefix, topic);
    Promise<Void> result = Promise.promise();
    busContext.runOnContext(v -> {
      if (!channels.add(channel) || subscriber == null) {
        // Already subscribed, or down: resubscribeAll covers it on reconnect.
        result.complete();
        return;
      }
      Future<Void> confirmed = awaitConfirmation(channel);
      subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
        .onFailure(err -> log.debug("SUBSCRIBE {} not sent: {}", channel, err.getMessage()));
      // A failed write is followed by connectionLost, which completes the confirmation.
      confirmed.onComplete(result);
    });
    return result.future();
  }

  @Override
  protected Future<Void> brokerUnsubscribe(Topic topic) {
    String channel = Addresses.address(prefix, topic);
    Promise<Void> result = Promise.promise();
    busContext.runOnContext(v -> {
      if (channels.remove(channel) && subscriber != null) {
        subscriber.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel))
          .onFailure(err -> log.debug("UNSUBSCRIBE {} not sent: {}", channel, err.getMessage()));
      }
      result.complete();
    });
    return result.future();
  }

  @Override
  protected Future<Void> brokerPublish(DomainEvent event) {
    return publisher.send(Request.cmd(Command.PUBLISH)
        .arg(Addresses.address(prefix, event.topic()))
        .arg(event.toJson().encode()))
      .recover(err -> Future.failedFuture(new IllegalStateException(
        "Redis PUBLISH to " + safeUrl + " failed: " + err.getMessage(), err)))
      .mapEmpty();
  }

  @Override
  protected Future<Void> brokerClose() {
    Promise<Void> result = Promise.promise();
    busContext.runOnContext(v -> {
      RedisConnection conn = subscriber;
      subscriber = null;
      channels.clear();
      Future<Void> closing = conn == null ? Future.succeededFuture() : conn.close();
      closing.transform(ignored -> Future.join(subscriberClient.close(), publisher.close()))
        .onComplete(ignored -> result.complete());
    });
    return result.future();
  }
}
