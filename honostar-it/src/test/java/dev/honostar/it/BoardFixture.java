package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts {@link BoardApp} on a free port for each test. */
abstract class BoardFixture {

  Vertx vertx;
  HttpServer server;
  BoardApp app;
  SimpleMeterRegistry meters;

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
  }

  @AfterEach
  void stopApp() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  TestBrowser browser() {
    return new TestBrowser(vertx, server.actualPort());
  }

  double counter(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
