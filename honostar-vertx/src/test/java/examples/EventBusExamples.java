package examples;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.ResponseType;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The snippets of docs/scaling.md#domain-events-for-plain-verticles: verticles that know nothing
 * of HonoStar publish and consume its domain events. Compiled so they cannot rot, and run by
 * {@code dev.honostar.it.PlainVerticleEventsTest} on every bus.
 */
public class EventBusExamples {

  // tag::eventBus[]
  /** Consumes the events of one topic from the Vert.x event bus (local or clustered bus). */
  public static final class AuditVerticle extends VerticleBase {
    private final String topic;
    private final Consumer<JsonObject> audit;

    public AuditVerticle(String topic, Consumer<JsonObject> audit) {
      this.topic = topic;
      this.audit = audit;
    }

    @Override
    public Future<?> start() {
      // Address: <prefix>.topic.<topic>; body: a JsonObject (built-in codec, nothing to register).
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer("honostar.topic." + topic, msg -> audit.accept(msg.body()));
      return consumer.completion();
    }
  }

  /** Publishes a domain event every live page showing the topic re-renders on. */
  public static Future<Void> publish(io.vertx.core.Vertx vertx, String topic, String name, JsonObject payload) {
    vertx.eventBus().publish("honostar.topic." + topic, event(topic, name, payload));
    return Future.succeededFuture();
  }

  /** The message: origin must not be a HonoStar node's id (a node drops its own echo), so a publisher names itself. */
  public static JsonObject event(String topic, String name, JsonObject payload) {
    return new JsonObject().put("topic", topic).put("name", name).put("payload", payload)
      .put("origin", "audit-" + UUID.randomUUID()).put("timestamp", System.currentTimeMillis());
  }
  // end::eventBus[]

  // tag::redis[]
  /** On a Redis bus: the same JSON as text on the channel {@code <prefix>.topic.<topic>}. */
  public static Future<Void> publishOnRedis(Redis redis, String topic, String name, JsonObject payload) {
    return redis.send(Request.cmd(Command.PUBLISH).arg("honostar.topic." + topic).arg(event(topic, name, payload).encode())).mapEmpty();
  }

  /** Subscribes a connection of its own (a subscribed Redis connection does nothing else). */
  public static Future<RedisConnection> consumeOnRedis(Redis redis, String topic, Consumer<JsonObject> audit) {
    return redis.connect().compose(conn -> {
      conn.handler(push -> {
        // ["message", channel, text]
        if (push.type() == ResponseType.PUSH && "message".equals(push.get(0).toString())) {
          audit.accept(new JsonObject(push.get(2).toString()));
        }
      });
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg("honostar.topic." + topic)).map(conn);
    });
  }
  // end::redis[]

  // tag::nats[]
  /** On a NATS bus: the same JSON as UTF-8 on the subject {@code <prefix>.topic.<topic>} (jnats). */
  public static void publishOnNats(Connection nats, String topic, String name, JsonObject payload) {
    nats.publish("honostar.topic." + topic, event(topic, name, payload).encode().getBytes(StandardCharsets.UTF_8));
  }

  public static Dispatcher consumeOnNats(Connection nats, String topic, Consumer<JsonObject> audit) {
    Dispatcher dispatcher = nats.createDispatcher(msg -> audit.accept(new JsonObject(new String(msg.getData(), StandardCharsets.UTF_8))));
    return dispatcher.subscribe("honostar.topic." + topic);
  }
  // end::nats[]
}
