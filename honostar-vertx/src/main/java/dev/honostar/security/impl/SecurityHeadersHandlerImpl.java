package dev.honostar.security.impl;

import dev.honostar.security.SecurityHeadersHandler;
import dev.honostar.security.SecurityOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

public final class SecurityHeadersHandlerImpl implements SecurityHeadersHandler {

  private final String hsts;

  public SecurityHeadersHandlerImpl(SecurityOptions options) {
    this.hsts = options.isHsts() ? options.getHeaders().getStrictTransportSecurity() : null;
  }

  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx.response());
    ctx.next();
  }

  /** Puts the fixed headers on {@code response}. */
  public void apply(HttpServerResponse response) {
    response.putHeader("X-Content-Type-Options", "nosniff");
    response.putHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    response.putHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (hsts != null) {
      response.putHeader("Strict-Transport-Security", hsts);
    }
  }
}
