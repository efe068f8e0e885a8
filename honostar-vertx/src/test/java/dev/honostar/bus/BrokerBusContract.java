package dev.honostar.bus;

import static dev.honostar.bus.TestSupport.await;
import static dev.honostar.bus.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Extra behaviour of the bridged backends (Redis, NATS): failing fast on an unreachable broker, surviving a broker
 * restart, and talking to a node in another JVM. The shared broker serves the contract tests; restarts use a private
 * broker on a free port.
 */
abstract class BrokerBusContract extends TopicBusContract {

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  /** URL of the shared broker. */
  protected abstract String sharedUrl();

  /** URL of a broker on 127.0.0.1:port, with credentials when {@code password} is set. */
  protected abstract String url(int port, String password);

  protected abstract BusOptions withUrl(BusOptions options, String url);

  /** Starts a private broker and returns once it accepts connections. */
  protected abstract ExternalProcess startServer(int port);

  /** The environment variable a deployed node reads the URL from. */
  protected abstract String urlEnvVar();

  @Override
  protected Future<TopicBus> createNodeA(Vertx vertx) {
    return TopicBus.create(vertx, withUrl(new BusOptions().setPrefix(prefix), sharedUrl()));
  }

  @Override
  protected Future<TopicBus> createNodeB(Vertx vertx) {
    return TopicBus.create(vertx, withUrl(new BusOptions().setPrefix(prefix), sharedUrl()));
  }

  @AfterEach
  void stopProcesses() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    cleanup.clear();
  }

  private ExternalProcess track(ExternalProcess p) {
    cleanup.add(p);
    return p;
  }

  @Test
  void createFailsClearlyWhenTheBrokerIsUnreachable(Vertx vertx) {
    int closedPort = TestSupport.freePort();
    BusOptions options = withUrl(new BusOptions().setPrefix(prefix).setConnectTimeout(2_000),
      url(closedPort, "s3cret"));
    Future<TopicBus> created = TopicBus.create(vertx, options);
    Throwable failure = null;
    try {
      await(created, 10_000);
    } catch (AssertionError e) {
      failure = e.getCause();
    }
    assertThat(failure).as("create must fail, never fall back to a local bus").isNotNull();
    assertThat(failure.getMessage())
      .contains("Cannot connect the " + expectedKind().configName() + " bus")
      .contains("127.0.0.1:" + closedPort)
      .doesNotContain("s3cret");
  }

  @Test
  void recoversAfterBrokerRestart(Vertx vertx) {
    int port = TestSupport.freePort();
    ExternalProcess first = track(startServer(port));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BusOptions options = withUrl(new BusOptions().setPrefix(prefix).setReconnectBackoffMin(50)
      .setReconnectBackoffMax(400), url(port, null));
    TopicBus a = await(TopicBus.create(vertx, options, registry), 10_000);
    TopicBus b = await(TopicBus.create(vertx, options), 10_000);
    cleanup.add(() -> await(Future.join(a.close(), b.close()), 10_000));
    String topic = "restart." + UUID.randomUUID().toString().substring(0, 8);
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    Promise<Void> reconnected = Promise.promise();
    a.reconnectHandler(v -> reconnected.tryComplete());
    await(a.subscribe(topic, ev -> received.add(ev.name())), 10_000);

    await(b.publish(DomainEvent.of(topic, "before")), 5_000);
    await(eventually(vertx, 5_000, "'before' at A", () -> received.contains("before")), 6_000);
    assertThat(registry.get("honostar.bus.up").tag("kind", expectedKind().configName()).gauge().value()).isEqualTo(1.0);

    first.kill();
    await(eventually(vertx, 10_000, "A reporting down", () -> !a.health().up()), 11_000);
    assertThat(registry.get("honostar.bus.up").gauge().value()).isEqualTo(0.0);
    assertThat(reconnected.future().isComplete()).isFalse();

    track(startServer(port));
    await(reconnected.future(), 15_000);
    assertThat(a.health().up()).as(a.health().message()).isTrue();
    assertThat(registry.get("honostar.bus.up").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("honostar.bus.reconnects").counter().count()).isEqualTo(1.0);

    await(eventually(vertx, 15_000, "B back up", () -> b.health().up()), 16_000);
    await(b.publish(DomainEvent.of(topic, "after")), 5_000);
    await(eventually(vertx, 5_000, "'after' at A", () -> received.contains("after")), 6_000);
    assertThat(received).containsExactly("before", "after");
  }

  @Test
  void reachesANodeInAnotherProcess(Vertx vertx) {
    String topic = "proc." + UUID.randomUUID().toString().substring(0, 8);
    ExternalProcess child = track(ExternalProcess.start("bus-node", BusNodeMain.command(topic), Map.of(
      "HONOSTAR_BUS", expectedKind().configName(),
      urlEnvVar(), sharedUrl(),
      "HONOSTAR_BUS_PREFIX", prefix)));
    String childId = child.awaitLine(l -> l.startsWith("READY "), 20_000).substring("READY ".length());
    List<DomainEvent> atA = Collections.synchronizedList(new ArrayList<>());
    await(busA.subscribe(topic, atA::add), 10_000);

    JsonObject payload = new JsonObject().put("card", 7).put("text", "héllo");
    await(busA.publish(DomainEvent.of(topic, "from-a", payload)), 5_000);
    DomainEvent seen = DomainEvent.fromJson(new JsonObject(
      child.awaitLine(l -> l.startsWith("EVENT "), 10_000).substring("EVENT ".length())));
    assertThat(seen.name()).isEqualTo("from-a");
    assertThat(seen.payload()).isEqualTo(payload);
    assertThat(seen.origin()).isEqualTo(busA.nodeId());

    child.send("PUBLISH from-child {\"k\":1}");
    await(eventually(vertx, 10_000, "child's event at A",
      () -> names(atA).contains("from-child")), 11_000);
    // A marker sent after the child's event proves no duplicate follows, on either side.
    await(busA.publish(DomainEvent.of(topic, "a-final")), 5_000);
    child.awaitLine(l -> l.startsWith("EVENT ") && l.contains("\"a-final\""), 10_000);
    await(eventually(vertx, 5_000, "marker at A", () -> names(atA).contains("a-final")), 6_000);

    assertThat(names(atA)).containsExactly("from-a", "from-child", "a-final");
    assertThat(atA.get(1).origin()).isEqualTo(childId);
    assertThat(atA.get(1).payload()).isEqualTo(new JsonObject().put("k", 1));
    assertThat(child.output().stream().filter(l -> l.startsWith("EVENT ") && l.contains("\"from-child\"")))
      .as("the child handles its own event once").hasSize(1);
  }

  private static List<String> names(List<DomainEvent> events) {
    synchronized (events) {
      return events.stream().map(DomainEvent::name).toList();
    }
  }
}
