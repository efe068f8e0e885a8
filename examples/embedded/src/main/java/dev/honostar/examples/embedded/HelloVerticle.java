package dev.honostar.examples.embedded;

import dev.honostar.HonoStarOptions;
import dev.honostar.examples.hello.HelloApp;
import dev.honostar.verticles.AccessLog;
import dev.honostar.verticles.HonoStarVerticle;
import dev.honostar.verticles.Meters;
import dev.honostar.verticles.NodeShared;
import dev.honostar.verticles.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * The hello example as a verticle, for the launcher:
 *
 * <pre>
 * bin/vertx --jar examples/embedded/target/embedded.jar run dev.honostar.examples.embedded.HelloVerticle -conf conf.json -instances 2
 * </pre>
 *
 * <p>The instances share one hello app per node ({@link NodeShared}): one counter, one live hub,
 * one render per event, whichever instance a request lands on (each instance used to build its
 * own app, so {@code curl /} alternated between two counts and a second tab never updated).
 *
 * <p>{@code HelloApp} builds its HonoStar inside {@code router(...)} and does not hand it out,
 * so this verticle cannot call {@code ready()} or {@code drain()}: readiness only follows the
 * verticle's own state and open streams are cut when the server shuts down. An app written
 * as a {@link dev.honostar.verticles.HonoStarApp} gets both through
 * {@link HonoStarVerticle}.
 */
public class HelloVerticle extends VerticleBase {

  private HttpServer server;
  private volatile boolean accepting;
  private NodeShared<Router> hello;

  @Override
  public Future<?> start() {
    HonoStarOptions options = HonoStarVerticle.loadOptions(vertx, config(), System.getenv());
    // One app per node for all instances of this deployment; the first instance creates it.
    hello = NodeShared.acquire(vertx, HelloVerticle.class.getName() + ":" + context.deploymentID(),
      () -> new HelloApp().router(vertx, options), router -> Future.succeededFuture());
    return hello.value()
      .compose(app -> {
        Router root = Router.router(vertx);
        root.route().handler(AccessLog.create());
        OpsEndpoints.create(vertx).accepting(() -> accepting).metrics(Meters.prometheus()).mount(root);
        root.route("/*").subRouter(app);
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", Integer.toString(config().getInteger("http.port", 8080))));
        HttpServerOptions serverOptions = options.applyTo(new HttpServerOptions());
        return vertx.createHttpServer(serverOptions).requestHandler(root).listen(port, config().getString("http.host", "0.0.0.0"));
      })
      .onSuccess(s -> {
        server = s;
        accepting = true;
      });
  }

  @Override
  public Future<?> stop() {
    accepting = false;
    return (server == null ? Future.succeededFuture() : server.shutdown(5, TimeUnit.SECONDS)).eventually(hello::release);
  }
}
