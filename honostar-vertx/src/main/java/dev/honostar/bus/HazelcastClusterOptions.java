package dev.honostar.bus;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * How a node joins a Hazelcast cluster for the {@link BusKind#CLUSTERED} bus; turned into a Hazelcast config by
 * {@link HazelcastClustering}.
 *
 * <p>Two setups: a TCP-IP member list (several processes on one machine, tests, fixed hosts), or Kubernetes discovery
 * through the API server (a headless service selecting the app's pods). Multicast is off unless enabled. Environment:
 * {@code HONOSTAR_HZ_CLUSTER_NAME}, {@code HONOSTAR_HZ_HOST}, {@code HONOSTAR_HZ_PORT}, {@code HONOSTAR_HZ_MEMBERS}
 * (comma separated {@code host:port}), {@code HONOSTAR_HZ_KUBERNETES_SERVICE_NAME} (enables Kubernetes discovery),
 * {@code HONOSTAR_HZ_KUBERNETES_NAMESPACE} (else {@code POD_NAMESPACE}); see {@link #SCHEMA}.
 *
 * <pre>{@code
 * HazelcastClusterOptions hz = new HazelcastClusterOptions()
 *   .setHost("127.0.0.1").setPort(5701)
 *   .setMembers(List.of("127.0.0.1:5701", "127.0.0.1:5702"));
 * HazelcastClustering.clusteredVertx(hz, new VertxOptions()).compose(vertx -> TopicBus.create(vertx, new BusOptions()));
 * }</pre>
 */
public class HazelcastClusterOptions {

  public static final String DEFAULT_CLUSTER_NAME = "honostar";
  public static final int DEFAULT_PORT = 5701;
  public static final boolean DEFAULT_PORT_AUTO_INCREMENT = false;
  public static final boolean DEFAULT_MULTICAST = false;
  public static final boolean DEFAULT_FAST_JOIN = true;

  private String clusterName = DEFAULT_CLUSTER_NAME;
  private String host;
  private int port = DEFAULT_PORT;
  private boolean portAutoIncrement = DEFAULT_PORT_AUTO_INCREMENT;
  private List<String> members = new ArrayList<>();
  private boolean multicast = DEFAULT_MULTICAST;
  private String kubernetesServiceName;
  private String kubernetesNamespace;
  private boolean fastJoin = DEFAULT_FAST_JOIN;

  /** JSON keys and {@code HONOSTAR_HZ_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<HazelcastClusterOptions> SCHEMA = OptionsSchema.builder("hz", HazelcastClusterOptions::new)
    .string("clusterName", HazelcastClusterOptions::getClusterName, HazelcastClusterOptions::setClusterName,
      "Cluster name; nodes with another name do not join.")
    .deprecated("HONOSTAR_HZ_CLUSTER")
    .string("host", HazelcastClusterOptions::getHost, HazelcastClusterOptions::setHost, "Address this member binds and announces.")
    .integer("port", HazelcastClusterOptions::getPort, HazelcastClusterOptions::setPort, "Member port.")
    .bool("portAutoIncrement", HazelcastClusterOptions::isPortAutoIncrement, HazelcastClusterOptions::setPortAutoIncrement,
      "Try the next ports when the port is taken.")
    .list("members", HazelcastClusterOptions::getMembers, HazelcastClusterOptions::setMembers,
      "TCP-IP join: host:port of members to contact.")
    .bool("multicast", HazelcastClusterOptions::isMulticast, HazelcastClusterOptions::setMulticast, "Multicast discovery.")
    .string("kubernetesServiceName", HazelcastClusterOptions::getKubernetesServiceName,
      HazelcastClusterOptions::setKubernetesServiceName, "Enables Kubernetes discovery: the headless service of the members.")
    .deprecated("HONOSTAR_HZ_K8S_SERVICE")
    .string("kubernetesNamespace", HazelcastClusterOptions::getKubernetesNamespace,
      HazelcastClusterOptions::setKubernetesNamespace, "Namespace of the service; unset: the pod's own.")
    .deprecated("HONOSTAR_HZ_K8S_NAMESPACE").fallback("POD_NAMESPACE")
    .bool("fastJoin", HazelcastClusterOptions::isFastJoin, HazelcastClusterOptions::setFastJoin,
      "Zeroes Hazelcast's join waits so a small cluster forms in seconds.")
    .build();

  public HazelcastClusterOptions() {
  }

  /** Reads the keys written by {@link #toJson()}. */
  public HazelcastClusterOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  /** Overrides options with the {@code HONOSTAR_HZ_*} variables that are set (see the class comment). */
  public HazelcastClusterOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  public String getClusterName() {
    return clusterName;
  }

  /** Members join only clusters of the same name. */
  public HazelcastClusterOptions setClusterName(String clusterName) {
    this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
    return this;
  }

  public String getHost() {
    return host;
  }

  /**
   * The interface address Hazelcast binds to and the Vert.x event bus advertises (e.g. {@code 127.0.0.1} or the pod
   * IP); null lets Hazelcast pick one.
   */
  public HazelcastClusterOptions setHost(String host) {
    this.host = host == null || host.isBlank() ? null : host.trim();
    return this;
  }

  public int getPort() {
    return port;
  }

  /** The Hazelcast member port. */
  public HazelcastClusterOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid Hazelcast port " + port);
    }
    this.port = port;
    return this;
  }

  public boolean isPortAutoIncrement() {
    return portAutoIncrement;
  }

  /** Whether Hazelcast may try the next ports when the port is taken. */
  public HazelcastClusterOptions setPortAutoIncrement(boolean portAutoIncrement) {
    this.portAutoIncrement = portAutoIncrement;
    return this;
  }

  public List<String> getMembers() {
    return members;
  }

  /** TCP-IP join: {@code host:port} of members to contact (this node may be listed too). */
  public HazelcastClusterOptions setMembers(List<String> members) {
    this.members = new ArrayList<>(members == null ? List.of() : members);
    this.members.removeIf(String::isBlank);
    return this;
  }

  public boolean isMulticast() {
    return multicast;
  }

  /** Multicast discovery; off by default because it finds foreign clusters on shared networks. */
  public HazelcastClusterOptions setMulticast(boolean multicast) {
    this.multicast = multicast;
    return this;
  }

  public String getKubernetesServiceName() {
    return kubernetesServiceName;
  }

  /** Enables Kubernetes discovery: the (headless) service whose endpoints are the members. */
  public HazelcastClusterOptions setKubernetesServiceName(String kubernetesServiceName) {
    this.kubernetesServiceName = kubernetesServiceName == null || kubernetesServiceName.isBlank()
      ? null : kubernetesServiceName.trim();
    return this;
  }

  public String getKubernetesNamespace() {
    return kubernetesNamespace;
  }

  /** The namespace of the service; null uses the pod's own namespace. */
  public HazelcastClusterOptions setKubernetesNamespace(String kubernetesNamespace) {
    this.kubernetesNamespace = kubernetesNamespace == null || kubernetesNamespace.isBlank()
      ? null : kubernetesNamespace.trim();
    return this;
  }

  public boolean isFastJoin() {
    return fastJoin;
  }

  /**
   * Zeroes Hazelcast's join waits ({@code hazelcast.wait.seconds.before.join}, {@code
   * hazelcast.max.wait.seconds.before.join}), so a small cluster forms in seconds instead of tens of seconds.
   */
  public HazelcastClusterOptions setFastJoin(boolean fastJoin) {
    this.fastJoin = fastJoin;
    return this;
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }
}
