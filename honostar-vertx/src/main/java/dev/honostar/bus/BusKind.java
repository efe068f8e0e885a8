package dev.honostar.bus;

import java.util.Locale;

/**
 * The transport behind a {@link TopicBus}.
 *
 * <pre>{@code
 * BusOptions options = new BusOptions().setKind(BusKind.REDIS).setRedisUrl("redis://redis:6379");
 * }</pre>
 */
public enum BusKind {
  /** The Vert.x event bus of this process only: one node, zero setup. */
  LOCAL,
  /** The clustered Vert.x event bus (Hazelcast): every node of the Vert.x cluster. */
  CLUSTERED,
  /** Redis pub/sub: every node connected to the same Redis server. */
  REDIS,
  /** NATS core pub/sub: every node connected to the same NATS server or cluster. */
  NATS;

  /** Lower-case name, as used in configuration, environment variables and metric tags. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration value ({@code local}, {@code clustered}, {@code redis}, {@code nats}), ignoring case.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static BusKind parse(String value) {
    if (value != null) {
      for (BusKind kind : values()) {
        if (kind.name().equalsIgnoreCase(value.trim())) {
          return kind;
        }
      }
    }
    throw new IllegalArgumentException("Unknown bus kind '" + value + "': expected one of local, clustered, redis, nats");
  }
}
