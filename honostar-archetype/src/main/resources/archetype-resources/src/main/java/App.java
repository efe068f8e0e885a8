package ${package};

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.routing.RouteFactory;
import dev.honostar.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The app: the routes under {@code routes} (one class per URL, found by the build), given the
 * objects they need, served on {@code PORT} (8080 by default).
 */
public final class App {

  private final Counter counter = new Counter();

  /** @return the app's router: the tests drive it without a server */
  public Future<Router> router(Vertx vertx, HonoStarOptions options) {
    return HonoStar.create(vertx, options)
      .routes(RouteTable.discover(), RouteFactory.of(counter))
      .router();
  }

  public static void main(String[] args) {
    int port;
    HonoStarOptions options;
    try {
      port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080").trim());
      options = HonoStarOptions.load(null, System.getenv());
    } catch (RuntimeException e) {
      System.err.println("Could not start: " + (e instanceof NumberFormatException ? "PORT must be a port number" : e.getMessage()));
      System.exit(1);
      return;
    }
    Vertx vertx = Vertx.vertx();
    new App().router(vertx, options)
      .compose(router -> vertx.createHttpServer(options.applyTo(new HttpServerOptions())).requestHandler(router).listen(port))
      .onSuccess((HttpServer server) -> System.out.println("Listening on http://localhost:" + server.actualPort() + "/"))
      .onFailure(err -> {
        System.err.println("Could not start: " + err.getMessage());
        vertx.close();
        System.exit(1);
      });
  }
}
