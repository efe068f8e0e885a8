package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.Response;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

/** Starts {@link BoardApp} on a free port for each test, and points the test kit at it. */
abstract class BoardFixture {

  Vertx vertx;
  HttpServer server;
  BoardApp app;
  SimpleMeterRegistry meters;
  /** The test kit, pointed at {@link #server}. */
  HonoStarTest kit;

  /** Threads that served a live stream's request (when {@link #serverInstances()} > 1). */
  final java.util.Set<String> streamThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** How many HTTP servers, each on its own event loop, serve the one app; override to change. */
  int serverInstances() {
    return 1;
  }

  /** Options for this test class; override to change them. */
  HonoStarOptions options() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    options.getLive().setCoalesceMillis(0);
    return options;
  }

  @BeforeEach
  void startApp() throws Exception {
    vertx = Vertx.vertx();
    app = new BoardApp();
    meters = new SimpleMeterRegistry();
    HonoStarOptions options = options();
    io.vertx.core.http.HttpServerOptions serverOptions = options.applyTo(new io.vertx.core.http.HttpServerOptions());
    int instances = serverInstances();
    if (instances == 1) {
      server = app.router(vertx, options, meters)
        .compose(router -> vertx.createHttpServer(serverOptions).requestHandler(router).listen(0))
        .await(20, TimeUnit.SECONDS);
      kit = kit(server.actualPort());
      return;
    }
    // One app, one hub, served by several servers on one port: Vert.x spreads connections over them.
    io.vertx.ext.web.Router appRouter = app.router(vertx, options, meters).await(20, TimeUnit.SECONDS);
    io.vertx.ext.web.Router root = io.vertx.ext.web.Router.router(vertx);
    root.route("/_/events").handler(ctx -> {
      streamThreads.add(Thread.currentThread().getName());
      ctx.next();
    });
    root.route("/*").subRouter(appRouter);
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    serverOptions.setPort(port);
    java.util.List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
      @Override
      public io.vertx.core.Future<?> start() {
        return vertx.createHttpServer(serverOptions).requestHandler(root).listen().onSuccess(servers::add);
      }
    }, new io.vertx.core.DeploymentOptions().setInstances(instances)).await(20, TimeUnit.SECONDS);
    server = servers.get(0);
    kit = kit(port);
  }

  private HonoStarTest kit(int port) {
    return kit(vertx, port);
  }

  /** The test kit pointed at an app served on this port of localhost. */
  static HonoStarTest kit(Vertx vertx, int port) {
    // Longer than the kit's default: a loaded two-core CI machine is slow.
    return HonoStarTest.at(vertx, "http://localhost:" + port).timeout(Duration.ofSeconds(10));
  }

  /** A new browser session on the app served on this port of localhost. */
  static Browser browserAt(Vertx vertx, int port) {
    return kit(vertx, port).browser();
  }

  @AfterEach
  void stopApp() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  /** A new browser session (its own cookie jar). */
  Browser browser() {
    return kit.browser();
  }

  /**
   * A Datastar action that sends exactly {@code signals} (its {@code payload}), as an element of
   * the page with {@code data-on:click="@post('/path', {payload: …})"} would; its reply is
   * applied to the tab.
   */
  static Response command(Tab tab, HttpMethod method, String path, JsonObject signals) {
    return tab.run("@" + method.name().toLowerCase(Locale.ROOT) + "('" + path + "', {payload: " + signals.encode() + "})");
  }

  /**
   * A form post as a browser without JavaScript sends it from the tab's page, with exactly these
   * fields (name, value, ...: no hidden {@code _csrf} unless given); the reply as received.
   */
  static Response form(Browser browser, Tab tab, String path, String... fields) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    return browser.request("POST", path, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-www-form-urlencoded")
      .add("Referer", tab.url()), Buffer.buffer(body.toString()));
  }

  /** Everything the tab's live stream delivered so far, as received. */
  static String received(Tab tab) {
    return tab.events().stream().filter(e -> e.source() == ReceivedEvent.Source.STREAM).map(e -> e.raw() + "\n\n")
      .collect(Collectors.joining());
  }

  /** Waits until the tab's live stream delivered an event containing {@code fragment}; returns that event as received. */
  static String awaitReceived(Tab tab, String fragment) {
    return tab.awaitEvent(e -> e.source() == ReceivedEvent.Source.STREAM && e.raw().contains(fragment)).raw();
  }

  /** Waits until what the tab's live stream delivered so far contains {@code fragment} (across events); returns all of it. */
  static String awaitReceivedText(Tab tab, String fragment) {
    tab.awaitEvent(e -> received(tab).contains(fragment));
    return received(tab);
  }

  /** Waits until what the tab's live stream delivered so far satisfies {@code condition}; returns all of it. */
  static String awaitReceived(Tab tab, Predicate<String> condition) {
    tab.awaitEvent(e -> condition.test(received(tab)));
    return received(tab);
  }

  /** Waits until what the recorder received so far satisfies {@code condition}; returns all of it. */
  static String awaitText(SseRecorder recorder, Predicate<String> condition) {
    recorder.awaitEvent(e -> condition.test(recorder.text()));
    return recorder.text();
  }

  /** A reconnect's stream query: the token and, as a fresh {@code @get} sends it, the last effect seen ({@code _hslive.e}). */
  static String liveQuery(String token, String lastEventId) {
    return "/_/events?datastar=" + URLEncoder.encode(new JsonObject().put("_hslive", new JsonObject().put("t", token).put("e", lastEventId))
      .encode(), StandardCharsets.UTF_8);
  }

  /**
   * A reconnect after the effect with SSE id {@code lastEventId}: in the {@code Last-Event-ID} header as
   * Datastar's own retries send it, or ({@code inHeader} false) in the {@code _hslive.e} signal as a fresh
   * {@code @get} sends it.
   */
  static SseRecorder reconnect(Browser browser, Tab tab, String lastEventId, boolean inHeader) {
    return inHeader
      ? browser.record(liveQuery(token(tab)), MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", lastEventId))
      : browser.record(liveQuery(token(tab), lastEventId));
  }

  /** The live token of the tab's page ({@code _hslive.t}). */
  static String token(Tab tab) {
    return (String) tab.signal("_hslive.t");
  }

  /** The live stream's path and query for this token, as the page's {@code data-init} sends it. */
  static String liveQuery(String token) {
    return "/_/events?datastar=" + URLEncoder.encode(new JsonObject().put("_hslive", new JsonObject().put("t", token)).encode(),
      StandardCharsets.UTF_8);
  }

  /** The session's cookies as a {@code Cookie} header. */
  static String cookieHeader(Browser browser) {
    return browser.cookies().entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
  }

  /** The CSRF token of the tab's page, as honostar.js reads it. */
  static String csrf(Tab tab) {
    return tab.document().selectFirst("meta[name=csrf-token]").attr("content");
  }

  double counter(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
