package dev.honostar.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backend selection, environment overrides and the JSON form of the options. No broker needed. */
class BusOptionsTest {

  private static BusKind select(Map<String, String> env, boolean clustered) {
    return new BusOptions().applyEnvironment(env).resolveKind(clustered);
  }

  @Test
  void selectsLocalOrClusteredWithoutBrokerUrls() {
    assertThat(select(Map.of(), false)).isEqualTo(BusKind.LOCAL);
    assertThat(select(Map.of(), true)).isEqualTo(BusKind.CLUSTERED);
  }

  @Test
  void brokerUrlsWinOverClusteringAndNatsWinsOverRedis() {
    assertThat(select(Map.of("REDIS_URL", "redis://r:6379"), true)).isEqualTo(BusKind.REDIS);
    assertThat(select(Map.of("HONOSTAR_REDIS_URL", "redis://r:6379"), false)).isEqualTo(BusKind.REDIS);
    assertThat(select(Map.of("NATS_URL", "nats://n:4222"), true)).isEqualTo(BusKind.NATS);
    assertThat(select(Map.of("NATS_URL", "nats://n:4222", "HONOSTAR_REDIS_URL", "redis://r"), false))
      .isEqualTo(BusKind.NATS);
  }

  @Test
  void honostarVariablesWinOverGenericOnes() {
    BusOptions o = new BusOptions().applyEnvironment(Map.of(
      "NATS_URL", "nats://generic:4222", "HONOSTAR_NATS_URL", "nats://ours:4222",
      "REDIS_URL", "redis://generic", "HONOSTAR_REDIS_URL", "redis://ours"));
    assertThat(o.getNatsUrl()).isEqualTo("nats://ours:4222");
    assertThat(o.getRedisUrl()).isEqualTo("redis://ours");
  }

  @Test
  void explicitKindWins() {
    assertThat(select(Map.of("HONOSTAR_BUS", "redis", "NATS_URL", "nats://n"), true)).isEqualTo(BusKind.REDIS);
    assertThat(select(Map.of("HONOSTAR_BUS", "LOCAL", "NATS_URL", "nats://n"), true)).isEqualTo(BusKind.LOCAL);
    assertThat(new BusOptions().setKind(BusKind.CLUSTERED).setNatsUrl("nats://n").resolveKind(false))
      .isEqualTo(BusKind.CLUSTERED);
  }

  @Test
  void blankVariablesAreIgnored() {
    assertThat(select(Map.of("HONOSTAR_BUS", " ", "NATS_URL", "", "REDIS_URL", "  "), false)).isEqualTo(BusKind.LOCAL);
  }

  @Test
  void environmentOverridesTheRest() {
    BusOptions o = new BusOptions().setPrefix("fromconfig").applyEnvironment(Map.of(
      "HONOSTAR_BUS_PREFIX", "app1", "HONOSTAR_BUS_RECONNECT_MIN_MS", "20", "HONOSTAR_BUS_RECONNECT_MAX_MS", "3000",
      "HONOSTAR_BUS_CONNECT_TIMEOUT_MS", "1500", "HONOSTAR_BUS_NODE_ID", "node-7"));
    assertThat(o.getPrefix()).isEqualTo("app1");
    assertThat(o.getReconnectBackoffMin()).isEqualTo(20);
    assertThat(o.getReconnectBackoffMax()).isEqualTo(3000);
    assertThat(o.getConnectTimeout()).isEqualTo(1500);
    assertThat(o.getNodeId()).isEqualTo("node-7");
  }

