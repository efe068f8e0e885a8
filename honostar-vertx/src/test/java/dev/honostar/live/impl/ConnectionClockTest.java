package dev.honostar.live.impl;

import dev.honostar.bus.BusOptions;
import dev.honostar.bus.TopicBus;
import dev.honostar.live.LiveOptions;
import dev.honostar.protocol.SseEvent;
import dev.honostar.security.TopicGrant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadlines of live streams run on one clock per event loop, not on timers per stream. */
class ConnectionClockTest {

  private Vertx vertx;
  private LiveHub hub;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    meters = new SimpleMeterRegistry();
    TopicBus bus = TopicBus.create(vertx, new BusOptions(), meters).await(10, TimeUnit.SECONDS);
    LiveOptions options = new LiveOptions().setHeartbeatMillis(50).setSlowConsumerMillis(100);
    hub = new LiveHub(vertx, options, bus, null, null, meters);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theTickIsASecondUnlessAnIntervalIsShorter() {
    assertThat(ConnectionClock.tickMillis(new LiveOptions())).isEqualTo(1000);
    assertThat(ConnectionClock.tickMillis(new LiveOptions().setHeartbeatMillis(0).setMaxLifetimeMillis(0))).isEqualTo(1000);
    assertThat(ConnectionClock.tickMillis(new LiveOptions().setHeartbeatMillis(250))).isEqualTo(250);
    assertThat(ConnectionClock.tickMillis(new LiveOptions().setMaxLifetimeMillis(400))).isEqualTo(400);
    assertThat(ConnectionClock.tickMillis(new LiveOptions().setSlowConsumerMillis(300))).isEqualTo(300);
    assertThat(ConnectionClock.tickMillis(new LiveOptions().setHeartbeatMillis(1))).isEqualTo(ConnectionClock.MIN_TICK_MILLIS);
  }

  @Test
  void manyStreamsOnOneLoopShareOneClockAndOneTimer() throws Exception {
    Context loop = vertx.getOrCreateContext();
    List<FakeSse> streams = new ArrayList<>();
    List<LiveConnection> conns = new ArrayList<>();
    ConnectionClock clock = on(loop, () -> {
      for (int i = 0; i < 200; i++) {
        FakeSse sse = new FakeSse();
        LiveConnection conn = open(loop, sse, 50, 0, 60_000, c -> 60_000);
        streams.add(sse);
        conns.add(conn);
      }
      return conns.get(0).clock;
    });
    assertThat(hub.clockCount()).isEqualTo(1);
    assertThat(on(loop, () -> conns.stream().allMatch(c -> c.clock == clock))).isTrue();
    assertThat(on(loop, clock::size)).isEqualTo(200);
    assertThat(on(loop, clock::timersStarted)).as("Vert.x timers for 200 streams").isEqualTo(1);

    await(() -> streams.stream().allMatch(s -> s.heartbeats.get() >= 2));

    // The clock stops with the last stream, and the hub forgets it.
    on(loop, () -> {
      streams.forEach(FakeSse::close);
      return null;
    });
    assertThat(on(loop, clock::size)).isZero();
    assertThat(on(loop, clock::running)).isFalse();
    assertThat(hub.clockCount()).isZero();
    int before = streams.get(0).heartbeats.get();
    Thread.sleep(200);
    assertThat(streams.get(0).heartbeats.get()).as("no heartbeats after close").isEqualTo(before);
    assertThat(conns).allMatch(c -> c.clock == null);
  }

  @Test
  void eachEventLoopHasItsOwnClock() throws Exception {
    List<Context> contexts = twoEventLoops(vertx);
    Context a = contexts.get(0);
    Context b = contexts.get(1);
    String threadA = on(a, () -> Thread.currentThread().getName());
    String threadB = on(b, () -> Thread.currentThread().getName());
    assertThat(threadA).isNotEqualTo(threadB);
    on(a, () -> open(a, new FakeSse(), 50, 0, 60_000, c -> 60_000));
    on(a, () -> open(a, new FakeSse(), 50, 0, 60_000, c -> 60_000));
    on(b, () -> open(b, new FakeSse(), 50, 0, 60_000, c -> 60_000));
    assertThat(hub.clockCount()).isEqualTo(2);
  }

  @Test
  void lifetimeRefreshAndSlowConsumerDeadlines() throws Exception {
    Context loop = vertx.getOrCreateContext();
    FakeSse ending = new FakeSse();
    FakeSse refreshed = new FakeSse();
    FakeSse stuck = new FakeSse();
    AtomicInteger refreshes = new AtomicInteger();
    on(loop, () -> {
      open(loop, ending, 0, 150, 60_000, c -> 60_000);
      open(loop, refreshed, 0, 0, 100, c -> {
        refreshes.incrementAndGet();
        return 100;
      });
      LiveConnection slow = open(loop, stuck, 0, 0, 60_000, c -> 60_000);
      stuck.full = true;
      slow.offer(LiveConnection.Patches.of(List.of(new LiveConnection.Keyed("r", SseEvent.comment("patch"), null))));
      return null;
    });
    await(() -> ending.ended);
    await(() -> refreshes.get() >= 3);
    await(() -> stuck.closed);
    assertThat(meters.find("honostar.live.slow.disconnects").counter().count()).isEqualTo(1);
    assertThat(stuck.ended).as("a slow consumer is closed, not ended").isFalse();
    assertThat(refreshed.closed).isFalse();
  }

  /** Opens a stream as the endpoint does: deadlines set, then driven by the loop's clock. */
  private LiveConnection open(Context loop, FakeSse sse, long heartbeatMillis, long lifetimeMillis, long refreshMillis,
                              LiveConnection.Refresher refresher) {
    TopicGrant grant = new TopicGrant(List.of("t"), "/p", "subject", Instant.now().plusSeconds(60));
    LiveConnection conn = new LiveConnection(loop, sse, null, null, new LivePage("/p", Map.of()), grant, hub.metrics(), 100);
    sse.closeHandler(v -> conn.leaveClock());
    conn.deadlines(System.nanoTime(), heartbeatMillis, lifetimeMillis, refreshMillis, refresher);
    hub.clock(conn).add(conn);
    return conn;
  }

  /** @return the contexts of two verticle instances, which get event loops round-robin */
  static List<Context> twoEventLoops(Vertx vertx) throws Exception {
    List<Context> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new io.vertx.core.DeploymentOptions().setInstances(2)).await(10, TimeUnit.SECONDS);
    return contexts;
  }

  static <T> T on(Context context, Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(work.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
