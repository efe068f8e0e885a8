package examples;

// The snippets of docs/scaling.md, compiled so they cannot rot (DocSnippetsTest checks every line shown there is here).
import dev.honostar.bus.*;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;

public class BusExample {
  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    BusOptions options = new BusOptions().applyEnvironment(System.getenv()); // e.g. HONOSTAR_BUS_REDIS_URL=redis://127.0.0.1:6379
    TopicBus.create(vertx, options)
      .compose(bus -> bus.subscribe("board:42", ev ->
          System.out.println(ev.name() + " from " + ev.origin() + ": " + ev.payload()))
        .compose(sub -> bus.publish(DomainEvent.of("board:42", "card.moved",
          new JsonObject().put("card", 7).put("to", "done"))))
        .onSuccess(v -> bus.reconnectHandler(x -> System.out.println("reconnected: refresh everything"))))
      .onFailure(err -> {
        System.err.println(err.getMessage());   // e.g. "Cannot connect the redis bus to redis://127.0.0.1:6379: ..."
        vertx.close();
      });
  }

  static void clustered() {
    HazelcastClusterOptions hz = new HazelcastClusterOptions()
      .setClusterName("shop")
      .setHost("127.0.0.1")
      .setPort(5701)                                    // 5702, 5703 in the other processes
      .setMembers(List.of("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703"));
    HazelcastClustering.clusteredVertx(hz, new VertxOptions())
      .compose(vertx -> TopicBus.create(vertx, new BusOptions()));   // resolves to CLUSTERED
  }
}
