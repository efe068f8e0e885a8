package dev.honostar;

import com.github.jknack.handlebars.Helper;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import dev.honostar.command.Command;
import dev.honostar.upload.Download;
import dev.honostar.command.CustomEffect;
import dev.honostar.impl.HonoStarImpl;
import dev.honostar.page.Layout;
import dev.honostar.page.Page;
import dev.honostar.protocol.DatastarEvent;
import dev.honostar.routing.RouteFactory;
import dev.honostar.routing.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Function;

/**
 * The entry point: one call turns an app's pages, commands, topics and options into a Vert.x
 * Web {@link Router}, with sessions, CSRF, CSP, security headers, body limits, assets, error
 * pages and the live stream endpoint already wired in the right order. Mount it at any path of
 * an existing router, or let the ready-made verticles serve it.
 *
 * <pre>{@code
 * HonoStarOptions options = HonoStarOptions.load(config, System.getenv());
 * HonoStar.create(vertx, options)
 *     .routes(RouteTable.discover())                 // file-based routes (docs/routing.md), or:
 *     .page("/", new HomePage(), "home")             // path, page, template
 *     .command("/counter", new CounterCommand())
 *     .router()
 *     .onSuccess(router -> vertx.createHttpServer(options.applyTo(new HttpServerOptions()))
 *         .requestHandler(router).listen(8080));
 * }</pre>
 */
public interface HonoStar {

  /** An app with default options (development mode, local bus). */
  static HonoStar create(Vertx vertx) {
    return create(vertx, new HonoStarOptions());
  }

  static HonoStar create(Vertx vertx, HonoStarOptions options) {
    return new HonoStarImpl(vertx, options);
  }

  /** Adds a page; its template is {@code templateName} wrapped in {@code layouts} (innermost first; the default layout last). */
  HonoStar page(String path, Page<?> page, String templateName, List<String> layouts);

  /** Adds a page rendered from {@code templateName} in the default layout. */
  default HonoStar page(String path, Page<?> page, String templateName) {
    return page(path, page, templateName, List.of());
  }

  /** Adds a layout used by the pages at or below {@code path} that name its template. */
  HonoStar layout(String templateName, Layout layout);

  /** Adds a command's handlers at {@code path}. */
  HonoStar command(String path, Command command);

  /**
   * Adds every page, layout and command of a route table (usually generated; see
   * docs/routing.md), each made with its public no-argument constructor.
   */
  default HonoStar routes(RouteTable table) {
    return routes(table, RouteFactory.noArgs());
  }

  /** Adds every page, layout and command of a route table, each made by {@code factory} (e.g. {@link RouteFactory#of(Object...)}). */
  HonoStar routes(RouteTable table, RouteFactory factory);

  /**
   * Adds the routes of every table (typically {@code routes(RouteTable.discover())}), each class
   * made with its public no-argument constructor.
   *
   * @throws IllegalStateException when there is none: the annotation processor did not run
   *     (see docs/routing.md), which would otherwise be an app without routes
   */
  default HonoStar routes(List<? extends RouteTable> tables) {
    return routes(tables, RouteFactory.noArgs());
  }

  /**
   * Adds the routes of every table, e.g. {@code routes(RouteTable.discover(), RouteFactory.of(store))}.
   *
   * @throws IllegalStateException when there is no table (see {@link #routes(List)})
   */
  default HonoStar routes(List<? extends RouteTable> tables, RouteFactory factory) {
    if (tables.isEmpty()) {
      throw new IllegalStateException("No route table found: add honostar-codegen as an annotation processor and mark the routes' package"
        + " with @RouteRoot (docs/routing.md), or register a RouteTable in META-INF/services/dev.honostar.routing.RouteTable");
    }
    for (RouteTable table : tables) {
      routes(table, factory);
    }
    return this;
  }

  /**
   * Declares the app's topic families, so mismatches are found at startup rather than as a list
   * that never updates: a page's query for an undeclared family and a declared family no page
   * has a query for are logged as warnings when {@link #router()} builds; publishing on, or a
   * page subscribing to, an undeclared family is logged once per family. Optional: without it
   * the framework still logs a page that subscribes to a family it has no query for and, in
   * development, an event on a family no page has a query for.
   *
   * <pre>{@code
   * HonoStar.create(vertx, options)
   *     .topics("issues", "issue", "labels")      // Topic.of("issue", 42) is in family "issue"
   *     .page("/issues", new IssuesPage(), "issues/index");
   * }</pre>
   */
  HonoStar topics(String... families);

  /** Registers a custom effect by name (e.g. {@code toast}, which is built in). */
  HonoStar effect(String name, CustomEffect effect);

