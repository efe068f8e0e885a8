package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Random paths, methods, queries and bodies never make the app answer 5xx or hang. */
class RouterFuzzProperties {

  private static Vertx vertx;
  private static HttpServer server;
  private static HttpClient client;

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    options.getSecurity().getLimits().setCommandRatePerSecond(100_000).setCommandBurst(100_000);
    HttpServerOptions serverOptions = options.applyTo(new HttpServerOptions());
    server = new BoardApp().router(vertx, options, new SimpleMeterRegistry())
      .compose(router -> vertx.createHttpServer(serverOptions).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);
    client = vertx.createHttpClient();
  }

  @AfterContainer
  static void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  record Request(HttpMethod method, String path, String body, String contentType) {
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<HttpMethod> methods = Arbitraries.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.OPTIONS);
    Arbitrary<String> segment = Arbitraries.oneOf(
      Arbitraries.of("board", "items", "replies", "_", "events", "assets", "honostar", "..", ".", "%2e%2e", "%00", "%zz",
        "%2F", "0", "-1", "99999999999999999999", "ticks", "feed", "guarded", ";x", "*"),
      Arbitraries.strings().withChars("abc/%._-~:@!$&'()*+,;=").ofMaxLength(8));
    Arbitrary<String> path = segment.list().ofMaxSize(5).map(l -> "/" + String.join("/", l));
    Arbitrary<String> query = Arbitraries.of("", "?datastar=%7B", "?datastar=%7B%7D", "?datastar=x", "?a=%zz", "?name=%3Cb%3E");
    Arbitrary<String> body = Arbitraries.of("", "{}", "{", "[]", "{\"title\":\"x\"}", "title=x", "\u0000\u0001");
    Arbitrary<String> type = Arbitraries.of("application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml", "");
    return Combinators.combine(methods, path, query, body, type).as((m, p, q, b, t) -> new Request(m, p + q, b, t));
  }

  @Property(tries = 400)
  void neverA5xx(@ForAll("requests") Request request) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("localhost").setPort(server.actualPort())
      .setURI(request.path()).setTimeout(5000);
    if (!request.contentType().isEmpty()) {
      options.putHeader("Content-Type", request.contentType());
    }
    HttpClientResponse resp = client.request(options)
      .compose(r -> request.body().isEmpty() ? r.send() : r.send(Buffer.buffer(request.body())))
      .await(10, TimeUnit.SECONDS);
    int status = resp.statusCode();
    if (status == 200 && String.valueOf(resp.getHeader("Content-Type")).startsWith("text/event-stream")) {
      resp.request().connection().close();
    }
    assertThat(status).as("%s %s", request.method(), request.path()).isLessThan(500);
  }
}
