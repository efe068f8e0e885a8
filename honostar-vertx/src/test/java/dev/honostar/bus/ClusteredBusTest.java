package dev.honostar.bus;

import static dev.honostar.bus.TestSupport.await;
import static dev.honostar.bus.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CLUSTERED: two Hazelcast-clustered Vert.x instances in this JVM (TCP-IP join on 127.0.0.1, distinct ports), and a
 * third member in a separate JVM.
 */
class ClusteredBusTest extends TopicBusContract {

  private static final String CLUSTER = "hstest-" + UUID.randomUUID().toString().substring(0, 8);
  private static final int PORT_A = TestSupport.freePort();
  private static final int PORT_B = TestSupport.freePort();
  private static final int PORT_C = TestSupport.freePort();
  private static final List<String> MEMBERS = List.of("127.0.0.1:" + PORT_A, "127.0.0.1:" + PORT_B,
    "127.0.0.1:" + PORT_C);
  private static Vertx vertxA;
  private static Vertx vertxB;
  private ExternalProcess child;

  private static HazelcastClusterOptions member(int port) {
    return new HazelcastClusterOptions().setClusterName(CLUSTER).setHost("127.0.0.1").setPort(port)
      .setMembers(MEMBERS);
  }

  @BeforeAll
  static void startCluster() {
    // One after the other: two members starting at once could each form their own cluster.
    vertxA = await(HazelcastClustering.clusteredVertx(member(PORT_A), new VertxOptions()), 30_000);
    vertxB = await(HazelcastClustering.clusteredVertx(member(PORT_B), new VertxOptions()), 30_000);
  }

  @AfterAll
  static void stopCluster() {
    Future<Void> b = vertxB == null ? Future.succeededFuture() : vertxB.close();
    Future<Void> a = vertxA == null ? Future.succeededFuture() : vertxA.close();
    await(Future.join(a, b), 30_000);
  }

  @AfterEach
  void killChild() {
    if (child != null) {
      child.close();
    }
  }

  @Override
  protected Future<TopicBus> createNodeA(Vertx ignored) {
    // No kind: a clustered Vert.x selects CLUSTERED.
    return TopicBus.create(vertxA, new BusOptions().setPrefix(prefix));
  }

  @Override
  protected Future<TopicBus> createNodeB(Vertx ignored) {
    return TopicBus.create(vertxB, new BusOptions().setPrefix(prefix).setKind(BusKind.CLUSTERED));
  }

  @Override
  protected Vertx vertxOfB(Vertx testVertx) {
    return vertxB;
  }

  @Override
  protected BusKind expectedKind() {
    return BusKind.CLUSTERED;
  }

  @Test
  void clusteredKindNeedsAClusteredVertx(Vertx plainVertx) {
    Future<TopicBus> created = TopicBus.create(plainVertx, new BusOptions().setKind(BusKind.CLUSTERED));
    Throwable failure = null;
    try {
      await(created, 5_000);
    } catch (AssertionError e) {
      failure = e.getCause();
    }
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("clustered Vert.x");
  }

  @Test
  void reachesAMemberInAnotherProcess(Vertx vertx) {
    String topic = "proc." + UUID.randomUUID().toString().substring(0, 8);
    child = ExternalProcess.start("hz-node", BusNodeMain.command(topic), Map.of(
      "HONOSTAR_BUS", "clustered",
      "HONOSTAR_BUS_PREFIX", prefix,
      "HONOSTAR_HZ_CLUSTER", CLUSTER,
      "HONOSTAR_HZ_HOST", "127.0.0.1",
      "HONOSTAR_HZ_PORT", String.valueOf(PORT_C),
      "HONOSTAR_HZ_MEMBERS", String.join(",", MEMBERS)));
    String childId = child.awaitLine(l -> l.startsWith("READY "), 40_000).substring("READY ".length());
    List<DomainEvent> atA = Collections.synchronizedList(new ArrayList<>());
    await(busA.subscribe(topic, atA::add), 10_000);

    await(busA.publish(DomainEvent.of(topic, "from-a", new JsonObject().put("x", 1))), 5_000);
    DomainEvent seen = DomainEvent.fromJson(new JsonObject(
      child.awaitLine(l -> l.startsWith("EVENT "), 10_000).substring("EVENT ".length())));
    assertThat(seen.name()).isEqualTo("from-a");
    assertThat(seen.origin()).isEqualTo(busA.nodeId());
    assertThat(seen.payload()).isEqualTo(new JsonObject().put("x", 1));

    child.send("PUBLISH from-child {\"k\":1}");
    await(eventually(vertx, 10_000, "child's event at A", () -> names(atA).contains("from-child")), 11_000);
    await(busA.publish(DomainEvent.of(topic, "a-final")), 5_000);
    child.awaitLine(l -> l.startsWith("EVENT ") && l.contains("\"a-final\""), 10_000);
    await(eventually(vertx, 5_000, "marker at A", () -> names(atA).contains("a-final")), 6_000);
    assertThat(names(atA)).containsExactly("from-a", "from-child", "a-final");
    assertThat(atA.get(1).origin()).isEqualTo(childId);
    assertThat(child.output().stream().filter(l -> l.startsWith("EVENT ") && l.contains("\"from-child\"")))
      .hasSize(1);
  }

  private static List<String> names(List<DomainEvent> events) {
    synchronized (events) {
      return events.stream().map(DomainEvent::name).toList();
    }
  }
}
