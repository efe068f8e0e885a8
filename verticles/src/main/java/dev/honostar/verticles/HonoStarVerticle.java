package dev.honostar.verticles;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
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
 * <p>One app per node: the instances of one deployment ({@code -instances N}) share one app,
 * one HonoStar, one live hub and one bus connection ({@link NodeShared}, kept in the Vert.x
 * instance's local shared data), so each live region renders once per view per node whatever N
 * is. Each instance serves that app on {@value #CONFIG_EVENT_LOOPS} HTTP servers (default: the
 * cores divided among the instances); Vert.x shares the port between them. A separate
 * deployment is a separate app.
 *
 * <p>The {@link Role} ({@value Role#ENV}, config {@code "role"}) chooses what the node answers:
 * everything (default), the app tier (pages and commands) or the live tier (the stream path);
 * {@link AppTierVerticle} and {@link LiveTierVerticle} fix it. See docs/deployment.md.
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

  /** This instance's share of the node's app. */
  private NodeShared<NodeApp> node;
  /** Written as servers bind (on their loops), read in stop(). */
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

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
    String var = options.getSecurity().getToken().getSigningSecretEnv();
    String secret = env.get(var);
    if ((secret == null || secret.isBlank()) && !options.getSecurity().getToken().isRequireSigningSecret()
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
    // Every instance of this deployment shares one app (see NodeShared): the first creates it.
    node = NodeShared.acquire(vertx, NodeShared.class.getName() + ":" + getClass().getName() + ":" + context.deploymentID(),
      this::startNode, NodeApp::close);
    return node.value()
      .compose(n -> {
        HttpServerOptions serverOptions = n.options.applyTo(new HttpServerOptions().setHost(host()).setPort(port()));
        return listen(n.root, serverOptions, eventLoops(), n.invalidRequests).map(n);
      })
      .onSuccess(n -> {
        n.accepting(true);
        log.info("HonoStar app {} ({} role{}) listening on port {} on {} event loop(s)", n.app.getClass().getName(),
          n.role.name().toLowerCase(java.util.Locale.ROOT), node.created() ? "" : ", sharing its node's app", actualPort(), servers.size());
      })
      .onFailure(err -> Future.join(servers.stream().map(HttpServer::close).toList()).eventually(node::release));
  }

  /** Runs once per node, in the first instance: options, app, role, HonoStar and the root router. */
  private Future<NodeApp> startNode() {
    HonoStarOptions options;
    HonoStarApp app;
    Role role;
    try {
      options = options();
      app = app();
      role = role();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return NodeApp.start(vertx, app, options, role, config(), Integer.toString(INSTANCES.getAndIncrement()));
  }

  @Override
  public Future<?> stop() {
    NodeApp n = node.value().result();
    if (n == null) {
      return node.release();
    }
    long grace = http().getShutdownGraceMillis();
    if (node.created()) {
      log.info("Draining the node's app: readiness down, live streams close over {} ms", n.options.getLive().getDrainMillis());
    }
    // The first instance to stop starts the node's drain; each waits for it before closing its
    // own servers (which still carry streams being drained), the last one closes the app.
    return n.drain()
      .eventually(() -> Future.join(servers.stream().map(s -> s.shutdown(grace, TimeUnit.MILLISECONDS)).toList()))
      .eventually(node::release)
      .onComplete(ar -> {
        if (node.created()) {
          log.info("App {} stopped", n.app.getClass().getName());
        }
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

  /**
   * @return the event loops this instance serves on: {@value #ENV_EVENT_LOOPS}, else the config,
   *     else one per core divided among the deployment's instances
   */
  protected int eventLoops() {
    Integer loops = http().getEventLoops();
    if (loops != null) {
      return loops;
    }
    // With -instances N the instances share the cores (and the one app) between them.
    int instances = Math.max(1, context.getInstanceCount());
    return Math.max(1, Runtime.getRuntime().availableProcessors() / instances);
  }

  /** @return the port from the environment ({@code PORT}), else the config, else 8080 */
  protected int port() {
    return http().getPort();
  }

  protected String host() {
    return http().getHost();
  }

  /** The {@code http.*} config, then the {@code HONOSTAR_HTTP_*} variables (and {@code PORT}). */
  protected HttpOptions http() {
    return HttpOptions.load(config(), environment());
  }

  /** @return the HonoStar of this node's app (shared by the instances of this deployment), once started */
  public HonoStar honostar() {
    NodeApp n = node == null ? null : node.value().result();
    return n == null ? null : n.honostar;
  }

  /** @return whether this node's app accepts traffic (false from the first moment of stop) */
  public boolean accepting() {
    NodeApp n = node == null ? null : node.value().result();
    return n != null && n.accepting();
  }

  /** @return the role: {@value Role#ENV} from the environment, else {@code "role"} in the config, else all */
  protected Role role() {
    Role env = LauncherOptions.fromEnvironment(environment()).getRole();
    return env != null ? env : Role.parse(config().getString(Role.CONFIG_KEY));
  }

  /** @return the bound port, once started */
  public int actualPort() {
    return servers.isEmpty() ? -1 : servers.get(0).actualPort();
  }
}
