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
    server = app.router(vertx, options, meters)
      .compose(router -> vertx.createHttpServer(serverOptions).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);
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
