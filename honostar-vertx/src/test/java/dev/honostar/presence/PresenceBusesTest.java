package dev.honostar.presence;

import static dev.honostar.bus.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.bus.HazelcastClustering;
import dev.honostar.bus.TestSupport;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three nodes on each kind of bus (one Vert.x for the local bus, three Hazelcast members in this
 * JVM, the shared Redis and NATS servers), members joining and leaving on each, then one node's
 * bus dies without a goodbye: every node's set converges to the true one, the dead node's
 * members within ttl + heartbeat / 2.
 */
class PresenceBusesTest {

  private static final PresenceOptions FAST = new PresenceOptions().setHeartbeatMillis(200).setTtlMillis(600).setLeaveGraceMillis(100);
  private final List<Runnable> cleanup = new ArrayList<>();

  @AfterEach
  void tearDown() {
    Collections.reverse(cleanup);
    cleanup.forEach(Runnable::run);
  }

  private record Node(Vertx vertx, TopicBus bus, Presence presence) {
  }

  private List<Node> nodes(BusKind kind) {
    String prefix = TestSupport.uniquePrefix();
    List<Node> nodes = new ArrayList<>();
    if (kind == BusKind.CLUSTERED) {
      String cluster = "hstest-" + UUID.randomUUID().toString().substring(0, 8);
      List<Integer> ports = List.of(TestSupport.freePort(), TestSupport.freePort(), TestSupport.freePort());
      List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
      List<Vertx> instances = new ArrayList<>();
      // Closed together, as ClusteredBusTest does: one by one, each member waits for the cluster to rebalance.
      cleanup.add(() -> await(Future.join(instances.stream().map(Vertx::close).toList()), 90_000));
      for (int port : ports) {
        // One after the other: members starting at once could each form their own cluster.
        Vertx vertx = await(HazelcastClustering.clusteredVertx(new HazelcastClusterOptions().setClusterName(cluster)
          .setHost("127.0.0.1").setPort(port).setMembers(members), new VertxOptions()), 60_000);
        instances.add(vertx);
        nodes.add(node(vertx, new BusOptions().setPrefix(prefix).setKind(BusKind.CLUSTERED)));
      }
      return nodes;
    }
    Vertx vertx = Vertx.vertx();
    cleanup.add(() -> await(vertx.close(), 30_000));
    Supplier<BusOptions> options = () -> switch (kind) {
      case REDIS -> new BusOptions().setPrefix(prefix).setRedisUrl("redis://127.0.0.1:6379");
      case NATS -> new BusOptions().setPrefix(prefix).setNatsUrl("nats://127.0.0.1:4222");
      default -> new BusOptions().setPrefix(prefix).setKind(BusKind.LOCAL);
    };
    for (int i = 0; i < 3; i++) {
      nodes.add(node(vertx, options.get()));
    }
    return nodes;
  }

  private Node node(Vertx vertx, BusOptions options) {
    TopicBus bus = await(TopicBus.create(vertx, options), 30_000);
    Presence presence = Presence.create(vertx, bus, FAST);
    cleanup.add(() -> {
      await(presence.close(), 10_000);
      await(bus.close(), 10_000);
    });
    return new Node(vertx, bus, presence);
  }

  private static Set<String> ids(Node node, Topic topic) {
    return new TreeSet<>(node.presence().current(topic).members().stream().map(PresenceMember::id).toList());
  }

