package dev.honostar.examples.hello;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.routing.RouteFactory;
import dev.honostar.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The smallest HonoStar app: a counter every open tab sees change. One page, one command,
 * one topic, one region. Its routes are file-based: the classes in {@code routes} (see
 * docs/routing.md), found at start-up through {@link RouteTable#discover()}.
 *
 * <pre>
 * java -jar examples/hello/target/hello.jar      # PORT, default 8080
 * </pre>
 */
public final class HelloApp {

  private final Counter counter = new Counter();

  /** @return the app's router */
  public Future<Router> router(Vertx vertx, HonoStarOptions options) {
    return HonoStar.create(vertx, options)
      .routes(RouteTable.discover(), RouteFactory.of(counter))
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
