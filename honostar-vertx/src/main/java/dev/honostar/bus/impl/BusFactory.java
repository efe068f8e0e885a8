package dev.honostar.bus.impl;

import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.TopicBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.UUID;

/** Chooses and starts the backend. Internal API: use {@link TopicBus#create}. */
public final class BusFactory {

  private BusFactory() {
  }

  public static Future<TopicBus> create(Vertx vertx, BusOptions options, MeterRegistry registry) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    BusOptions opts = new BusOptions(options); // later changes to the caller's object must not affect this bus
    BusKind kind = opts.resolveKind(vertx.isClustered());
    String nodeId = opts.getNodeId() != null ? opts.getNodeId() : UUID.randomUUID().toString();
    Backoff backoff = new Backoff(opts.getReconnectBackoffMin(), opts.getReconnectBackoffMax());
    try {
      // Each backend is reached through its own class, so only the chosen backend's optional library must be present.
      switch (kind) {
        case LOCAL:
        case CLUSTERED:
          return EventBusTopicBus.start(vertx, kind, nodeId, opts, backoff, registry);
        case REDIS:
          return RedisTopicBus.start(vertx, nodeId, opts, backoff, registry);
        case NATS:
          return NatsTopicBus.start(vertx, nodeId, opts, backoff, registry);
        default:
          throw new IllegalStateException("Unhandled bus kind " + kind);
      }
    } catch (NoClassDefFoundError e) {
      return Future.failedFuture(new IllegalStateException("The " + kind.configName() + " bus needs "
        + library(kind) + " on the class path (missing class " + e.getMessage() + ")", e));
    }
  }

  private static String library(BusKind kind) {
    switch (kind) {
      case CLUSTERED:
        return "io.vertx:vertx-hazelcast (or another cluster manager)";
      case REDIS:
        return "io.vertx:vertx-redis-client";
      case NATS:
        return "io.nats:jnats";
      default:
        return "io.vertx:vertx-core";
    }
  }
}
