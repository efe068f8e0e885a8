package dev.honostar.bus;

import io.vertx.core.json.JsonObject;

/**
 * A snapshot of the bus connection state.
 *
 * <p>A bus is down while its broker connection is lost (events published elsewhere are not received then) and after
 * {@link TopicBus#close()}.
 *
 * <pre>{@code
 * BusHealth h = bus.health();
 * if (!h.up()) log.warn("bus down: {}", h.message());
 * }</pre>
 *
 * @param up whether events from other nodes are currently being received
 * @param message a short human-readable reason, never containing credentials
 */
public record BusHealth(boolean up, String message) {

  public static BusHealth up(String message) {
    return new BusHealth(true, message);
  }

  public static BusHealth down(String message) {
    return new BusHealth(false, message);
  }

  public JsonObject toJson() {
    return new JsonObject().put("up", up).put("message", message);
  }
}
