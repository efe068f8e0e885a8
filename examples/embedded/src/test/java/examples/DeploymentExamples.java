package examples;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.command.Command;
import dev.honostar.examples.hello.HelloApp;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.verticles.HonoStarApp;
import dev.honostar.verticles.HonoStarVerticle;
import dev.honostar.verticles.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;

import java.util.Map;

/**
 * The snippets of docs/deployment.md that need the verticles module, compiled so they cannot rot
 * (the others are in honostar-vertx's LiveExamples; DocSnippetsTest checks every line shown).
 */
public class DeploymentExamples {

  static Future<Boolean> ping() {
    return Future.succeededFuture(true);
  }

  public static final class Home implements Page<Object> {
    @Override
    public Future<Object> load(PageContext ctx) {
      return Future.succeededFuture(Map.of());
    }
  }

  public static final class Save implements Command {
    @Override
    public void handlers(dev.honostar.command.Handlers on) {
      on.post(ctx -> Future.succeededFuture());
    }
  }

  public final class MyApp implements HonoStarApp {
    public Future<Void> start(Vertx vertx, JsonObject config) { /* open pools */ return Future.succeededFuture(); }
    public void configure(HonoStar app) { app.page("/", new Home(), "home").command("/save", new Save()); }
    public Future<Void> started(HonoStar app) { /* start an outbox relay on app.bus() */ return Future.succeededFuture(); }
    public void readiness(OpsEndpoints ops) { ops.readiness("database", p -> ping().map(ok -> Status.OK()).onComplete(p)); }
    public Future<Void> stop() { /* close pools */ return Future.succeededFuture(); }
  }

  public static class Embedding extends VerticleBase {
    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      HonoStarOptions options = HonoStarVerticle.loadOptions(vertx, config(), System.getenv());
      new HelloApp().router(vertx, options)
          .onSuccess(live -> router.route("/live/*").subRouter(live));
      vertx.createHttpServer(options.applyTo(new HttpServerOptions())).requestHandler(router).listen(8080);
      return Future.succeededFuture();
    }
  }
}
