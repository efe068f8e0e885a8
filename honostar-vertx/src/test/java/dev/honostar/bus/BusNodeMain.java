package dev.honostar.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A bus node in its own JVM, for the multi-process tests. Configured only by the environment, like a deployed app
 * ({@code HONOSTAR_BUS}, {@code HONOSTAR_BUS_PREFIX}, broker URLs, {@code HONOSTAR_HZ_*}); the topic is the first
 * argument.
 *
 * <p>Prints {@code READY <nodeId>} once subscribed and {@code EVENT <json>} for each received event. Reads commands
 * from stdin: {@code PUBLISH <name> <payload json>} publishes and prints {@code PUBLISHED <name>}.
 */
public final class BusNodeMain {

  private BusNodeMain() {
  }

  public static void main(String[] args) throws Exception {
    String topic = args[0];
    Map<String, String> env = System.getenv();
    BusOptions options = new BusOptions().applyEnvironment(env);
    Future<Vertx> vertxFuture = options.getKind() == BusKind.CLUSTERED
      ? HazelcastClustering.clusteredVertx(new HazelcastClusterOptions().applyEnvironment(env), new VertxOptions())
      : Future.succeededFuture(Vertx.vertx());
    TopicBus bus = vertxFuture
      .compose(vertx -> TopicBus.create(vertx, options)
        .compose(b -> b.subscribe(topic, ev -> out("EVENT " + ev.toJson().encode())).map(b)))
      .toCompletionStage().toCompletableFuture().get();
    out("READY " + bus.nodeId());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    // stdin is read on the main thread: never on an event loop.
    while ((line = in.readLine()) != null) {
      String[] parts = line.split(" ", 3);
      if (parts.length >= 2 && parts[0].equals("PUBLISH")) {
        String name = parts[1];
        JsonObject payload = parts.length == 3 ? new JsonObject(parts[2]) : new JsonObject();
        bus.publish(DomainEvent.of(topic, name, payload))
          .onSuccess(v -> out("PUBLISHED " + name))
          .onFailure(err -> out("FAILED " + name + " " + err.getMessage()));
      }
    }
    System.exit(0);
  }

  private static synchronized void out(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** The command line that runs this class in a new JVM with this JVM's class path. */
  static java.util.List<String> command(String topic) {
    return java.util.List.of(TestSupport.javaBinary(), "-cp", System.getProperty("java.class.path"),
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", BusNodeMain.class.getName(), topic);
  }
}
