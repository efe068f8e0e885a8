package dev.honostar.verticles;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.SecurityHeadersHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What {@link HonoStarVerticle} creates once per node and its instances share through
 * {@link NodeShared}: the app, its HonoStar (one live hub, one bus connection), the meters and
 * the root router every HTTP server serves.
 */
final class NodeApp {

  final HonoStarApp app;
  final HonoStar honostar;
  final HonoStarOptions options;
  final Role role;
  final MeterRegistry meters;
  final String tag;
  Router root;
  Handler<HttpServerRequest> invalidRequests;
  private volatile boolean accepting;
  private Future<Void> drained;

  private NodeApp(HonoStarApp app, HonoStar honostar, HonoStarOptions options, Role role, MeterRegistry meters, String tag) {
    this.app = app;
    this.honostar = honostar;
    this.options = options;
    this.role = role;
    this.meters = meters;
    this.tag = tag;
  }

  /** Starts the app and builds the root router: ops endpoints, security, the role's paths, the app. */
  static Future<NodeApp> start(Vertx vertx, HonoStarApp app, HonoStarOptions options, Role role, JsonObject config, String tag) {
    if (role != Role.ALL && options.getBus().resolveKind(vertx.isClustered()) == dev.honostar.bus.BusKind.LOCAL) {
      // Legal (both tiers in one process share the local event bus), but across processes the tiers would not hear each other.
      org.slf4j.LoggerFactory.getLogger(HonoStarVerticle.class).warn("{}={} on the local bus: only a tier in this same process hears "
        + "this node's events; separate tiers need a Redis, NATS or clustered bus (docs/deployment.md)", Role.ENV, role.name().toLowerCase(java.util.Locale.ROOT));
    }
    MeterRegistry meters = Meters.forInstance(tag);
    NodeApp node = new NodeApp(app, HonoStar.create(vertx, options).meterRegistry(meters), options, role, meters, tag);
    OpsEndpoints ops = OpsEndpoints.create(vertx)
      .accepting(() -> node.accepting)
      .honostar(node.honostar)
      .metrics(Meters.prometheus());
    return app.start(vertx, config)
      .compose(v -> {
        app.configure(node.honostar);
        app.readiness(ops);
        return node.honostar.router();
      })
      .compose(appRouter -> app.started(node.honostar).map(appRouter))
      .map(appRouter -> {
        Router root = Router.router(vertx);
        root.route().handler(AccessLog.create(options.getObservability().getLogFormat()));
        // The ops endpoints' answers carry the fixed security headers too.
        root.route().handler(SecurityHeadersHandler.create(options.getSecurity(), options.isProduction()));
        // Before the ops endpoints' paths are matched: ambiguous framing and malformed URLs are
        // refused on every path (vertx-web logs a stack trace for each malformed one).
        root.route().handler(SecurityHandlers.requestFraming());
        ops.mount(root);
        node.routeRole(root);
        root.route("/*").subRouter(appRouter);
        node.root = root;
        node.invalidRequests = SecurityHandlers.invalidRequestHandler(options.getSecurity(), options.isProduction());
        return node;
      })
      .recover(err -> node.close().transform(x -> Future.failedFuture(err)));
  }

  /** A tier answers only its own paths, so a misrouted request is a visible 404, not a half-working page. */
  private void routeRole(Router root) {
    String events = options.getLive().getEventsPath();
    if (!role.servesStreams()) {
      root.route(events).handler(ctx -> misrouted(ctx, "live streams are served by the live tier (" + Role.ENV + "=live)"));
    }
    if (!role.servesPages()) {
      root.route().handler(ctx -> {
        if (ctx.normalizedPath().equals(events)) {
          ctx.next();
        } else {
          misrouted(ctx, "this node serves only " + events + " (" + Role.ENV + "=live); pages and commands are served by the app tier");
        }
      });
    }
  }

  private static void misrouted(RoutingContext ctx, String why) {
    ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").putHeader("Cache-Control", "no-store")
      .end("Not found: " + why + "\n");
  }

  void accepting(boolean accepting) {
    this.accepting = accepting;
  }

  boolean accepting() {
    return accepting;
  }

  /** Readiness down, then the live streams drain; once per node, whichever instance stops first. */
  synchronized Future<Void> drain() {
    accepting = false;
    if (drained == null) {
      drained = honostar.drain();
    }
    return drained;
  }

  /** Closes the bus and the hub, then the app; removes the meters. After the servers shut down. */
  Future<Void> close() {
    return honostar.close().eventually(app::stop).onComplete(x -> Meters.remove(meters, tag)).mapEmpty();
  }
}
