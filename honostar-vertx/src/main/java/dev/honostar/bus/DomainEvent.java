package dev.honostar.bus;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A domain event: something that changed on a topic.
 *
 * <p>Events are plain data. On the wire they are the JSON object of {@link #toJson()}:
 * {@code {"topic":"board:42","name":"card.moved","payload":{...},"origin":"<node id>","timestamp":1712345678901,"id":"<uuid>"}}.
 * The bus sets {@code origin} to the publishing node's id; handlers must treat {@code payload} as read-only (each
 * handler receives its own copy).
 *
 * <p>An event published while a trace is active also carries that trace's W3C context under {@code "trace"}, e.g.
 * {@code "trace":{"traceparent":"00-4bf9…-00f0…-01"}}, so the spans of every node that handles it join the same
 * trace (see docs/observability.md). The field is absent otherwise; nodes that do not trace ignore it.
 *
 * <p>Events made by {@link #of} carry a random {@link #id()}: a node delivers an id at most once, so a publisher that
 * is not sure an event went out (the outbox relay after a crash) may publish it again.
 *
 * <pre>{@code
 * bus.publish(DomainEvent.of(Topic.of("board", 42), "card.moved", new JsonObject().put("card", 7).put("to", "done")));
 * }</pre>
 *
 * @param topic where the event is published; never null (a {@link Topic} is valid by construction)
 * @param name what happened, free text (e.g. {@code card.moved}); never null
 * @param payload event data; never null (empty object when absent)
 * @param origin id of the node that published the event, or {@code ""} before it was published
 * @param timestamp creation time in epoch milliseconds
 * @param id unique id of the event, or {@code ""} for none (then it is never deduplicated); at most 100 characters
 * @param traceContext W3C trace-context headers ({@code traceparent}, {@code tracestate}) of the trace that published
 *     the event; empty when none
 */
public record DomainEvent(Topic topic, String name, JsonObject payload, String origin, long timestamp, String id,
                          Map<String, String> traceContext) {

  public DomainEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(name, "name");
    payload = payload == null ? new JsonObject() : payload;
    origin = origin == null ? "" : origin;
    id = id == null ? "" : id;
    if (id.length() > 100) {
      throw new IllegalArgumentException("Domain event id longer than 100 characters");
    }
    traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
  }

  /** An event with an id and no trace context. */
  public DomainEvent(Topic topic, String name, JsonObject payload, String origin, long timestamp, String id) {
    this(topic, name, payload, origin, timestamp, id, Map.of());
  }

  /** An event without an id (never deduplicated), as before events had ids. */
  public DomainEvent(Topic topic, String name, JsonObject payload, String origin, long timestamp) {
    this(topic, name, payload, origin, timestamp, "");
  }

  /** A new event stamped with the current time, a random id and no origin yet (the bus sets it on publish). */
  public static DomainEvent of(Topic topic, String name, JsonObject payload) {
    return new DomainEvent(topic, name, payload, "", System.currentTimeMillis(), UUID.randomUUID().toString());
  }

  /**
   * As {@link #of(Topic, String, JsonObject)}, the topic given by its name.
   *
   * @throws IllegalArgumentException when {@code topic} is not a valid topic name ({@link Topic#of(String)})
   */
  public static DomainEvent of(String topic, String name, JsonObject payload) {
    return of(Topic.of(topic), name, payload);
  }

  /** This event with another id (e.g. the outbox row's, so every publication of the row is one event). */
  public DomainEvent withId(String id) {
    return new DomainEvent(topic, name, payload, origin, timestamp, id, traceContext);
  }

  /** A new event with an empty payload. */
  public static DomainEvent of(Topic topic, String name) {
    return of(topic, name, new JsonObject());
  }

  /** A new event with an empty payload, the topic given by its name (validated as {@link Topic#of(String)}). */
  public static DomainEvent of(String topic, String name) {
    return of(Topic.of(topic), name, new JsonObject());
  }

  /** This event tagged with another origin node id. */
  public DomainEvent withOrigin(String origin) {
    return new DomainEvent(topic, name, payload, origin, timestamp, id, traceContext);
  }

  /** This event carrying other W3C trace-context headers (an empty map removes them). */
  public DomainEvent withTraceContext(Map<String, String> traceContext) {
    return new DomainEvent(topic, name, payload, origin, timestamp, id, traceContext);
  }

  /** A copy whose payload may be mutated without affecting this event. */
  public DomainEvent copy() {
    return new DomainEvent(topic, name, payload.copy(), origin, timestamp, id, traceContext);
  }

  /** The wire format: {@code topic}, {@code name}, {@code payload}, {@code origin}, {@code timestamp}, {@code id} (when set) and {@code trace} (when there is a trace context). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("topic", topic.name())
      .put("name", name)
      .put("payload", payload)
      .put("origin", origin)
      .put("timestamp", timestamp);
    if (!id.isEmpty()) {
      json.put("id", id);
    }
    if (!traceContext.isEmpty()) {
      json.put("trace", new JsonObject(new HashMap<>(traceContext)));
    }
    return json;
  }

  /**
   * Reads the wire format; unknown fields are ignored so newer nodes can add fields.
   *
   * @throws IllegalArgumentException when {@code topic} or {@code name} is missing or the topic is invalid
   */
  public static DomainEvent fromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    String name = json.getString("name");
    if (name == null) {
      throw new IllegalArgumentException("Domain event without a name: " + json.encode());
    }
    String topic = json.getString("topic");
    if (topic == null) {
      throw new IllegalArgumentException("Domain event without a topic: " + json.encode());
    }
    Long ts = json.getLong("timestamp");
    return new DomainEvent(Topic.of(topic), name, json.getJsonObject("payload"), json.getString("origin"),
      ts == null ? 0L : ts, json.getString("id"), traceContextOf(json.getValue("trace")));
  }

  /** Only string headers count: a malformed trace field loses the trace, never the event. */
  private static Map<String, String> traceContextOf(Object trace) {
    if (!(trace instanceof JsonObject headers)) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    headers.forEach(e -> {
      if (e.getValue() instanceof String value) {
        out.put(e.getKey(), value);
      }
    });
    return out;
  }
}
