package dev.honostar.impl;

import dev.honostar.HonoStarOptions;
import dev.honostar.live.impl.LiveEndpoint;
import dev.honostar.observability.ObservabilityHandler;
import dev.honostar.observability.Tracing;
import dev.honostar.protocol.SseOptions;
import dev.honostar.security.CommandRateLimiter;
import dev.honostar.security.CspHandler;
import dev.honostar.security.CsrfHandler;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.SecurityHeadersHandler;
import dev.honostar.security.SecurityOptions;
import dev.honostar.upload.Download;
import dev.honostar.upload.UploadOptions;
import dev.honostar.upload.impl.UploadReceiver;
import dev.honostar.view.AssetHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;

/**
 * Builds the app's router: the request-wide handlers in the order the security model needs
 * (request id and span, security headers, framing checks, assets, session, CSP, body, CSRF),
 * then the live stream endpoint, the pages, the commands and the app streams, then the error
 * answers.
 */
final class RouterAssembly {

  private final Vertx vertx;
  private final HonoStarOptions options;
  private final Tracing tracing;

  RouterAssembly(Vertx vertx, HonoStarOptions options, Tracing tracing) {
    this.vertx = vertx;
    this.options = options;
    this.tracing = tracing;
  }

  Router assemble(AppRoutes routes, AssetHandler assets, SessionHandler sessions, LiveEndpoint live, PageRenderer pages,
                  CommandPipeline commands, ErrorResponder errors) {
    SecurityOptions security = options.getSecurity();
    Router r = Router.router(vertx);
    // First: every later handler, error pages included, has the request id (RequestId.KEY) and the request's span.
    r.route().handler(ObservabilityHandler.create(tracing));
    SecurityHandlers.handleLimitErrors(r);
    // The fixed security headers go on every answer, assets and errors included.
    r.route().handler(SecurityHeadersHandler.create(security));
    // Then, without a path: ambiguous framing, and malformed percent-escapes (with which
    // vertx-web throws while matching a path: a 500 and an error logged per request, and its
    // BodyHandler throws on the query of a form post, so the request hangs).
    r.route().handler(SecurityHandlers.requestFraming());
    // Assets first: they need no session, cookie or CSRF work.
    r.get(options.getView().getAssetsPath() + "*").handler(assets);
    r.route()
      .handler(sessions)
      // A self-hosted runtime comes from 'self': the CDN then drops out of the policy.
      .handler(CspHandler.create(options.getView().getDatastarFile() != null ? withoutRuntimeOrigin(security) : security));
    // Commands that take uploads stream their bodies to disk (UploadReceiver, on their own route
    // below): marked here, the body handler leaves them alone and CSRF leaves the form field to the receiver.
    for (AppRoutes.CommandRoute c : routes.commandsInMatchOrder()) {
      if (c.handlers().uploads) {
        UploadOptions uploads = c.handlers().uploadOptions != null ? c.handlers().uploadOptions : options.getUpload();
        c.handlers().byMethod.keySet().forEach(method -> r.route(method, c.path()).handler(UploadReceiver.marker(uploads)));
      }
    }
    // Only methods with a body read one: vertx-web's BodyHandler throws on a GET that claims a
    // form body, which would be a 500 for a harmless request.
    BodyHandler body = SecurityHandlers.bodyHandler(security);
    r.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).method(HttpMethod.DELETE)
      .handler(ctx -> {
        if (UploadReceiver.marked(ctx)) {
          ctx.next();
        } else {
          body.handle(ctx);
        }
      });
    r.route().handler(CsrfHandler.create(security));
    r.get(options.getLive().getEventsPath()).handler(live);
    CommandRateLimiter limiter = CommandRateLimiter.tokenBucket(security);

    for (AppRoutes.PageRoute p : routes.pagesInMatchOrder()) {
      var route = r.get(p.path());
      p.page().middleware().forEach(route::handler);
      route.handler(ctx -> pages.render(ctx, p));
    }
    for (AppRoutes.CommandRoute c : routes.commandsInMatchOrder()) {
      c.handlers().byMethod.forEach((method, entry) -> {
        var route = r.route(method, c.path());
        route.handler(CommandRateLimiter.handler(limiter));
        c.handlers().before.forEach(route::handler);
        route.handler(ctx -> commands.run(ctx, entry));
      });
    }
    SseOptions streamOptions = new SseOptions().setHeartbeatMillis(options.getLive().getHeartbeatMillis());
    for (AppStream s : routes.streams) {
      r.get(s.path()).handler(ctx -> s.serve(ctx, streamOptions));
    }
    for (AppRoutes.DownloadRoute d : routes.downloads) {
      r.get(d.path()).handler(ctx -> {
        Future<Download> found;
        try {
          found = d.source().apply(ctx);
        } catch (RuntimeException e) {
          found = Future.failedFuture(e);
        }
        found.onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else if (ar.result() == null) {
            ctx.fail(404);
          } else {
            Download.send(ctx, ar.result()).onFailure(err -> {
              if (!ctx.response().headWritten()) {
                ctx.fail(err);
              }
            });
          }
        });
      });
    }
    r.errorHandler(404, ctx -> errors.respond(ctx, 404, null));
    r.errorHandler(405, ctx -> errors.respond(ctx, 405, null));
    r.route().failureHandler(errors::handle);
    return r;
  }

  private static SecurityOptions withoutRuntimeOrigin(SecurityOptions security) {
    SecurityOptions copy = new SecurityOptions(security);
    copy.getHeaders().setRuntimeOrigin("");
    return copy;
  }
}
