package dev.honostar.bus.impl;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.honostar.bus.HazelcastClusterOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** Implementation of {@link dev.honostar.bus.HazelcastClustering}. Internal API. */
public final class HazelcastConfigs {

  private HazelcastConfigs() {
  }

  public static Config config(HazelcastClusterOptions options) {
    // Start from Vert.x' config: it declares the maps Vert.x needs (__vertx.subs, __vertx.haInfo, __vertx.nodeInfo).
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(options.getClusterName());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    if (options.isFastJoin()) {
      config.setProperty("hazelcast.wait.seconds.before.join", "0");
      config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
      config.setProperty("hazelcast.tcp.join.port.try.count", "1");
    }
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.getPort()).setPortAutoIncrement(options.isPortAutoIncrement());
    if (options.getHost() != null) {
      network.getInterfaces().setEnabled(true).setInterfaces(java.util.List.of(options.getHost()));
      config.setProperty("hazelcast.local.localAddress", options.getHost());
    }
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(options.isMulticast());
    join.getTcpIpConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    if (options.getKubernetesServiceName() != null) {
      join.getKubernetesConfig().setEnabled(true).setProperty("service-name", options.getKubernetesServiceName());
      if (options.getKubernetesNamespace() != null) {
        join.getKubernetesConfig().setProperty("namespace", options.getKubernetesNamespace());
      }
    } else if (!options.getMembers().isEmpty()) {
      join.getTcpIpConfig().setEnabled(true).setMembers(options.getMembers());
    }
    return config;
  }

  public static ClusterManager clusterManager(HazelcastClusterOptions options) {
    return new HazelcastClusterManager(config(options));
  }

  public static Future<Vertx> clusteredVertx(HazelcastClusterOptions options, VertxOptions vertxOptions) {
    VertxOptions vo = new VertxOptions(vertxOptions);
    if (options.getHost() != null && vo.getEventBusOptions().getHost() == null) {
      vo.getEventBusOptions().setHost(options.getHost());
    }
    return Vertx.builder().with(vo).withClusterManager(clusterManager(options)).buildClustered();
  }
}
