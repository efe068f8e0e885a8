package examples;

import dev.honostar.security.CommandRateLimiter;
import dev.honostar.security.CspHandler;
import dev.honostar.security.CsrfHandler;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.SecurityHeadersHandler;
import dev.honostar.security.SecurityOptions;
import dev.honostar.security.SigningSecrets;
import dev.honostar.security.StreamLimiter;
import dev.honostar.security.TokenRejectedException;
import dev.honostar.security.TopicGrant;
import dev.honostar.security.TopicTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The snippets of docs/security.md, for a Vert.x app that uses the security package without the
 * rest of HonoStar; compiled so a snippet that stops compiling fails the build (DocSnippetsTest).
 */
@SuppressWarnings("unused")
final class SecurityExamples {

  private SecurityExamples() {
  }

  static void topicTokens(SigningSecrets secrets, SecurityOptions options, RoutingContext ctx) {
    TopicTokens tokens = TopicTokens.create(secrets, options);            // one per app; thread-safe

    // When the page is rendered, the server decides which topics this page may follow:
    TopicGrant grant = tokens.grant(List.of("room:42", "presence:42"), "room-page", ctx.session().id());
    String token = tokens.sign(grant);                                    // URL-safe: put it in the page

    // On the SSE endpoint:
    try {
      TopicGrant ok = tokens.verify(ctx.request().getParam("token"), ctx.session().id());
      subscribe(ok.topics());
      if (tokens.needsRefresh(ok, Instant.now())) { /* send the page a fresh token */ }
    } catch (TokenRejectedException e) {
      ctx.response().setStatusCode(e.reason() == TokenRejectedException.Reason.EXPIRED ? 401 : 403)
         .end(e.getMessage());                                            // message never echoes the token
    }
  }

  static SigningSecrets secrets(SecurityOptions options, boolean distributed) {
    SigningSecrets secrets = SigningSecrets.resolve(options, System.getenv(), distributed);
    return secrets;
  }

  static void streamLimits(StreamLimiter limiter, RoutingContext ctx, Session session, SecurityOptions options) {
    String address = SecurityHandlers.clientAddress(ctx, options);
    if (!limiter.tryAcquire(session.id(), address)) { ctx.response().setStatusCode(429).end(); return; }
    ctx.response().closeHandler(v -> limiter.release(session.id(), address));
  }

  static void standalone(Vertx vertx, boolean distributed) {
    Map<String, String> env = System.getenv();
    // Inside a HonoStar app: options = honoStarOptions.getSecurity(), production already resolved into it.
    SecurityOptions options = new SecurityOptions();
    options.getCsrf().setExemptPaths(List.of("/webhooks"));
    options.setSecureCookies(true).setHsts(true);                         // what production resolves to
    options.getToken().setRequireSigningSecret(true);
    options.applyEnvironment(env);                                        // HONOSTAR_SECURITY_* win
    SigningSecrets secrets = SigningSecrets.resolve(options, env, distributed);
    TopicTokens tokens = TopicTokens.create(secrets, options);

    HttpServerOptions serverOptions = new HttpServerOptions();
    options.applyTo(serverOptions);                                       // 414 / 431 by Vert.x

    Router router = Router.router(vertx);
    SecurityHandlers.handleLimitErrors(router);                           // quiet 413
    router.route()
        .handler(SecurityHandlers.sessionHandler(vertx, options))               // 1 session
        .handler(SecurityHeadersHandler.create(options))                        // 2 fixed headers
        .handler(CspHandler.create(options))                                     // 3 CSP + nonce
        .handler(SecurityHandlers.bodyHandler(options))                          // 4 body (before CSRF!)
        .handler(CsrfHandler.create(options));                                   // 5 CSRF
    router.post("/cmd/*").handler(CommandRateLimiter.handler(CommandRateLimiter.tokenBucket(options)));
    // ... pages, commands, and the SSE endpoint (TopicTokens.verify + StreamLimiter)
    vertx.createHttpServer(serverOptions).requestHandler(router).listen(8080);
  }

  private static void subscribe(List<String> topics) {
  }
}
