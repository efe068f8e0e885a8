package dev.honostar.live.impl;

import dev.honostar.bus.BusOptions;
import dev.honostar.bus.TopicBus;
import dev.honostar.live.LiveOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.TimeUnit;

/** A hub on a local bus, without views or pages: for tests of channels and connections. */
abstract class HubFixture {

  Vertx vertx;
  LiveHub hub;

  @BeforeEach
  void startHub() throws Exception {
    vertx = Vertx.vertx();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TopicBus bus = TopicBus.create(vertx, new BusOptions(), meters).await(10, TimeUnit.SECONDS);
    hub = new LiveHub(vertx, new LiveOptions(), bus, null, null, meters);
  }

  @AfterEach
  void stopHub() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