  @Test
  void invalidEnvironmentValuesAreRejectedClearly() {
    assertThatThrownBy(() -> new BusOptions().applyEnvironment(Map.of("HONOSTAR_BUS", "kafka")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka").hasMessageContaining("nats");
    assertThatThrownBy(() -> new BusOptions().applyEnvironment(Map.of("HONOSTAR_BUS_RECONNECT_MIN_MS", "soon")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HONOSTAR_BUS_RECONNECT_MIN_MS");
    assertThatThrownBy(() -> new BusOptions().applyEnvironment(Map.of("HONOSTAR_BUS_PREFIX", "my app")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
  }

  @Test
  void jsonRoundTrip() {
    BusOptions o = new BusOptions().setKind(BusKind.NATS).setPrefix("p1").setNatsUrl("nats://n:4222")
      .setRedisUrl("redis://r").setReconnectBackoffMin(5).setReconnectBackoffMax(50).setConnectTimeout(99)
      .setNodeId("n1");
    JsonObject json = o.toJson();
    assertThat(json.getString("kind")).isEqualTo("nats");
    assertThat(new BusOptions(json).toJson()).isEqualTo(json);
    assertThat(new BusOptions(new JsonObject()).toJson()).isEqualTo(new BusOptions().toJson());
    assertThat(new BusOptions().getPrefix()).isEqualTo(BusOptions.DEFAULT_PREFIX);
  }

  @Test
  void domainEventJsonRoundTrip() {
    DomainEvent e = new DomainEvent(Topic.of("t.1"), "n", new JsonObject().put("a", 1), "origin-1", 42L);
    assertThat(DomainEvent.fromJson(e.toJson())).isEqualTo(e);
    assertThat(DomainEvent.fromJson(e.toJson().put("future", "field"))).isEqualTo(e);
    assertThatThrownBy(() -> DomainEvent.fromJson(new JsonObject().put("topic", "t")))
      .isInstanceOf(IllegalArgumentException.class);
    DomainEvent traced = e.withTraceContext(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    assertThat(traced.toJson().getJsonObject("trace").getString("traceparent")).startsWith("00-0af7");
    assertThat(DomainEvent.fromJson(traced.toJson())).isEqualTo(traced);
    assertThat(traced.copy().withOrigin("o2").traceContext()).isEqualTo(traced.traceContext());
    // A malformed trace field costs the trace, never the event.
    assertThat(DomainEvent.fromJson(e.toJson().put("trace", "garbage"))).isEqualTo(e);
    assertThat(DomainEvent.fromJson(e.toJson().put("trace", new JsonObject().put("traceparent", 7))).traceContext()).isEmpty();
  }

  @Test
  void domainEventIdsTravelAndSurviveCopies() {
    DomainEvent e = DomainEvent.of("t.1", "n");
    assertThat(e.id()).isNotEmpty().isNotEqualTo(DomainEvent.of("t.1", "n").id());
    assertThat(DomainEvent.fromJson(e.toJson())).isEqualTo(e);
    assertThat(e.withOrigin("node").copy().id()).isEqualTo(e.id());
    assertThat(new DomainEvent(Topic.of("t.1"), "n", null, null, 1L).toJson().containsKey("id")).as("no id, none on the wire").isFalse();
  }

  @Test
  void hazelcastOptionsFromEnvironmentAndJson() {
    HazelcastClusterOptions o = new HazelcastClusterOptions().applyEnvironment(Map.of(
      "HONOSTAR_HZ_CLUSTER", "c1", "HONOSTAR_HZ_HOST", "127.0.0.1", "HONOSTAR_HZ_PORT", "5801",
      "HONOSTAR_HZ_MEMBERS", "127.0.0.1:5801, 127.0.0.1:5802"));
    assertThat(o.getMembers()).containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
    assertThat(new HazelcastClusterOptions(o.toJson()).toJson()).isEqualTo(o.toJson());

    Config tcp = HazelcastClustering.config(o);
    JoinConfig join = tcp.getNetworkConfig().getJoin();
    assertThat(tcp.getClusterName()).isEqualTo("c1");
    assertThat(tcp.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(tcp.getProperty("hazelcast.wait.seconds.before.join")).isEqualTo("0");
    assertThat(tcp.getProperty("hazelcast.max.wait.seconds.before.join")).isEqualTo("0");
    assertThat(tcp.getMultiMapConfigs()).containsKey("__vertx.subs");

    Config k8s = HazelcastClustering.config(new HazelcastClusterOptions().applyEnvironment(Map.of(
      "HONOSTAR_HZ_K8S_SERVICE", "shop-hz", "POD_NAMESPACE", "shop")));
    JoinConfig kjoin = k8s.getNetworkConfig().getJoin();
    assertThat(kjoin.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(kjoin.getKubernetesConfig().getProperty("service-name")).isEqualTo("shop-hz");
    assertThat(kjoin.getKubernetesConfig().getProperty("namespace")).isEqualTo("shop");
    assertThat(kjoin.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(kjoin.getMulticastConfig().isEnabled()).isFalse();
    assertThat(List.of(o.getPort())).containsExactly(5801);
  }
}
