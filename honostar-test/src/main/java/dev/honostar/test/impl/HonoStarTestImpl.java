package dev.honostar.test.impl;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

public final class HonoStarTestImpl implements HonoStarTest {

  private final Vertx vertx;
  private final String baseUrl;
  private final String origin;
  private final HttpServer server;
  private final HttpClient client;
  private final List<BrowserImpl> browsers = new CopyOnWriteArrayList<>();
  private volatile Duration timeout = DEFAULT_TIMEOUT;

  private HonoStarTestImpl(Vertx vertx, String baseUrl, HttpServer server) {
    this.vertx = vertx;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    URI uri = URI.create(this.baseUrl);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("Not an absolute http(s) URL: " + baseUrl);
    }
    this.origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    this.server = server;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTrustAll(true).setVerifyHost(false),
      new PoolOptions().setHttp1MaxSize(256));
  }

  public static HonoStarTest start(Vertx vertx, Function<Vertx, Future<Router>> app, Duration timeout) {
    Blocking.checkThread();
    Promise<Router> built = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        app.apply(vertx).onComplete(built);
      } catch (RuntimeException e) {
        built.fail(e);
      }
    });
    // The framework's recommended server options (strict thread mode included), so that a
    // response written off its event loop fails under test as it would in production.
    HttpServerOptions serverOptions = new HonoStarOptions().applyTo(new HttpServerOptions().setHost("localhost").setPort(0));
    Future<HttpServer> listening = built.future().compose(router -> vertx.createHttpServer(serverOptions)
      .requestHandler(router).listen());
    HttpServer server = Blocking.await(listening, timeout.multipliedBy(4), "starting the app");
    return new HonoStarTestImpl(vertx, "http://localhost:" + server.actualPort(), server);
  }

  public static HonoStarTest at(Vertx vertx, String baseUrl) {
    return new HonoStarTestImpl(vertx, baseUrl, null);
  }

  public static void run(Function<Vertx, Future<Router>> app, Body body) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (HonoStarTest test = start(vertx, app)) {
      body.accept(test, test.browser());
    } finally {
      Blocking.await(vertx.close(), Duration.ofSeconds(10), "closing Vert.x");
    }
  }

  private static HonoStarTest start(Vertx vertx, Function<Vertx, Future<Router>> app) {
    return HonoStarTest.start(vertx, app);
  }

  HttpClient client() {
    return client;
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public String origin() {
    return origin;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Browser browser() {
    BrowserImpl b = new BrowserImpl(this, timeout);
    browsers.add(b);
    return b;
  }

  @Override
  public HonoStarTest timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public void close() {
    browsers.forEach(BrowserImpl::close);
    Future<Void> closing = client.close();
    if (server != null) {
      closing = closing.eventually(server::close);
    }
    try {
      Blocking.await(closing, Duration.ofSeconds(10), "closing the test server");
    } catch (AssertionError | RuntimeException e) {
      // Closing is best effort: a test's own failure matters more.
    }
  }
}