  /**
   * Registers a Handlebars helper for every template of the app. Handlebars binds helpers when
   * it compiles a template, so they are registered here, before {@link #router()}; a name the
   * framework already uses ({@code route}, {@code csrfField}, ...) fails at startup.
   *
   * <pre>{@code
   * honostar.helper("upper", (Helper<Object>) (value, options) -> String.valueOf(value).toUpperCase(Locale.ROOT));
   * // in a template: {{upper issue.title}}
   * }</pre>
   */
  HonoStar helper(String name, Helper<?> helper);

  /**
   * Answers GET {@code path} with an SSE stream fed by an application-owned source (a
   * {@link ReadStream} of effects; see the next method for other items),
   * with heartbeats and backpressure; the source is paused while the client is slow and
   * released when the client goes away.
   */
  HonoStar stream(String path, Function<RoutingContext, ReadStream<? extends DatastarEvent>> source);

  /**
   * Like {@link #stream(String, Function)} for a source of anything else, e.g. an event-bus
   * consumer's {@code bodyStream()}: {@code toEvent} turns each item into the effect sent.
   *
   * <pre>{@code
   * honostar.stream("/clock", ctx -> vertx.eventBus().<String>consumer("clock").bodyStream(),
   *     time -> PatchElements.of("<time id=\"clock\">" + time + "</time>"));
   * }</pre>
   */
  <T> HonoStar stream(String path, Function<RoutingContext, ReadStream<T>> source, Function<? super T, ? extends DatastarEvent> toEvent);

  /**
   * A GET route answering with a stored file as a download ({@link Download}: attachment, safe
   * name, {@code nosniff}, sent from disk); {@code source} gives {@code null} for 404, and may fail
   * with a {@link dev.honostar.page.HaltException} (403, 404).
   *
   * <pre>{@code
   * honostar.download("/files/:id", ctx -> files.find(ctx.pathParam("id"))
   *     .map(f -> f == null ? null : Download.of(f.path(), f.fileName(), f.contentType())));
   * }</pre>
   */
  HonoStar download(String path, Function<RoutingContext, Future<Download>> source);

  /**
   * Keeps sessions in {@code store}, instead of the one the {@code sessionStore} options choose:
   * Redis on a Redis bus or with {@code HONOSTAR_SESSION_STORE_REDIS_URL}
   * ({@link dev.honostar.security.RedisSessionStore}), the cluster-wide map when Vert.x runs
   * clustered, else this node's memory (then nodes behind a load balancer need sticky
   * sessions). Live streams need none of it: their tokens are bound to a cookie.
   *
   * <pre>{@code
   * RedisSessionStore.create(vertx, "redis://sessions:6379", new SessionStoreOptions())
   *   .compose(store -> HonoStar.create(vertx, options).sessionStore(store).page(...).router());
   * }</pre>
   */
  HonoStar sessionStore(io.vertx.ext.web.sstore.SessionStore store);

  /** Uses this registry for the framework's meters (default: Vert.x's Micrometer registry when metrics are on, else a private one). */
  HonoStar meterRegistry(MeterRegistry registry);

  /**
   * Traces requests, commands, renders and fan-outs into {@code tracing} (default:
   * {@code Tracing.create(options().getObservability())}, which is off unless an OTLP endpoint is configured, and is
   * closed with the app). An instance given here is the caller's to close.
   *
   * <pre>{@code
   * HonoStar.create(vertx, options).tracing(Tracing.create(openTelemetry));
   * }</pre>
   */
  HonoStar tracing(dev.honostar.observability.Tracing tracing);

  /** Builds the router (once): starts the view engine and connects the bus. Fails with a clear message when configuration is wrong or a broker is unreachable. */
  Future<Router> router();

  /** Publishes a domain event from outside a command (webhooks, jobs). Available once {@link #router()} completed. */
  Future<Void> publish(Topic topic, String name, JsonObject payload);

  /** @return the bus, once {@link #router()} completed */
  TopicBus bus();

  /**
   * @return who is viewing each topic, across nodes (docs/presence.md); available once {@link #router()} completed
   * @throws IllegalStateException before that
   */
  dev.honostar.presence.Presence presence();

  /** @return the options in use */
  HonoStarOptions options();

  /**
   * @return whether the node accepts traffic: started and not draining. A bus outage does not
   *     count: the node still serves pages and commands, only live updates from other nodes
   *     pause; {@code bus().health()} and the {@code honostar_bus_up} gauge report it.
   */
  boolean ready();

  /** Stops accepting live streams and closes the open ones over the drain window. */
  Future<Void> drain();

  /** Drains, then closes the bus and the view engine. */
  Future<Void> close();
}