  private static void awaitEveryone(List<Node> nodes, Topic topic, Set<String> expected, long timeoutMs, String what) {
    for (Node n : nodes) {
      try {
        await(TestSupport.eventually(n.vertx(), timeoutMs, what, () -> ids(n, topic).equals(expected)), timeoutMs + 1_000);
      } catch (AssertionError e) {
        throw new AssertionError(what + ": node " + n.bus().nodeId() + " has " + ids(n, topic) + ", not " + expected, e);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BusKind.class)
  void threeNodesConvergeOnJoinsLeavesAndADeadNode(BusKind kind) {
    List<Node> nodes = nodes(kind);
    Node a = nodes.get(0);
    Node b = nodes.get(1);
    Node c = nodes.get(2);
    Topic topic = Topic.of("issue", UUID.randomUUID().toString().substring(0, 8));
    List<String> eventsOnA = Collections.synchronizedList(new ArrayList<>());
    await(a.bus().subscribe(topic, (DomainEvent e) -> eventsOnA.add(e.name() + " " + e.payload().getString("id"))), 10_000);

    // Every node shows the set (an anonymous tab on each), whoever of its own tabs come and go.
    nodes.forEach(n -> n.presence().watch(topic));
    Presence.Registration aliceTab1 = a.presence().join(topic, PresenceMember.of("alice", "Alice"));
    Presence.Registration aliceTab2 = a.presence().join(topic, PresenceMember.of("alice", "Alice"));
    Presence.Registration aliceOnB = b.presence().join(topic, PresenceMember.of("alice", "Alice"));
    b.presence().join(topic, PresenceMember.of("bob", "Bob"));
    c.presence().join(topic, PresenceMember.of("carol", "Carol"));
    awaitEveryone(nodes, topic, Set.of("alice", "bob", "carol"), 10_000, "everyone");
    assertThat(a.presence().current(topic).names()).as("Alice's three tabs on two nodes count once, in name order")
      .containsExactly("Alice", "Bob", "Carol");

    aliceTab1.stop();
    aliceOnB.stop();
    // Still one tab open on A: Alice stays (checked after the grace period has passed).
    await(a.vertx().timer(FAST.getLeaveGraceMillis() * 3), 5_000);
    awaitEveryone(nodes, topic, Set.of("alice", "bob", "carol"), 2_000, "Alice still here");
    aliceTab2.stop();
    awaitEveryone(nodes, topic, Set.of("bob", "carol"), 10_000, "Alice gone");

    // C dies: its bus goes away without a goodbye, so the others must expire its members.
    long died = System.nanoTime();
    await(c.bus().close(), 10_000);
    awaitEveryone(List.of(a, b), topic, Set.of("bob"), 10_000, "Carol expired");
    long convergedMs = (System.nanoTime() - died) / 1_000_000;
    assertThat(convergedMs).as("a dead node's members expire within ttl + heartbeat / 2 (+ a margin for a busy box)")
      .isLessThan(FAST.crashBoundMillis() + 1_000);
    System.out.println("presence on " + kind + ": a dead node's members expired after " + convergedMs + " ms (bound "
      + FAST.crashBoundMillis() + " ms)");

    await(TestSupport.eventually(a.vertx(), 5_000, "Carol's leave on A", () -> eventsOnA.contains("presence.leave carol")), 6_000);
    assertThat(eventsOnA).contains("presence.join alice", "presence.join bob", "presence.join carol", "presence.leave alice");
    assertThat(eventsOnA.stream().filter("presence.join alice"::equals)).as("one join per member, however many tabs").hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = BusKind.class, names = {"LOCAL", "REDIS"})
  void aNodeThatStartsWatchingLearnsTheSetAtOnceAndMembersAsks(BusKind kind) {
    List<Node> nodes = nodes(kind);
    Topic topic = Topic.of("room", UUID.randomUUID().toString().substring(0, 8));
    nodes.get(0).presence().join(topic, PresenceMember.of("alice", "Alice"));
    awaitEveryone(nodes.subList(0, 1), topic, Set.of("alice"), 5_000, "Alice on her node");
    // B never watched: members() asks the other nodes instead of waiting for a heartbeat.
    PresenceSet asked = await(nodes.get(1).presence().members(topic), 5_000);
    assertThat(asked.names()).containsExactly("Alice");
    // A clean close says goodbye: C, watching, drops Alice long before the ttl.
    Presence.Registration watch = nodes.get(2).presence().watch(topic);
    awaitEveryone(nodes.subList(2, 3), topic, Set.of("alice"), 5_000, "Alice on C");
    long closed = System.nanoTime();
    await(nodes.get(0).presence().close(), 5_000);
    awaitEveryone(nodes.subList(2, 3), topic, Set.of(), 5_000, "Alice gone from C");
    assertThat((System.nanoTime() - closed) / 1_000_000).isLessThan(FAST.getTtlMillis());
    watch.stop();
  }
}
