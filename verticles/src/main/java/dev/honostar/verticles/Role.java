package dev.honostar.verticles;

import java.util.Locale;

/**
 * What a node serves. Every role runs the same app from the same jar; the role only decides
 * which requests the node answers, so an operator can split one deployment into two tiers that
 * scale on their own:
 *
 * <pre>
 * HONOSTAR_ROLE=app  java -jar app.jar    # pages, commands, assets: publishes domain events
 * HONOSTAR_ROLE=live java -jar app.jar    # the live stream path (/_/events): subscribes, renders, streams
 * java -jar app.jar                       # all: both, in one process (the default)
 * </pre>
 *
 * The tiers need a bus that crosses processes (Redis, NATS or a Hazelcast cluster) and a
 * session store both tiers see (docs/scaling.md).
 */
public enum Role {
  /** Pages, commands and live streams: one process does everything (the default). */
  ALL,
  /** Pages, commands and assets; the live stream path answers 404. */
  APP,
  /** Only the live stream path (and the ops endpoints); every other path answers 404. */
  LIVE;

  /** Config key of the role in the verticle's config. */
  public static final String CONFIG_KEY = "role";
  /** Environment variable of the role; wins over the config. */
  public static final String ENV = "HONOSTAR_ROLE";
  public static final Role DEFAULT = ALL;

  /** @return whether this role answers the live stream path */
  public boolean servesStreams() {
    return this != APP;
  }

  /** @return whether this role answers pages, commands and assets */
  public boolean servesPages() {
    return this != LIVE;
  }

  /**
   * @param value {@code all}, {@code app} or {@code live}, any case; null or blank for the default
   * @throws IllegalArgumentException for anything else, naming the accepted values
   */
  public static Role parse(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV + " / \"" + CONFIG_KEY + "\" must be all, app or live, got '" + value + "'");
    }
  }
}
