package dev.honostar.outside;

import static dev.honostar.bus.TestSupport.await;
import static dev.honostar.bus.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.ExternalProcess;
import dev.honostar.bus.TestSupport;
import dev.honostar.bus.TopicBus;
import examples.FeedRecipes;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recipes of docs/live-updates.md against the real NATS and Redis, and a Vert.x event-bus address. */
class FeedRecipesTest {

  Vertx vertx;
  TopicBus bus;
  final List<DomainEvent> orders = new CopyOnWriteArrayList<>();
  final String tag = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    bus = await(TopicBus.create(vertx, new BusOptions().setPrefix(TestSupport.uniquePrefix())), 10_000);
    await(bus.subscribe("orders", orders::add), 10_000);
  }

  @AfterEach
  void tearDown() {
    await(bus.close(), 5_000);
    await(vertx.close(), 10_000);
  }

  private long count(String what) {
    return orders.stream().filter(e -> what.equals(e.name()) || what.equals(e.payload().getString("order"))).count();
  }

  private static JsonObject order(String order) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("order", order);
  }

  @Test
  void eventBusAddress() {
    String address = "orders.changed." + tag;
    Feed feed = FeedRecipes.eventBus(vertx, bus, address);
    await(feed.start(), 10_000);
    for (int i = 0; i < 500; i++) {
      vertx.eventBus().send(address, order("eb-" + i));
    }
    await(eventually(vertx, 10_000, "500 orders", () -> orders.size() == 500), 11_000);
    assertThat(orders.get(499).payload().getString("order")).isEqualTo("eb-499");
    await(feed.close(), 5_000);
  }

  @Test
  void redisChannelReconnectsAndResyncsAfterItsConnectionIsKilled() {
    String channel = "orders-" + tag;
    Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
    RedisAPI api = RedisAPI.api(redis);
    Feed feed = FeedRecipes.redisChannel(vertx, bus, redis, channel);
    try {
      await(feed.start(), 10_000);
      await(api.publish(channel, order("r-1").encode()), 5_000);
      await(eventually(vertx, 10_000, "the first order", () -> count("r-1") == 1), 11_000);

      // Kill the feed's subscriber connection (only it subscribes to this channel's name).
      String clients = await(redis.send(Request.cmd(Command.CLIENT).arg("LIST").arg("TYPE").arg("pubsub")), 5_000).toString();
      String id = clients.lines().filter(l -> l.contains("sub=1")).filter(l -> l.contains("cmd=subscribe"))
        .map(l -> l.replaceAll("^id=(\\d+) .*", "$1")).reduce((a, b) -> b).orElseThrow();
      await(redis.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(id)), 5_000);
      await(eventually(vertx, 10_000, "a resync of orders", () -> count(Feed.RESYNC) > 0 && feed.connected()), 11_000);

      await(api.publish(channel, order("r-2").encode()), 5_000);
      await(eventually(vertx, 10_000, "an order after the reconnect", () -> count("r-2") == 1), 11_000);
    } finally {
      await(feed.close(), 5_000);
      redis.close();
    }
  }

  @Test
  void natsSubjectResyncsAfterTheServerRestarts() throws Exception {
    int port = TestSupport.freePort();
    ExternalProcess server = ExternalProcess.nats(port);
    Connection nats = Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + port)
      .reconnectWait(Duration.ofMillis(50)).maxReconnects(-1).build());
    Connection sender = Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + port)
      .reconnectWait(Duration.ofMillis(50)).maxReconnects(-1).build());
    Feed feed = FeedRecipes.natsSubject(vertx, bus, nats, "orders." + tag);
    try {
      await(feed.start(), 10_000);
      sender.publish("orders." + tag, order("n-1").encode().getBytes(StandardCharsets.UTF_8));
      await(eventually(vertx, 10_000, "the first order", () -> count("n-1") == 1), 11_000);

      server.close();
      await(eventually(vertx, 10_000, "the feed sees NATS go", () -> !feed.connected()), 11_000);
      server = ExternalProcess.nats(port);
      await(eventually(vertx, 20_000, "a resync of orders once NATS is back", () -> count(Feed.RESYNC) > 0 && feed.connected()), 21_000);

      // The sender may still be reconnecting: publish until one arrives.
      await(eventually(vertx, 20_000, "an order after the restart", () -> {
        if (sender.getStatus() == Connection.Status.CONNECTED && count("n-2") == 0) {
          sender.publish("orders." + tag, order("n-2").encode().getBytes(StandardCharsets.UTF_8));
        }
        return count("n-2") >= 1;
      }), 21_000);
    } finally {
      await(feed.close(), 5_000);
      nats.close();
      sender.close();
      server.close();
    }
  }
}
