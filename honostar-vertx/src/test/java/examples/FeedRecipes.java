package examples;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.outside.Feed;
import dev.honostar.outside.FeedOptions;
import dev.honostar.outside.PushStream;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outside-source recipes of docs/live-updates.md, compiled and run by {@code FeedRecipesTest} against the real
 * NATS and Redis. Each maps a message {@code {"id":…,"order":…}} to an event on topic {@code orders}.
 */
public final class FeedRecipes {

  private FeedRecipes() {
  }

  static DomainEvent orderChanged(JsonObject message) {
    DomainEvent event = DomainEvent.of("orders", "order-changed", message);
    // The sender's id, when it gives one, lets every node drop copies of the same message.
    String id = message.getString("id");
    return id == null ? event : event.withId(id);
  }

  /** A Vert.x event-bus address: the consumer pauses natively, so the feed's backpressure reaches the sender's queue. */
  public static Feed eventBus(Vertx vertx, TopicBus bus, String address) {
    return Feed.create(vertx, bus, new FeedOptions().setName("orders-eventbus").addTopic("orders"),
      () -> Future.succeededFuture(vertx.eventBus().<JsonObject>localConsumer(address).bodyStream()),
      FeedRecipes::orderChanged);
  }

  /**
   * A Redis pub/sub channel on a connection of its own: the connection is a paused-by-TCP ReadStream; when Redis
   * drops it the feed reconnects and resyncs.
   */
  public static Feed redisChannel(Vertx vertx, TopicBus bus, Redis redis, String channel) {
    return Feed.create(vertx, bus, new FeedOptions().setName("orders-redis").addTopic("orders"),
      () -> redis.connect().compose(conn -> conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(subscribed -> conn)),
      (Response push) -> {
        // ["message", channel, payload]; subscribe confirmations are skipped.
        if (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI || !"message".equals(push.get(0).toString())) {
          return null;
        }
        return orderChanged(new JsonObject(push.get(2).toString()));
      });
  }

  /**
   * A NATS subject. jnats pushes on its own thread and reconnects by itself; the PushStream buffers while the feed is
   * paused, and ends when NATS disconnects, so the feed opens it again (once NATS is back) and resyncs.
   */
  public static Feed natsSubject(Vertx vertx, TopicBus bus, Connection nats, String subject) {
    AtomicReference<PushStream<Message>> current = new AtomicReference<>();
    nats.addConnectionListener((conn, type) -> {
      PushStream<Message> s = current.get();
      if (type == ConnectionListener.Events.DISCONNECTED && s != null) {
        s.end();
      }
    });
    return Feed.create(vertx, bus, new FeedOptions().setName("orders-nats").addTopic("orders"), () -> {
      if (nats.getStatus() != Connection.Status.CONNECTED) {
        return Future.failedFuture("NATS is " + nats.getStatus());
      }
      PushStream<Message> stream = new PushStream<>(vertx.getOrCreateContext(), FeedOptions.DEFAULT_BUFFER_SIZE);
      Dispatcher dispatcher = nats.createDispatcher(stream::push);
      dispatcher.subscribe(subject);
      stream.onClose(() -> nats.closeDispatcher(dispatcher));
      current.set(stream);
      // subscribe() only queues the SUB: the round trip makes "connected" mean "receiving",
      // so nothing published after the resync is missed. flush blocks, hence a worker.
      return vertx.executeBlocking(() -> {
        nats.flush(Duration.ofSeconds(5));
        return stream;
      }).onFailure(e -> stream.end());
    }, msg -> orderChanged(new JsonObject(new String(msg.getData(), StandardCharsets.UTF_8))));
  }
}
