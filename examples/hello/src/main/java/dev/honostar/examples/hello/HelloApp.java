package dev.honostar.examples.hello;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.live.Topic;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest HonoStar app: a counter every open tab sees change. One page, one command,
 * one topic, one region.
 *
 * <pre>
 * java -jar examples/hello/target/hello.jar      # PORT, default 8080
 * </pre>
 */
public final class HelloApp {

  /** The one topic: every tab on the page subscribes to it. */
  static final Topic COUNTER = Topic.of("counter");

  /** In memory, so each node counts on its own; the issue tracker example keeps state in a database. */
  private final AtomicLong count = new AtomicLong();

  /** The page: the count, a button, and a subscription to the counter topic. */
  final class CounterPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(Map.of("count", count.get()));
    }

    @Override
    public void head(dev.honostar.page.Head head, Map<String, Object> model) {
      head.title("Hello, HonoStar");
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(COUNTER);
    }

    @Override
    public void queries(Queries q) {
      // When the counter changes, re-render the region once and send it to every tab.
      q.on("counter", qc -> Future.succeededFuture(Map.of("count", count.get())), "counter/count");
    }
  }

  /** The command: count one more and tell every tab. */
  final class IncrementCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        long n = count.incrementAndGet();
        ctx.publish(COUNTER, "incremented", Map.of("count", n));
        return Future.succeededFuture();
      });
    }
  }

  /** @return the app's router */
  public Future<Router> router(Vertx vertx, HonoStarOptions options) {
    return HonoStar.create(vertx, options)
      .page("/", new CounterPage(), "counter")
      .command("/increment", new IncrementCommand())
      .router();
  }

  public static Future<HttpServer> start(Vertx vertx, HonoStarOptions options, int port) {
    // Bounds request lines and headers (414, 431) and turns on strict thread mode.
    io.vertx.core.http.HttpServerOptions serverOptions = options.applyTo(new io.vertx.core.http.HttpServerOptions());
    return new HelloApp().router(vertx, options).compose(router -> vertx.createHttpServer(serverOptions).requestHandler(router).listen(port));
  }

  public static void main(String[] args) {
    int port;
    HonoStarOptions options;
    try {
      port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").trim());
      options = HonoStarOptions.load(null, System.getenv());
    } catch (RuntimeException e) {
      // A configuration error: the reason, not a stack trace, and a non-zero status.
      System.err.println("Could not start: " + (e instanceof NumberFormatException ? "PORT must be a port number" : e.getMessage()));
      System.exit(1);
      return;
    }
    Vertx vertx = Vertx.vertx();
    start(vertx, options, port)
      .onSuccess(server -> System.out.println("Hello, HonoStar: http://localhost:" + server.actualPort() + "/"))
      .onFailure(err -> {
        System.err.println("Could not start: " + err.getMessage());
        vertx.close();
        System.exit(1);
      });
  }
}
