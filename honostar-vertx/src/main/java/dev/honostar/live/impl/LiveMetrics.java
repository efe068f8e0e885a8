package dev.honostar.live.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/** The hub's meters (names documented in docs/live-updates.md). */
public final class LiveMetrics {

  final AtomicInteger connections = new AtomicInteger();
  private final MeterRegistry registry;
  private final java.util.List<Gauge> gauges;
  final Counter eventsReceived;
  final Counter sharedRenders;
  final Counter viewerRenders;
  final Counter sharedQueries;
  final Counter viewerQueries;
  final Counter presenceRenders;
  final Counter presenceQueries;
  final Counter viewsEvicted;
  final Counter renderFailures;
  final Timer renderTime;
  final Counter bytesWritten;
  final Counter superseded;
  final Counter joinsSkipped;
  final Counter slowDisconnects;
  final Counter refused;

  public LiveMetrics(MeterRegistry registry, ToDoubleFunction<Object> subscriptions, ToDoubleFunction<Object> views, Object hub) {
    this.registry = registry;
    gauges = java.util.List.of(
      Gauge.builder("honostar.live.connections", connections, AtomicInteger::get).description("Open live streams").register(registry),
      Gauge.builder("honostar.live.subscriptions", hub, subscriptions).description("Topic subscriptions of open streams").register(registry),
      Gauge.builder("honostar.live.views", hub, views).description("Distinct views (query, topic, view key) with tabs").register(registry));
    eventsReceived = Counter.builder("honostar.live.events.received").description("Domain events received for subscribed topics").register(registry);
    sharedRenders = Counter.builder("honostar.live.renders").tag("scope", "shared").description("Region renders").register(registry);
    viewerRenders = Counter.builder("honostar.live.renders").tag("scope", "viewer").description("Region renders").register(registry);
    sharedQueries = Counter.builder("honostar.live.queries").tag("scope", "shared").description("Query loads for live regions").register(registry);
    viewerQueries = Counter.builder("honostar.live.queries").tag("scope", "viewer").description("Query loads for live regions").register(registry);
    // Presence regions apart: they render on joins and leaves, which a count of an event's renders must not include.
    presenceRenders = Counter.builder("honostar.live.renders").tag("scope", "presence").description("Region renders").register(registry);
    presenceQueries = Counter.builder("honostar.live.queries").tag("scope", "presence").description("Query loads for live regions").register(registry);
    viewsEvicted = Counter.builder("honostar.live.views.evicted").description("Kept renders dropped by the maxCachedViews bound").register(registry);
    renderFailures = Counter.builder("honostar.live.render.failures").description("Queries or renders that failed").register(registry);
    renderTime = Timer.builder("honostar.live.render.time").description("Query plus render time per topic").register(registry);
    bytesWritten = Counter.builder("honostar.live.bytes.written").baseUnit("bytes").description("SSE bytes handed to sockets").register(registry);
    superseded = Counter.builder("honostar.live.patches.superseded").description("Patches dropped for a slow client because a newer one replaced them").register(registry);
    joinsSkipped = Counter.builder("honostar.live.joins.skipped").description("Regions not sent to a joining tab because its page already showed them").register(registry);
    slowDisconnects = Counter.builder("honostar.live.slow.disconnects").description("Streams closed because the client stopped reading").register(registry);
    refused = Counter.builder("honostar.live.refused").description("Stream requests refused (token, limits, draining)").register(registry);
  }

  /**
   * Removes this hub's gauges. Counters stay: hubs sharing a registry share them (they add up).
   * Gauges of several hubs in one registry would collide (the first wins), so apps running
   * several instances give each its own registry, tagged, as the verticles module does.
   */
  void close() {
    gauges.forEach(registry::remove);
  }

  /** @return the number of shared renders so far */
  public double sharedRenderCount() {
    return sharedRenders.count();
  }
}
