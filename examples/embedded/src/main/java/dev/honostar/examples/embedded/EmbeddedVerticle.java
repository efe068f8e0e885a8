package dev.honostar.examples.embedded;

import dev.honostar.HonoStarOptions;
import dev.honostar.examples.hello.HelloApp;
import dev.honostar.verticles.AccessLog;
import dev.honostar.verticles.HonoStarVerticle;
import dev.honostar.verticles.Meters;
import dev.honostar.verticles.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * An existing Vert.x Web app (its own home page and JSON API) that mounts a HonoStar app, the
 * hello counter, on a sub-path. The two lines that matter:
 *
 * <pre>{@code
 * new HelloApp().router(vertx, HonoStarOptions.load(config(), System.getenv()))
 *     .onSuccess(live -> router.route("/live/*").subRouter(live));
 * }</pre>
 *
 * <p>The framework renders its URLs (assets, the live stream, {@code {{@basePath}}} in the app's
 * templates) under the mount point, so nothing else changes. {@code "mount": "/"} in the config
 * mounts it at the root instead (the host's routes registered first win).
 *
 * <pre>
 * java -jar examples/embedded/target/embedded.jar          # PORT or http.port, default 8080
 * </pre>
 */
public class EmbeddedVerticle extends VerticleBase {

  public static final String DEFAULT_MOUNT = "/live";

  private HttpServer server;
  private volatile boolean accepting;

  @Override
  public Future<?> start() {
    String mount = config().getString("mount", DEFAULT_MOUNT).replaceAll("/+$", "");
    Router router = Router.router(vertx);
    router.route().handler(AccessLog.create());
    OpsEndpoints.create(vertx).accepting(() -> accepting).metrics(Meters.prometheus()).mount(router);

    // The host app's own routes.
    router.get("/api/ping").handler(ctx -> ctx.json(new JsonObject().put("pong", true)));
    if (!mount.isEmpty()) {
      router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<!doctype html><title>Embedded</title><h1>An existing Vert.x app</h1>"
          + "<p><a href=\"" + mount + "/\">The live counter</a> · <a href=\"/api/ping\">/api/ping</a></p>"));
    }

    // The HonoStar app, mounted in two lines.
    HonoStarOptions options = HonoStarVerticle.loadOptions(vertx, config(), System.getenv());
    return new HelloApp().router(vertx, options)
      .compose(live -> {
        if (!mount.isEmpty()) {
          // A sub-router matches "/live/..." only: "/live" itself goes to its home, "/live/".
          // (Vert.x matches this route for "/live/" too: that one passes on.)
          router.get(mount).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
              ctx.next();
              return;
            }
            ctx.response().setStatusCode(301)
              .putHeader("Location", mount + "/" + (ctx.request().query() == null ? "" : "?" + ctx.request().query())).end();
          });
        }
        router.route(mount + "/*").subRouter(live);
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", Integer.toString(config().getInteger("http.port", 8080))));
        // The framework's request limits and strict thread mode apply to the host's routes too.
        HttpServerOptions serverOptions = options.applyTo(new HttpServerOptions());
        return vertx.createHttpServer(serverOptions).requestHandler(router).listen(port, config().getString("http.host", "0.0.0.0"));
      })
      .onSuccess(s -> {
        server = s;
        accepting = true;
      });
  }

  @Override
  public Future<?> stop() {
    accepting = false;
    return server == null ? Future.succeededFuture() : server.shutdown(5, TimeUnit.SECONDS);
  }
}
