package dev.honostar.security;

import dev.honostar.security.impl.OnDemandSessionHandler;
import dev.honostar.security.impl.OnDemandSessionStore;
import dev.honostar.security.impl.RequestInfo;
import dev.honostar.security.impl.SecurityHeadersHandlerImpl;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * Factories for vertx-web handlers configured safely from {@link SecurityOptions}.
 *
 * <pre>{@code
 * router.route().handler(SecurityHandlers.sessionHandler(vertx, options));
 * router.route().handler(SecurityHandlers.bodyHandler(options));
 * }</pre>
 */
public final class SecurityHandlers {

  private SecurityHandlers() {
  }

  /**
   * A {@link BodyHandler} limited to {@code maxBodyBytes} (413 above it, decided from
   * {@code Content-Length} before reading when the client sends one) that does not store file
   * uploads: {@code BodyHandler.create()} would write every uploaded file into {@code file-uploads/}.
   * Form fields of multipart bodies are still parsed.
   */
  public static BodyHandler bodyHandler(SecurityOptions options) {
    return BodyHandler.create(false)
        .setHandleFileUploads(false)
        .setBodyLimit(options.getLimits().getMaxBodyBytes());
  }

  /**
   * Registers a router error handler for 413 that answers a short text/plain body. Without it,
   * vertx-web logs every oversized body as an ERROR ("Unhandled exception in router"), which lets any
   * client flood the logs.
   */
  public static Router handleLimitErrors(Router router) {
    router.errorHandler(413, ctx -> {
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(413)
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
            .putHeader(HttpHeaders.CONNECTION, "close")
            .end("Request body too large\n");
      }
    });
    return router;
  }

  /** {@link #sessionHandler(Vertx, SecurityOptions, SessionStore)} with a {@link LocalSessionStore}. */
  public static SessionHandler sessionHandler(Vertx vertx, SecurityOptions options) {
    return sessionHandler(vertx, options, LocalSessionStore.create(vertx));
  }

  /**
   * A {@link SessionHandler} whose cookie ({@code sessionCookieName}, default {@code ds_session}) is
   * HttpOnly, SameSite=Lax, Path=/ and, with {@link SecurityOptions#isSecureCookies()} (production), Secure; vertx-web's defaults are neither
   * HttpOnly nor Secure. Sessions are made on demand: an empty session is never stored and gets
   * no cookie, so anonymous requests leave no state on the server; the first value put into
   * it (a sign-in, a flash message) stores it.
   */
  public static SessionHandler sessionHandler(Vertx vertx, SecurityOptions options, SessionStore store) {
    return new OnDemandSessionHandler(SessionHandler.create(new OnDemandSessionStore(store)))
        .setSessionCookieName(options.getSessionCookie().getName())
        .setSessionCookiePath("/")
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.LAX)
        .setCookieSecureFlag(options.isSecureCookies())
        // TLS usually ends at a proxy; nagging on every plain-HTTP hop would only add noise.
        .setNagHttps(false)
        .setSessionTimeout(options.getSessionCookie().getTimeoutSeconds() * 1000);
  }

  /**
   * A handler, first on the router, that refuses requests whose framing or target a proxy in
   * front may read differently from this server (request smuggling), with 400 and a closed
   * connection: a {@code Transfer-Encoding} other than exactly {@code chunked} (RFC 9112: 400
   * and close), more than one {@code Host}, and an absolute-form target naming another host than
   * {@code Host}; also, with 400 alone, a URL with a malformed percent-escape (vertx-web would
   * log a stack trace for each). A chunked request is served, but its connection is closed after the answer:
   * Netty drops a {@code Content-Length} sent next to {@code Transfer-Encoding} before any
   * handler sees it, so whatever was pipelined behind such a body is never served.
   */
  public static Handler<RoutingContext> requestFraming() {
    return ctx -> {
      HttpServerRequest request = ctx.request();
      if (request.version() == HttpVersion.HTTP_2) {
        ctx.next();
        return;
      }
      if (!RequestInfo.validPercentEncoding(request.uri())) {
        // vertx-web would throw while matching a route's path: a 500 and a logged stack trace per request.
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end("Malformed URL");
        return;
      }
      String problem = RequestInfo.framingProblem(request);
      if (problem != null) {
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
            .putHeader(HttpHeaders.CONNECTION, "close").end("Bad Request: " + problem + "\n");
        // Vert.x 5 would still serve what was pipelined behind: close at once, after the answer.
        request.connection().close();
        return;
      }
      if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.addBodyEndHandler(v -> request.connection().close());
      }
      ctx.next();
    };
  }

  /**
   * For {@code HttpServer.invalidRequestHandler}: answers requests Vert.x could not decode (a
   * malformed request line or header, 414 for a long request line, 431 for large headers) like
   * Vert.x's default handler, but with the fixed security headers of {@link SecurityHeadersHandler},
   * a restrictive CSP and a short text body, then closes the connection.
   *
   * <pre>{@code
   * vertx.createHttpServer(options.applyTo(new HttpServerOptions()))
   *     .invalidRequestHandler(SecurityHandlers.invalidRequestHandler(options.getSecurity()))
   *     .requestHandler(router).listen(8080);
   * }</pre>
   */
  public static Handler<HttpServerRequest> invalidRequestHandler(SecurityOptions options) {
    SecurityHeadersHandlerImpl headers = new SecurityHeadersHandlerImpl(options);
    return request -> {
      Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
      int status = cause instanceof io.netty.handler.codec.http.TooLongHttpLineException ? 414
          : cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException ? 431 : 400;
      io.vertx.core.http.HttpServerResponse response = request.response();
      headers.apply(response);
      response.setStatusCode(status)
          .putHeader("Content-Security-Policy", "default-src 'none'")
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(response.getStatusMessage() + "\n");
      request.connection().close();
    };
  }

  /**
   * The client's address as used for limits: the peer address, or with {@code trustForwardedHeaders}
   * the right-most {@code X-Forwarded-For} entry (the one the trusted proxy added).
   */
  public static String clientAddress(RoutingContext ctx, SecurityOptions options) {
    return RequestInfo.clientAddress(ctx.request(), options.isTrustForwardedHeaders());
  }
}
