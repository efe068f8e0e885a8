package dev.honostar.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/** Starts a real server on a free port; tests talk to it with a WebClient. */
final class HttpTestSupport {

  private HttpTestSupport() {
  }

  static int listen(Vertx vertx, Router router) {
    return listen(vertx, router, new HttpServerOptions());
  }

  static int listen(Vertx vertx, Router router, HttpServerOptions options) {
    return vertx.createHttpServer(options).requestHandler(router).listen(0, "localhost").await().actualPort();
  }

  /** The raw Set-Cookie line for {@code name}, or null. */
  static String setCookie(HttpResponse<Buffer> response, String name) {
    List<String> cookies = response.cookies();
    return cookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
  }

  /** The value part of a Set-Cookie line. */
  static String cookieValue(String setCookie) {
    int eq = setCookie.indexOf('=');
    int semi = setCookie.indexOf(';');
    return setCookie.substring(eq + 1, semi < 0 ? setCookie.length() : semi);
  }
}
