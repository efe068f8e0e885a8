package dev.honostar.verticles;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one HonoStar app on an HTTP server, with the ops endpoints and graceful drain.
 * Deploy it by class name with a JSON config; the app is named by {@value #CONFIG_APP}:
 *
 * <pre>
 * vertx run dev.honostar.verticles.HonoStarVerticle -conf conf.json -instances 4
 * # conf.json: {"app": "com.example.MyApp", "http.port": 8080, "live": {"drainMillis": 10000}}
 * </pre>
 *
 * or subclass it and override {@link #app()} (then deploy the subclass by name).
 *
 * <p>Configuration: the whole config is read by {@link HonoStarOptions#load} (keys {@code env},
 * {@code view}, {@code security}, {@code bus}, {@code live}; the {@code HONOSTAR_*} environment
 * wins); {@value #CONFIG_PORT} (else env {@code PORT}, else 8080; env {@code PORT} wins when both
 * are set), {@value #CONFIG_HOST} (default {@code 0.0.0.0}), {@value #CONFIG_SHUTDOWN_GRACE}
 * (milliseconds in-flight requests get after the drain, default 5000), {@value #CONFIG_EVENT_LOOPS}
 * (else env {@code HONOSTAR_HTTP_EVENT_LOOPS}; default: one per core).
 *
 * <p>One verticle instance = one HonoStar, one live hub, one bus connection, served by one HTTP
 * server per event loop ({@value #CONFIG_EVENT_LOOPS}, one per core by default; Vert.x shares
 * the port between them), so pages, commands and streams use every core while each live region
 * still renders once per view per node. {@code -instances N} instead makes N apps (N hubs, N
 * broker connections, N renders per event); see docs/deployment.md.
 *
 * <p>Stop (undeploy, {@code vertx.close()}, SIGTERM through the launcher) drains: readiness
 * answers 503 at once, new live streams are refused with 503, open streams are ended cleanly
 * spread over {@code live.drainMillis}, the server then stops accepting and lets in-flight
 * requests finish, then the bus and the app close.
 */
public class HonoStarVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(HonoStarVerticle.class);

  public static final String CONFIG_APP = "app";
  public static final String CONFIG_PORT = "http.port";
  public static final String CONFIG_HOST = "http.host";
  public static final String CONFIG_SHUTDOWN_GRACE = "http.shutdownGraceMillis";
  public static final String CONFIG_EVENT_LOOPS = "http.eventLoops";
  public static final String ENV_EVENT_LOOPS = "HONOSTAR_HTTP_EVENT_LOOPS";
  public static final String ENV_PORT = "PORT";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_SHUTDOWN_GRACE = 5_000;

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /** The development signing secret shared by the instances of this process (see {@link #options()}). */
  private static final String DEV_SECRET = randomSecret();
  private static final AtomicBoolean DEV_SECRET_WARNED = new AtomicBoolean();

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private HonoStarApp app;
  private HonoStar honostar;
  /** Written as servers bind (on their loops), read in stop(). */
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private MeterRegistry meters;
  private String instance;
  private volatile boolean accepting;

  /** The app to serve; by default the class named by {@value #CONFIG_APP}. */
  protected HonoStarApp app() {
    String name = config().getString(CONFIG_APP);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("No app configured: set \"" + CONFIG_APP + "\" to a class implementing "
        + HonoStarApp.class.getName() + ", or subclass " + HonoStarVerticle.class.getSimpleName() + " and override app()");
    }
    try {
      Class<?> cls = Class.forName(name.trim(), true, Thread.currentThread().getContextClassLoader());
      return (HonoStarApp) cls.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("App class " + name + " is not on the class path", e);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("App class " + name + " needs a public no-argument constructor and must implement "
        + HonoStarApp.class.getName(), e);
    }
  }

  /** The environment the options, the port and secrets are read from (tests override it). */
  protected Map<String, String> environment() {
    return System.getenv();
  }

  /**
   * The options: config, then environment. Override to adjust them in code.
   *
   * <p>In development with the local bus and no signing secret, the instances of this process
   * share one random secret ({@link #DEV_SECRET}); otherwise each instance would sign topic
   * tokens with its own random key and a stream landing on another instance than its page
   * would be refused with 403. Production and distributed buses still require the variable.
   */
  protected HonoStarOptions options() {
    return loadOptions(vertx, config(), environment());
  }

  /**
   * {@link HonoStarOptions#load}, plus the process-wide development secret described at
   * {@link #options()}; for verticles that build their HonoStar app themselves.
   */
  public static HonoStarOptions loadOptions(Vertx vertx, JsonObject config, Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    HonoStarOptions options = HonoStarOptions.load(config, env);
    String var = options.getSecurity().getSigningSecretEnv();
    String secret = env.get(var);
    if ((secret == null || secret.isBlank()) && !options.isProduction()
      && options.getBus().resolveKind(vertx.isClustered()) == BusKind.LOCAL) {
      env.put(var, DEV_SECRET);
      options.setEnvironment(env);
      if (DEV_SECRET_WARNED.compareAndSet(false, true)) {
        log.warn("No signing secret ({}) is set: the verticle instances of this process share a random one. Topic tokens will not "
          + "survive a restart and no other node can verify them; set {} outside development.", var, var);
      }
    }
    return options;
  }

  @Override
  public Future<?> start() {
    HonoStarOptions options;
    try {
      options = options();
      app = app();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    instance = Integer.toString(INSTANCES.getAndIncrement());
    meters = Meters.forInstance(instance);
    honostar = HonoStar.create(vertx, options).meterRegistry(meters);
    OpsEndpoints ops = OpsEndpoints.create(vertx)
      .accepting(() -> accepting)
      .honostar(honostar)
      .metrics(Meters.prometheus());
    return app.start(vertx, config())
      .compose(v -> {
        app.configure(honostar);
        app.readiness(ops);
        return honostar.router();
      })
      .compose(appRouter -> {
        Router root = Router.router(vertx);
        root.route().handler(AccessLog.create(options.getObservability().getLogFormat()));
        // The ops endpoints' answers carry the fixed security headers too.
        root.route().handler(dev.honostar.security.SecurityHeadersHandler.create(options.getSecurity(), options.isProduction()));
        // Before the ops endpoints' paths are matched: ambiguous framing and malformed URLs are
        // refused on every path (vertx-web logs a stack trace for each malformed one).
        root.route().handler(dev.honostar.security.SecurityHandlers.requestFraming());
        ops.mount(root);
        root.route("/*").subRouter(appRouter);
        // Request limits and strict thread mode (see HonoStarOptions.applyTo).
        HttpServerOptions serverOptions = options.applyTo(new HttpServerOptions().setHost(host()).setPort(port()));
        return listen(root, serverOptions, eventLoops(),
          dev.honostar.security.SecurityHandlers.invalidRequestHandler(options.getSecurity(), options.isProduction()));
      })
      .onSuccess(s -> {
        accepting = true;
        log.info("HonoStar app {} (instance {}) listening on port {} on {} event loop(s)", app.getClass().getName(), instance,
          actualPort(), servers.size());
      })
      .onFailure(err -> {
        // Release what started (bus connections, meters) so a failed deploy leaves nothing behind.
        honostar.close().eventually(() -> app.stop()).onComplete(x -> Meters.remove(meters, instance));
      });
  }

  @Override
  public Future<?> stop() {
    accepting = false;
    long grace = config().getLong(CONFIG_SHUTDOWN_GRACE, DEFAULT_SHUTDOWN_GRACE);
    log.info("Draining instance {}: readiness down, live streams close over {} ms", instance,
      honostar == null ? 0 : honostar.options().getLive().getDrainMillis());
    Future<Void> drained = honostar == null ? Future.succeededFuture() : honostar.drain();
    return drained
      .eventually(() -> Future.join(servers.stream().map(s -> s.shutdown(grace, TimeUnit.MILLISECONDS)).toList()))
      .eventually(() -> honostar == null ? Future.succeededFuture() : honostar.close())
      .eventually(() -> app == null ? Future.succeededFuture() : app.stop())
      .onComplete(ar -> {
        Meters.remove(meters, instance);
        log.info("Instance {} stopped", instance);
      });
  }

  /**
   * Binds one server on this verticle's event loop, then one more on each further loop: a
   * server created on a context serves on that context's loop, and Vert.x shares the port. All
   * of them serve the one router, so the node keeps one hub.
   */
  private Future<Void> listen(Router root, HttpServerOptions serverOptions, int loops,
                              io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> invalid) {
    return vertx.createHttpServer(serverOptions).invalidRequestHandler(invalid).requestHandler(root).listen().compose(first -> {
      servers.add(first);
      // Later servers bind the port the first one got (it may have been 0: any free port).
      HttpServerOptions same = new HttpServerOptions(serverOptions).setPort(first.actualPort());
      List<Future<HttpServer>> more = new ArrayList<>();
      for (io.vertx.core.internal.ContextInternal loop : otherLoops(loops - 1)) {
        Promise<HttpServer> bound = Promise.promise();
        loop.runOnContext(v ->
          vertx.createHttpServer(same).invalidRequestHandler(invalid).requestHandler(root).listen().onComplete(bound));
        more.add(bound.future().onSuccess(servers::add));
      }
      return Future.all(more).mapEmpty();
    });
  }

  /**
   * @return contexts on {@code n} other event loops that belong to this deployment (its close
   *     future), so their servers close with it, after {@link #stop()} drained the streams,
   *     never before
   */
  private List<io.vertx.core.internal.ContextInternal> otherLoops(int n) {
    io.vertx.core.internal.ContextInternal own = (io.vertx.core.internal.ContextInternal) context;
    java.util.Set<io.netty.channel.EventLoop> used = new java.util.HashSet<>(List.of(own.nettyEventLoop()));
    List<io.vertx.core.internal.ContextInternal> out = new ArrayList<>();
    io.netty.channel.EventLoopGroup group = ((VertxInternal) vertx).nettyEventLoopGroup();
    // next() goes round the group; more loops than it has just reuse some.
    for (int tries = 0; out.size() < n && tries < 4 * (n + 8); tries++) {
      io.netty.channel.EventLoop loop = group.next();
      if (used.add(loop) || tries >= 2 * (n + 8)) {
        out.add(own.toBuilder().withEventLoop(loop).build());
      }
    }
    return out;
  }

  /** @return the event loops to serve on: config, else {@value #ENV_EVENT_LOOPS}, else one per core */
  protected int eventLoops() {
    String env = environment().get(ENV_EVENT_LOOPS);
    int loops;
    if (env != null && !env.isBlank()) {
      try {
        loops = Integer.parseInt(env.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(ENV_EVENT_LOOPS + " must be a whole number of event loops, got '" + env + "'");
      }
    } else {
      loops = config().getInteger(CONFIG_EVENT_LOOPS, Runtime.getRuntime().availableProcessors());
    }
    if (loops < 1) {
      throw new IllegalArgumentException(CONFIG_EVENT_LOOPS + " must be at least 1, got " + loops);
    }
    return loops;
  }

  /** @return the port from the environment ({@code PORT}), else the config, else 8080 */
  protected int port() {
    String env = environment().get(ENV_PORT);
    if (env != null && !env.isBlank()) {
      try {
        return Integer.parseInt(env.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("PORT must be a port number, got '" + env + "'");
      }
    }
    return config().getInteger(CONFIG_PORT, DEFAULT_PORT);
  }

  protected String host() {
    return config().getString(CONFIG_HOST, "0.0.0.0");
  }

  /** @return the HonoStar of this instance, once started */
  public HonoStar honostar() {
    return honostar;
  }

  /** @return whether this instance accepts traffic (false from the first moment of stop) */
  public boolean accepting() {
    return accepting;
  }

  /** @return the bound port, once started */
  public int actualPort() {
    return servers.isEmpty() ? -1 : servers.get(0).actualPort();
  }
}
