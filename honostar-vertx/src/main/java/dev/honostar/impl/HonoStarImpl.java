package dev.honostar.impl;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.command.Command;
import dev.honostar.command.CustomEffect;
import dev.honostar.command.ValidationException;
import dev.honostar.live.Topic;
import dev.honostar.live.impl.LiveEndpoint;
import dev.honostar.live.impl.LiveHub;
import dev.honostar.live.impl.LivePage;
import dev.honostar.page.Head;
import dev.honostar.page.Layout;
import dev.honostar.page.Page;
import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.Signals;
import dev.honostar.protocol.SseOptions;
import dev.honostar.protocol.SseStream;
import dev.honostar.routing.RouteEntry;
import dev.honostar.routing.RouteFactory;
import dev.honostar.routing.RouteKind;
import dev.honostar.routing.RouteTable;
import dev.honostar.security.CommandRateLimiter;
import dev.honostar.security.CspHandler;
import dev.honostar.security.CsrfHandler;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.SecurityHeadersHandler;
import dev.honostar.security.RedisSessionStore;
import dev.honostar.security.SessionStoreOptions;
import dev.honostar.security.SigningSecrets;
import dev.honostar.security.StreamLimiter;
import dev.honostar.security.TopicTokens;
import dev.honostar.view.AssetHandler;
import dev.honostar.view.RouteResolver;
import dev.honostar.view.Theme;
import dev.honostar.view.ViewEngine;
import dev.honostar.observability.ObservabilityHandler;
import dev.honostar.observability.Tracing;
import dev.honostar.observability.impl.CommandSpans;
import dev.honostar.observability.impl.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
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

  private record PageDef(String path, Page<?> page, String template, List<String> layouts, QueriesImpl queries, LivePage live) {
  }

  private record CommandDef(String path, HandlersImpl handlers) {
  }

  /** An app stream: its source's items become effects through {@code toEvent}. */
  private record StreamDef(String path, Function<RoutingContext, ? extends ReadStream<?>> source, Function<Object, ? extends DatastarEvent> toEvent) {
  }

  private final Vertx vertx;
  private final HonoStarOptions options;
  private final List<PageDef> pages = new ArrayList<>();
  private final List<CommandDef> commands = new ArrayList<>();
  private final List<StreamDef> streams = new ArrayList<>();
  private final Map<String, Layout> layouts = new HashMap<>();
  private final Map<String, CustomEffect> effects = new LinkedHashMap<>();
  private final Map<String, com.github.jknack.handlebars.Helper<?>> helpers = new LinkedHashMap<>();
  private final List<RouteResolver> resolvers = new ArrayList<>();
  private final Set<String> families = new java.util.TreeSet<>();
  private TopicChecks topicChecks;
  private MeterRegistry registry;
  private SessionStore sessionStore;
  /** The store in use, once router() completed: the app's, else the one the options chose. */
  private SessionStore resolvedSessionStore;
  /** The router's session handler, whose flush stores a command's session change before its reply. */
  private io.vertx.ext.web.handler.SessionHandler sessionHandler;
  private Future<Router> router;
  private TopicBus bus;
  private ViewEngine view;
  private LiveHub hub;
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
    pages.add(new PageDef(path, page, templateName, chain, queries, new LivePage(path, queries.byFamily)));
    return this;
  }

  @Override
  public HonoStar layout(String templateName, Layout layout) {
    checkOpen();
    layouts.put(templateName, layout);
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
    commands.add(new CommandDef(path, handlers));
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
      if (family == null || family.indexOf(':') >= 0 || !Topic.isValid(family)) {
        throw new IllegalArgumentException("Invalid topic family '" + family + "': use the part of a topic name before ':'");
      }
      families.add(family);
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
    streams.add(new StreamDef(path, source, DatastarEvent.class::cast));
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> HonoStar stream(String path, Function<RoutingContext, ReadStream<T>> source, Function<? super T, ? extends DatastarEvent> toEvent) {
    checkOpen();
    java.util.Objects.requireNonNull(toEvent, "toEvent");
    streams.add(new StreamDef(path, source, item -> toEvent.apply((T) item)));
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
      secrets = SigningSecrets.resolve(options.getSecurity(), env, options.isProduction(), kind != BusKind.LOCAL);
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
      checkRegions();
      hub = new LiveHub(vertx, options.getLive(), bus, view, blocking, meters);
      hub.tracing(tracing);
      Map<String, Set<String>> queried = new LinkedHashMap<>();
      pages.forEach(p -> queried.put(p.path, p.queries.byFamily.keySet()));
      topicChecks = new TopicChecks(queried, families, options.isProduction());
      topicChecks.atStartup();
      if (!options.isProduction()) {
        hub.unheardHandler(topicChecks::unheard);
      }
      TopicTokens tokens = TopicTokens.create(secrets, options.getSecurity());
      Map<String, LivePage> livePages = new HashMap<>();
      for (PageDef p : pages) {
        livePages.put(p.path, p.live);
      }
      LiveEndpoint live = new LiveEndpoint(vertx, hub, tokens, StreamLimiter.create(options.getSecurity()), options.getSecurity(),
        livePages, options.getLive().getEventsPath(), options.isProduction());
      live.logFormat(options.getObservability().getLogFormat());
      Router r = assemble(assets.result(), live);
      if (!options.isProduction()) {
        logRoutes();
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

  /** Fails startup when a page declares a region or uses a template that does not exist. */
  private void checkRegions() {
    List<String> missing = new ArrayList<>();
    for (PageDef p : pages) {
      if (!view.hasTemplate(p.template)) {
        missing.add("template '" + p.template + "' of page " + p.path);
      }
      for (String region : p.queries.regions()) {
        if (!view.hasTemplate(region)) {
          missing.add("region '" + region + "' of page " + p.path);
        }
      }
      for (String layout : p.layouts) {
        if (!view.hasTemplate(layout)) {
          missing.add("layout '" + layout + "' of page " + p.path);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Missing templates: " + String.join(", ", missing));
    }
  }

  private Router assemble(AssetHandler assets, LiveEndpoint live) {
    var security = options.getSecurity();
    boolean production = options.isProduction();
    ErrorResponder errors = new ErrorResponder(view, production);
    Replies replies = new Replies(view, effects, security.getCsrfCookieName());
    hub.effectExpander(list -> replies.expand(list, Map.of()));
    Router r = Router.router(vertx);
    // First: every later handler, error pages included, has the request id (RequestId.KEY) and the request's span.
    r.route().handler(ObservabilityHandler.create(tracing));
    SecurityHandlers.handleLimitErrors(r);
    // The fixed security headers go on every answer, assets and errors included.
    r.route().handler(SecurityHeadersHandler.create(security, production));
    // Then, without a path: ambiguous framing, and malformed percent-escapes (with which
    // vertx-web throws while matching a path: a 500 and an error logged per request, and its
    // BodyHandler throws on the query of a form post, so the request hangs).
    r.route().handler(SecurityHandlers.requestFraming());
    // Assets first: they need no session, cookie or CSRF work.
    r.get(options.getView().getAssetsPath() + "*").handler(assets);
    sessionHandler = SecurityHandlers.sessionHandler(vertx, security, production, resolvedSessionStore);
    r.route()
      .handler(sessionHandler)
      // A self-hosted runtime comes from 'self': the CDN then drops out of the policy.
      .handler(CspHandler.create(options.getView().getDatastarFile() != null ? new dev.honostar.security.SecurityOptions(security).setRuntimeOrigin("") : security));
    // Only methods with a body read one: vertx-web's BodyHandler throws on a GET that claims a
    // form body, which would be a 500 for a harmless request.
    r.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).method(HttpMethod.DELETE)
      .handler(SecurityHandlers.bodyHandler(security));
    r.route().handler(CsrfHandler.create(security, production));
    r.get(options.getLive().getEventsPath()).handler(live);
    CommandRateLimiter limiter = CommandRateLimiter.tokenBucket(security);

    List<PageDef> orderedPages = new ArrayList<>(pages);
    orderedPages.sort(STATIC_FIRST.thenComparing(PageDef::path));
    for (PageDef p : orderedPages) {
      var route = r.get(p.path);
      p.page.middleware().forEach(route::handler);
      route.handler(ctx -> renderPage(ctx, p, live));
    }
    List<CommandDef> orderedCommands = new ArrayList<>(commands);
    orderedCommands.sort(Comparator.comparing((CommandDef c) -> dynamic(c.path)).thenComparing(CommandDef::path));
    for (CommandDef c : orderedCommands) {
      c.handlers.byMethod.forEach((method, entry) -> {
        var route = r.route(method, c.path);
        route.handler(CommandRateLimiter.handler(limiter));
        c.handlers.before.forEach(route::handler);
        route.handler(ctx -> runCommand(ctx, entry, replies));
      });
    }
    for (StreamDef s : streams) {
      r.get(s.path).handler(ctx -> pipe(ctx, s));
    }
    r.errorHandler(404, ctx -> errors.respond(ctx, 404, null));
    r.errorHandler(405, ctx -> errors.respond(ctx, 405, null));
    r.route().failureHandler(errors::handle);
    return r;
  }

  /** @return whether every {@code %} in {@code path} (a path or a whole URI) starts a two-digit hex escape */
  static boolean validPercentEncoding(String path) {
    return dev.honostar.security.impl.RequestInfo.validPercentEncoding(path);
  }

  /**
   * The app's store, else the one {@code sessionStore} options choose: Redis (a redis bus, or
   * {@code HONOSTAR_SESSION_REDIS_URL}; fails the start when unreachable), the cluster-wide map
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

  private static int dynamic(String path) {
    return path.contains("*") ? 2 : path.contains(":") ? 1 : 0;
  }

  private static final Comparator<PageDef> STATIC_FIRST = Comparator.comparing(p -> dynamic(p.path));

  @SuppressWarnings("unchecked")
  private void renderPage(RoutingContext ctx, PageDef def, LiveEndpoint live) {
    PageContextImpl pc = new PageContextImpl(ctx, blocking);
    Page<Object> page = (Page<Object>) def.page;
    Future<Object> model;
    try {
      model = page.load(pc);
    } catch (RuntimeException e) {
      model = Future.failedFuture(e);
    }
    model.compose(m -> layoutData(def, pc).map(layoutData -> {
      Head head = new Head();
      page.head(head, m);
      Map<String, Object> data = new HashMap<>();
      data.put(ViewEngine.DATA_HEAD, head.toData());
      data.put("layout", layoutData);
      putRequestData(ctx, data);
      data.put("errors", Flash.take(ctx.session(), Flash.ERRORS));
      data.put("input", Flash.take(ctx.session(), Flash.INPUT));
      data.put("flashForm", Flash.takeForm(ctx.session()));
      Set<Topic> topics = page.topics(pc, m);
      topicChecks.subscribed(def.path, topics);
      if (!topics.isEmpty()) {
        data.put(ViewEngine.DATA_LIVE, live.element(ctx, def.path, topics.stream().map(Topic::name).toList(),
          viewParams(ctx, def.live), page.viewerKey(pc, m), basePath(ctx)));
      }
      return view.renderPage(def.template, m, def.layouts, data);
    })).onSuccess(html -> ctx.response()
      .putHeader("Content-Type", "text/html; charset=utf-8")
      .putHeader("Cache-Control", "no-store")
      .end(html)).onFailure(ctx::fail);
  }

  /**
   * @return the URL parameters the page's live regions depend on ({@code ViewKey.params}), as
   *     this request has them: a path parameter, else the first query parameter of the name
   */
  private static Map<String, String> viewParams(RoutingContext ctx, LivePage page) {
    if (page.viewParams().isEmpty()) {
      return Map.of();
    }
    Map<String, String> params = new HashMap<>();
    for (String name : page.viewParams()) {
      String value = ctx.pathParam(name);
      if (value == null) {
        value = ctx.queryParams().get(name);
      }
      if (value != null) {
        params.put(name, value);
      }
    }
    return params;
  }

  /** The path this router is mounted at, without a trailing slash ({@code ""} at the root). */
  static String basePath(RoutingContext ctx) {
    String mount = ctx.mountPoint();
    if (mount == null || mount.equals("/")) {
      return "";
    }
    return mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
  }

  private static void putRequestData(RoutingContext ctx, Map<String, Object> data) {
    data.put(ViewEngine.DATA_BASE_PATH, basePath(ctx));
    String nonce = CspHandler.nonce(ctx);
    if (nonce != null) {
      data.put(ViewEngine.DATA_NONCE, nonce);
    }
    String csrf = CsrfHandler.token(ctx);
    if (csrf != null) {
      data.put(ViewEngine.DATA_CSRF_TOKEN, csrf);
    }
    Cookie theme = ctx.request().getCookie(Theme.COOKIE_NAME);
    data.put(ViewEngine.DATA_THEME, Theme.fromCookie(theme == null ? null : theme.getValue()).cookieValue());
  }

  private Future<Map<String, Object>> layoutData(PageDef def, PageContextImpl pc) {
    List<Future<Map<String, Object>>> parts = new ArrayList<>();
    for (String name : def.layouts) {
      Layout layout = layouts.get(name);
      if (layout != null) {
        parts.add(layout.data(pc));
      }
    }
    if (parts.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return Future.all(parts).map(all -> {
      Map<String, Object> merged = new HashMap<>();
      // Outer layouts first, so an inner layout's value wins.
      for (int i = parts.size() - 1; i >= 0; i--) {
        merged.putAll(all.<Map<String, Object>>resultAt(i));
      }
      return merged;
    });
  }

  private void runCommand(RoutingContext ctx, HandlersImpl.Entry entry, Replies replies) {
    // Named by its route, for the topic checks' messages.
    String command = "Command " + ctx.request().method() + " " + (ctx.currentRoute() != null && ctx.currentRoute().getPath() != null
      ? ctx.currentRoute().getPath() : ctx.normalizedPath());
    Signals.read(ctx, options.getSecurity().getMaxBodyBytes()).onComplete(read -> {
      if (read.failed()) {
        ctx.fail(read.cause());
        return;
      }
      CommandContextImpl cc = new CommandContextImpl(ctx, read.result(), binder, blocking);
      Span span = CommandSpans.start(tracing, ctx);
      // Untraced: the root context, whose makeCurrent() is a no-op.
      io.opentelemetry.context.Context traced = span.getSpanContext().isValid() ? TraceContexts.of(ctx).with(span)
        : io.opentelemetry.context.Context.root();
      Future<?> run;
      // Current while the handler runs (on a virtual thread too), so the app's own spans and publishes join the trace.
      try (Scope ignored = traced.makeCurrent()) {
        run = entry.async() != null ? entry.async().handle(cc) : blocking.run(traced.wrap(() -> {
          entry.blocking().handle(cc);
          return null;
        }));
        if (run == null) {
          run = Future.succeededFuture();
        }
      } catch (RuntimeException e) {
        run = Future.failedFuture(e);
      }
      run.compose(v -> publishAll(cc, command, traced)).compose(v -> storeSession(ctx)).compose(v -> replies.send(ctx, cc)).onComplete(ar -> CommandSpans.end(span, ar)).onFailure(err -> {
        if (ctx.response().ended()) {
          return;
        }
        if (err instanceof ValidationException ve) {
          replies.invalid(ctx, ve, cc.form());
        } else {
          ctx.fail(err);
        }
      });
    });
  }

  /**
   * Stores a command's session change (a sign-in) before the reply goes out. vertx-web stores it
   * when the headers are written without waiting, so with a shared store (Redis) the browser's
   * next request could reach another node before the write and find itself signed out.
   */
  private Future<Void> storeSession(RoutingContext ctx) {
    io.vertx.ext.web.Session session = ctx.session();
    if (sessionHandler == null || session == null || session.isDestroyed() || session.isEmpty()) {
      return Future.succeededFuture();
    }
    return sessionHandler.flush(ctx).recover(err -> {
      log.warn("Storing the session before the reply failed; it is stored again with the reply: {}", err.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<Void> publishAll(CommandContextImpl cc, String command, io.opentelemetry.context.Context traced) {
    List<Future<Void>> all = new ArrayList<>();
    // The events carry the command's span: every node's renders and fan-outs join its trace.
    Map<String, String> trace = TraceContexts.headers(traced);
    for (CommandContextImpl.Published p : cc.events) {
      topicChecks.published(p.topic(), p.name(), command);
      // A failed publish was still delivered on this node; the reply goes out regardless.
      all.add(bus.publish(DomainEvent.of(p.topic().name(), p.name(), p.payload()).withTraceContext(trace))
        .recover(err -> {
          log.warn("Publishing {} on {} reached only this node: {}", p.name(), p.topic(), err.getMessage());
          return Future.succeededFuture();
        }));
    }
    return Future.all(all).mapEmpty();
  }

  private void pipe(RoutingContext ctx, StreamDef def) {
    ReadStream<?> source;
    try {
      source = def.source.apply(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    SseStream sse = SseStream.create(ctx, new SseOptions().setHeartbeatMillis(options.getLive().getHeartbeatMillis()));
    source.handler(event -> {
      sse.send(def.toEvent.apply(event));
      if (sse.writeQueueFull()) {
        source.pause();
      }
    });
    sse.drainHandler(v -> source.resume());
    source.exceptionHandler(err -> {
      log.warn("Stream source of {} failed: {}", def.path, err.getMessage());
      sse.end();
    });
    source.endHandler(v -> sse.end());
    sse.closeHandler(v -> {
      // Release the source: a null handler also unregisters an event-bus consumer's body stream.
      source.handler(null);
      if (source instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.debug("Closing the stream source of {} failed: {}", def.path, e.getMessage());
        }
      }
    });
  }

  private void logRoutes() {
    StringBuilder sb = new StringBuilder("HonoStar routes:");
    pages.stream().sorted(STATIC_FIRST.thenComparing(PageDef::path))
      .forEach(p -> sb.append("\n  GET    ").append(p.path).append("  → ").append(p.page.getClass().getSimpleName()).append(" (").append(p.template).append(')'));
    commands.forEach(c -> c.handlers.byMethod.keySet().forEach(m -> sb.append("\n  ").append(String.format("%-6s", m.name())).append(' ').append(c.path)));
    streams.forEach(s -> sb.append("\n  GET    ").append(s.path).append("  (stream)"));
    sb.append("\n  GET    ").append(options.getLive().getEventsPath()).append("  (live updates)");
    log.info(sb.toString());
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
    drain().eventually(() -> bus == null ? Future.succeededFuture() : bus.close()).onComplete(ar -> {
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
