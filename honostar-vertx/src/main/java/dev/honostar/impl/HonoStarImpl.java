package dev.honostar.impl;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.command.Command;
import dev.honostar.upload.Download;
import dev.honostar.command.CustomEffect;
import dev.honostar.bus.Topic;
import dev.honostar.live.impl.LiveEndpoint;
import dev.honostar.live.impl.LiveHub;
import dev.honostar.live.impl.LivePage;
import dev.honostar.page.Layout;
import dev.honostar.page.Page;
import dev.honostar.presence.Presence;
import dev.honostar.protocol.DatastarEvent;
import dev.honostar.routing.RouteEntry;
import dev.honostar.routing.RouteFactory;
import dev.honostar.routing.RouteKind;
import dev.honostar.routing.RouteTable;
import dev.honostar.upload.impl.UploadReceiver;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.RedisSessionStore;
import dev.honostar.security.SessionStoreOptions;
import dev.honostar.security.SigningSecrets;
import dev.honostar.security.StreamLimiter;
import dev.honostar.security.TopicTokens;
import dev.honostar.view.AssetHandler;
import dev.honostar.view.RouteResolver;
import dev.honostar.view.ViewEngine;
import dev.honostar.observability.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Wires an app into a router. Registration happens before {@link #router()}; nothing changes after. */
public final class HonoStarImpl implements HonoStar {

  private static final Logger log = LoggerFactory.getLogger(HonoStarImpl.class);
  /** How long {@link #close()} waits for the spans of an exporter the app created to be sent. */
  private static final long TRACING_FLUSH_MILLIS = 5_000;

  private final Vertx vertx;
  private final HonoStarOptions options;
  private final AppRoutes routes = new AppRoutes();
  private final Map<String, CustomEffect> effects = new LinkedHashMap<>();
  private final Map<String, com.github.jknack.handlebars.Helper<?>> helpers = new LinkedHashMap<>();
  private final List<RouteResolver> resolvers = new ArrayList<>();
  private final Set<String> families = new java.util.TreeSet<>();
  private TopicChecks topicChecks;
  private MeterRegistry registry;
  private SessionStore sessionStore;
  /** The store in use, once router() completed: the app's, else the one the options chose. */
  private SessionStore resolvedSessionStore;
  private Future<Router> router;
  private TopicBus bus;
  private ViewEngine view;
  private LiveHub hub;
  private Presence presence;
  private BlockingExecutor blocking;
  private InputBinder binder;
  private Tracing tracing;
  private boolean ownsTracing;

  public HonoStarImpl(Vertx vertx, HonoStarOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  private void checkOpen() {
    if (router != null) {
      throw new IllegalStateException("Register pages, commands and effects before calling router()");
    }
  }

  @Override
  public HonoStar page(String path, Page<?> page, String templateName, List<String> layoutNames) {
    checkOpen();
    QueriesImpl queries = new QueriesImpl();
    page.queries(queries);
    List<String> chain = new ArrayList<>(layoutNames);
    if (!chain.contains(ViewEngine.DEFAULT_LAYOUT)) {
      chain.add(ViewEngine.DEFAULT_LAYOUT);
    }
    routes.pages.add(new AppRoutes.PageRoute(path, page, templateName, chain, queries, new LivePage(path, queries.byFamily)));
    return this;
  }

  @Override
  public HonoStar layout(String templateName, Layout layout) {
    checkOpen();
    routes.layouts.put(templateName, layout);
    return this;
  }

  @Override
  public HonoStar command(String path, Command command) {
    checkOpen();
    HandlersImpl handlers = new HandlersImpl(path);
    command.handlers(handlers);
    if (handlers.byMethod.isEmpty()) {
      throw new IllegalArgumentException("Command at " + path + " (" + command.getClass().getName() + ") registers no handler");
    }
    routes.commands.add(new AppRoutes.CommandRoute(path, handlers));
    return this;
  }

  @Override
  public HonoStar routes(RouteTable table, RouteFactory factory) {
    checkOpen();
    Map<String, String> layoutTemplates = new HashMap<>();
    for (RouteEntry e : table.routes()) {
      if (e.kind() == RouteKind.LAYOUT) {
        layout(e.template(), instantiate(factory, e.className(), Layout.class));
        layoutTemplates.put(e.className(), e.template());
      }
    }
    for (RouteEntry e : table.routes()) {
      switch (e.kind()) {
        case PAGE -> page(e.path(), instantiate(factory, e.className(), Page.class), e.template(),
          e.layouts().stream().map(layoutTemplates::get).toList());
        case COMMAND -> command(e.path(), instantiate(factory, e.className(), Command.class));
        default -> { }
      }
    }
    resolvers.add(table::href);
    return this;
  }

  private static <T> T instantiate(RouteFactory factory, String className, Class<T> type) {
    Object made;
    try {
      made = factory.create(Class.forName(className, true, Thread.currentThread().getContextClassLoader()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create route class " + className + ": " + e, e);
    }
    if (!type.isInstance(made)) {
      throw new IllegalStateException("Route class " + className + " must be a " + type.getSimpleName() + ", but the factory made "
        + (made == null ? "null" : made.getClass().getName()));
    }
    return type.cast(made);
  }

  @Override
  public HonoStar effect(String name, CustomEffect effect) {
    checkOpen();
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("Effect names use letters, digits, '-' and '_', starting with a letter: '" + name + "'");
    }
    if (name.equals("toast") || effects.putIfAbsent(name, effect) != null) {
      throw new IllegalArgumentException("An effect named '" + name + "' is already registered");
    }
    return this;
  }

  @Override
  public HonoStar topics(String... names) {
    checkOpen();
    for (String family : names) {
      families.add(QueriesImpl.familyName(Topic.of(family)));
    }
    return this;
  }

  @Override
  public HonoStar helper(String name, com.github.jknack.handlebars.Helper<?> helper) {
    checkOpen();
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("Helper names use letters, digits and '_', starting with a letter: '" + name + "'");
    }
    if (helpers.putIfAbsent(name, java.util.Objects.requireNonNull(helper, "helper")) != null) {
      throw new IllegalArgumentException("A helper named '" + name + "' is already registered");
    }
    return this;
  }

  @Override
  public HonoStar stream(String path, Function<RoutingContext, ReadStream<? extends DatastarEvent>> source) {
    checkOpen();
    routes.streams.add(new AppStream(path, source, DatastarEvent.class::cast));
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> HonoStar stream(String path, Function<RoutingContext, ReadStream<T>> source, Function<? super T, ? extends DatastarEvent> toEvent) {
    checkOpen();
    java.util.Objects.requireNonNull(toEvent, "toEvent");
    routes.streams.add(new AppStream(path, source, item -> toEvent.apply((T) item)));
    return this;
  }

  @Override
  public HonoStar download(String path, Function<RoutingContext, Future<Download>> source) {
    checkOpen();
    routes.downloads.add(new AppRoutes.DownloadRoute(path, java.util.Objects.requireNonNull(source, "source")));
    return this;
  }

  @Override
  public HonoStar sessionStore(SessionStore store) {
    checkOpen();
    this.sessionStore = store;
    return this;
  }

  @Override
  public HonoStar meterRegistry(MeterRegistry registry) {
    checkOpen();
    this.registry = registry;
    return this;
  }

  @Override
  public HonoStar tracing(Tracing tracing) {
    checkOpen();
    this.tracing = java.util.Objects.requireNonNull(tracing, "tracing");
    return this;
  }

  @Override
  public HonoStarOptions options() {
    return options;
  }

  @Override
  public TopicBus bus() {
    if (bus == null) {
      throw new IllegalStateException("The bus is available once router() completed");
    }
    return bus;
  }

  @Override
  public Presence presence() {
    if (presence == null) {
      throw new IllegalStateException("Presence is available once router() completed");
    }
    return presence;
  }

  @Override
  public synchronized Future<Router> router() {
    if (router == null) {
      router = build();
    }
    return router;
  }

  private Future<Router> build() {
    Map<String, String> env = options.getEnvironment();
    MeterRegistry meters = registry != null ? registry : defaultRegistry();
    BusKind kind = options.getBus().resolveKind(vertx.isClustered());
    SigningSecrets secrets;
    try {
      secrets = SigningSecrets.resolve(options.getSecurity(), env, kind != BusKind.LOCAL);
      options.getPresence().check();
      if (tracing == null) {
        tracing = Tracing.create(options.getObservability());
        ownsTracing = true;
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    blocking = BlockingExecutor.create(vertx, options.isVirtualThreads());
    binder = new InputBinder();
    Future<AssetHandler> assets = AssetHandler.create(vertx, options.getView());
    // Templates come from the caller's class loader; the callback below runs on an event loop.
    ClassLoader appLoader = Thread.currentThread().getContextClassLoader();
    Future<ViewEngine> views = assets.compose(a -> withContextLoader(appLoader, () -> ViewEngine.create(vertx, options.getView(), this::href, a, helpers)));
    Future<TopicBus> buses = TopicBus.create(vertx, options.getBus(), meters);
    // After the bus: on a redis bus both use one Redis, and a broken URL or an unreachable
    // server is then reported once, as the bus's error.
    Future<SessionStore> sessions = buses.compose(b -> sessionStore(kind));
    return Future.join(views, buses, sessions).recover(err -> {
      // Whatever did start is closed, so a failed start leaves no connection behind.
      if (sessions.succeeded() && sessions.result() != sessionStore) {
        sessions.result().close();
      }
      return buses.succeeded() ? buses.result().close().transform(x -> Future.failedFuture(err)) : Future.failedFuture(err);
    }).compose(all -> {
      view = views.result();
      bus = buses.result();
      resolvedSessionStore = sessions.result();
      routes.checkTemplates(view);
      hub = new LiveHub(vertx, options.getLive(), bus, view, blocking, meters);
      hub.tracing(tracing);
      // On the hub's context, which presence is confined to as well.
      presence = Presence.create(vertx, bus, options.getPresence());
      hub.presence(presence);
      Map<String, Set<String>> queried = new LinkedHashMap<>();
      routes.pages.forEach(p -> queried.put(p.path(), p.queries().byFamily.keySet()));
      boolean warnUnqueried = options.getLive().isWarnUnqueriedTopics();
      TopicChecks topicChecks = new TopicChecks(queried, families, warnUnqueried);
      this.topicChecks = topicChecks;
      topicChecks.atStartup();
      if (warnUnqueried) {
        hub.unheardHandler(topicChecks::unheard);
      }
      TopicTokens tokens = TopicTokens.create(secrets, options.getSecurity());
      Map<String, LivePage> livePages = new HashMap<>();
      routes.pages.forEach(p -> livePages.put(p.path(), p.live()));
      LiveEndpoint live = new LiveEndpoint(vertx, hub, tokens, StreamLimiter.create(options.getSecurity()), options.getSecurity(),
        livePages, options.getLive().getEventsPath());
      live.logFormat(options.getObservability().getLogFormat());
      RequestData requestData = new RequestData(options.getSecurity().getCsrf().getCookieName());
      Replies replies = new Replies(view, effects, requestData);
      hub.effectExpander(list -> replies.expand(list, Map.of()));
      // One handler: its flush stores a command's session change before the command's reply.
      SessionHandler sessionHandler = SecurityHandlers.sessionHandler(vertx, options.getSecurity(), resolvedSessionStore);
      PageRenderer pageRenderer = new PageRenderer(view, routes.layouts, topicChecks, live, blocking, requestData);
      CommandPipeline pipeline = new CommandPipeline(options.getSecurity().getLimits().getMaxBodyBytes(), binder, blocking, tracing, topicChecks, bus,
        sessionHandler, replies, new UploadReceiver(vertx, options.getSecurity()));
      ErrorResponder errors = new ErrorResponder(view, options.getView().isShowErrorDetails(), requestData);
      Router r = new RouterAssembly(vertx, options, tracing).assemble(routes, assets.result(), sessionHandler, live, pageRenderer, pipeline, errors);
      if (options.getObservability().isLogRoutes()) {
        log.info(routes.describe(options.getLive().getEventsPath()));
      }
      return Future.succeededFuture(r);
    });
  }

  private static <T> T withContextLoader(ClassLoader loader, java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader != null ? loader : previous);
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private MeterRegistry defaultRegistry() {
    MeterRegistry fromVertx = BackendRegistries.getDefaultNow();
    return fromVertx != null ? fromVertx : new SimpleMeterRegistry();
  }

  private String href(String name, Map<String, Object> params) {
    IllegalArgumentException unknown = null;
    for (RouteResolver r : resolvers) {
      try {
        return r.href(name, params);
      } catch (IllegalArgumentException e) {
        unknown = e;
      }
    }
    throw unknown != null ? unknown : new IllegalArgumentException("No route named '" + name + "': named routes come from a generated route table (docs/routing.md)");
  }

  /**
   * The app's store, else the one {@code sessionStore} options choose: Redis (a redis bus, or
   * {@code HONOSTAR_SESSION_STORE_REDIS_URL}; fails the start when unreachable), the cluster-wide map
   * when Vert.x runs clustered, else this node's memory (docs/scaling.md#sessions-across-nodes).
   */
  private Future<SessionStore> sessionStore(BusKind busKind) {
    if (sessionStore != null) {
      return Future.succeededFuture(sessionStore);
    }
    SessionStoreOptions sessions = options.getSessionStore();
    SessionStoreOptions.Kind kind;
    try {
      kind = sessions.resolveKind(busKind, vertx.isClustered());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (kind == SessionStoreOptions.Kind.LOCAL && busKind == BusKind.NATS) {
      log.warn("Sessions are kept in each node's memory on a nats bus: a signed-in user is signed out when a request reaches another node. "
        + "Set {} (Redis) for a store every node sees, or use sticky sessions.", SessionStoreOptions.ENV_REDIS_URL);
    }
    return switch (kind) {
      case REDIS -> RedisSessionStore.create(vertx, sessions.resolveRedisUrl(options.getBus()), sessions).map(s -> (SessionStore) s);
      case CLUSTERED -> Future.succeededFuture(io.vertx.ext.web.sstore.ClusteredSessionStore.create(vertx));
      default -> Future.succeededFuture(LocalSessionStore.create(vertx));
    };
  }

  @Override
  public Future<Void> publish(Topic topic, String name, JsonObject payload) {
    TopicBus started = bus();
    topicChecks.published(topic, name, "HonoStar.publish");
    return started.publish(DomainEvent.of(topic.name(), name, payload));
  }

  /** Not the bus: without it this node still serves pages and commands (see docs/deployment.md). */
  @Override
  public boolean ready() {
    return router != null && router.succeeded() && !hub.isDraining();
  }

  @Override
  public Future<Void> drain() {
    return hub == null ? Future.succeededFuture() : hub.drain();
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    // Presence says goodbye on the bus before it closes, so other nodes drop this node's members at once.
    drain().eventually(() -> presence == null ? Future.succeededFuture() : presence.close())
      .eventually(() -> bus == null ? Future.succeededFuture() : bus.close()).onComplete(ar -> {
      if (hub != null) {
        hub.close();
      }
      if (view != null) {
        view.close();
      }
      if (blocking != null) {
        blocking.close();
      }
      if (binder != null) {
        binder.close();
      }
      if (resolvedSessionStore != null && resolvedSessionStore != sessionStore) {
        resolvedSessionStore.close();
      }
      if (!ownsTracing) {
        done.complete();
        return;
      }
      // The last spans are flushed before the app reports closed (a process exits next), but an unreachable
      // collector does not hold the shutdown longer than TRACING_FLUSH_MILLIS.
      long timer = vertx.setTimer(TRACING_FLUSH_MILLIS, id -> done.tryComplete());
      tracing.close().onComplete(x -> {
        vertx.cancelTimer(timer);
        done.tryComplete();
      });
    });
    return done.future();
  }
}
