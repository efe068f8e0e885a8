package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.bus.HazelcastClustering;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.Arrays;
import java.util.Map;

/**
 * A node of {@link BoardApp} in its own JVM, for multi-process tests:
 * {@code BoardNodeMain <kind> <url-or-members> <prefix> <hazelcastPort> <secret>}. Prints
 * {@code READY <httpPort>} once it serves.
 */
public final class BoardNodeMain {

  public static void main(String[] args) {
    BusKind kind = BusKind.valueOf(args[0]);
    String target = args[1];
    String prefix = args[2];
    int hazelcastPort = Integer.parseInt(args[3]);
    String secret = args[4];
    Future<Vertx> vertx = kind == BusKind.CLUSTERED
      ? HazelcastClustering.clusteredVertx(new HazelcastClusterOptions().setClusterName(prefix).setHost("127.0.0.1")
        .setPort(hazelcastPort).setMembers(Arrays.asList(target.split(","))), new VertxOptions())
      : Future.succeededFuture(Vertx.vertx());
    vertx.compose(v -> {
      HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", secret));
      options.getBus().setKind(kind).setPrefix(prefix);
      if (kind == BusKind.REDIS) {
        options.getBus().setRedisUrl(target);
      } else if (kind == BusKind.NATS) {
        options.getBus().setNatsUrl(target);
      }
      return new BoardApp().router(v, options, new SimpleMeterRegistry())
        .compose(router -> v.createHttpServer(options.applyTo(new io.vertx.core.http.HttpServerOptions())).requestHandler(router).listen(0));
    }).onSuccess(server -> System.out.println("READY " + server.actualPort()))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(1);
      });
  }
}
