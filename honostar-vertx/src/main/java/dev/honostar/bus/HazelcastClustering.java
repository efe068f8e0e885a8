package dev.honostar.bus;

import dev.honostar.bus.impl.HazelcastConfigs;
import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;

/**
 * Builds Hazelcast configuration and clustered Vert.x instances for the {@link BusKind#CLUSTERED} bus. Needs
 * {@code io.vertx:vertx-hazelcast} on the class path.
 *
 * <pre>{@code
 * HazelcastClusterOptions hz = new HazelcastClusterOptions().applyEnvironment(System.getenv());
 * HazelcastClustering.clusteredVertx(hz, new VertxOptions())
 *   .compose(vertx -> TopicBus.create(vertx, new BusOptions()))   // CLUSTERED, since vertx.isClustered()
 *   .onSuccess(bus -> bus.publish(DomainEvent.of("news", "hello")));
 * }</pre>
 */
public interface HazelcastClustering {

  /**
   * A Hazelcast config: Vert.x' defaults ({@code cluster.xml} on the class path, else the built-in one) with the join
   * method, interface, port and join timing of {@code options}.
   */
  static Config config(HazelcastClusterOptions options) {
    return HazelcastConfigs.config(options);
  }

  /** A {@code HazelcastClusterManager} using {@link #config(HazelcastClusterOptions)}. */
  static ClusterManager clusterManager(HazelcastClusterOptions options) {
    return HazelcastConfigs.clusterManager(options);
  }

  /**
   * Starts a clustered Vert.x instance: the cluster manager of {@code options}, and the event bus bound to
   * {@link HazelcastClusterOptions#getHost()} when set (the address other nodes use to reach this one).
   */
  static Future<Vertx> clusteredVertx(HazelcastClusterOptions options, VertxOptions vertxOptions) {
    return HazelcastConfigs.clusteredVertx(options, vertxOptions);
  }
}
