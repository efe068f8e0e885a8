package examples;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.live.LiveOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import dev.honostar.protocol.SseCompression;

/** The snippets of docs/live-updates.md and docs/deployment.md, compiled so they cannot rot. */
public class LiveExamples {

  public void compression() {
    // tag::compression[]
    LiveOptions live = new LiveOptions()
        .setCompression(new SseCompression().setMode(SseCompression.Mode.STREAM).setLevel(1));  // per-stream windows
    new LiveOptions().setCompression(new SseCompression().setEnabled(false));                    // plain streams
    // end::compression[]
  }

  public void oneAppOnEveryLoop(Vertx vertx, HonoStar honostar, HonoStarOptions options) {
    // tag::everyLoop[]
    Router router = honostar.router().await();            // one app: one hub, one bus connection
    HttpServerOptions server = options.applyTo(new HttpServerOptions().setPort(8080));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(server).requestHandler(router).listen();
      }
    }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()));
    // end::everyLoop[]
  }
}
