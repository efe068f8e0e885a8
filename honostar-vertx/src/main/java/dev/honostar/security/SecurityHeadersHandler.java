package dev.honostar.security;

import dev.honostar.security.impl.SecurityHeadersHandlerImpl;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * Adds the fixed security headers to every response: {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: strict-origin-when-cross-origin}, {@code Cross-Origin-Opener-Policy:
 * same-origin} and, in production only, {@code Strict-Transport-Security}
 * ({@link SecurityOptions#getStrictTransportSecurity()}); HSTS is left out in development because
 * browsers would remember it for {@code localhost}.
 *
 * <pre>{@code
 * router.route().handler(SecurityHeadersHandler.create(options, SecurityOptions.isProduction(System.getenv())));
 * }</pre>
 */
public interface SecurityHeadersHandler extends SecurityPolicyHandler {

  static SecurityHeadersHandler create(SecurityOptions options, boolean production) {
    return new SecurityHeadersHandlerImpl(options, production);
  }
}
