package dev.honostar.bus.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/** Micrometer meters of one bus; all no-ops without a registry. */
final class BusMetrics {

  static final String PUBLISHED = "honostar.bus.events.published";
  static final String RECEIVED = "honostar.bus.events.received";
  static final String RECONNECTS = "honostar.bus.reconnects";
  static final String UP = "honostar.bus.up";
  static final String DUPLICATES = "honostar.bus.events.duplicates";

  private final MeterRegistry registry;
  private final Counter published;
  private final Counter received;
  private final Counter reconnects;
  private final Gauge up;
  private final Counter duplicates;

  BusMetrics(MeterRegistry registry, String kind, BooleanSupplier isUp) {
    this.registry = registry;
    if (registry == null) {
      published = received = reconnects = duplicates = null;
      up = null;
      return;
    }
    published = Counter.builder(PUBLISHED).description("Domain events published by this node")
      .tag("kind", kind).register(registry);
    received = Counter.builder(RECEIVED).description("Domain events handed to this node's subscribers")
      .tag("kind", kind).register(registry);
    reconnects = Counter.builder(RECONNECTS).description("Broker connections restored")
      .tag("kind", kind).register(registry);
    duplicates = Counter.builder(DUPLICATES).description("Domain events dropped because this node delivered their id already")
      .tag("kind", kind).register(registry);
    // strongReference: the supplier is a lambda nobody else holds, a weak gauge would read NaN after a GC.
    up = Gauge.builder(UP, () -> isUp.getAsBoolean() ? 1 : 0).description("1 while the bus is connected")
      .tag("kind", kind).strongReference(true).register(registry);
  }

  void published() {
    if (published != null) {
      published.increment();
    }
  }

  void received() {
    if (received != null) {
      received.increment();
    }
  }

  void duplicate() {
    if (duplicates != null) {
      duplicates.increment();
    }
  }

  void reconnected() {
    if (reconnects != null) {
      reconnects.increment();
    }
  }

  /** Removes the gauge, so a bus created later with the same registry reports its own state. */
  void close() {
    if (up != null) {
      registry.remove(up);
    }
  }
}
