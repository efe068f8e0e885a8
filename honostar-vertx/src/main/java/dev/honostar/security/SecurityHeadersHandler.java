package dev.honostar.security;

import dev.honostar.security.impl.SecurityHeadersHandlerImpl;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * Adds the fixed security headers to every response: {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: strict-origin-when-cross-origin}, {@code Cross-Origin-Opener-Policy:
 * same-origin} and, when {@link SecurityOptions#isHsts()} is on (production turns it on),
 * {@code Strict-Transport-Security} ({@link HeadersOptions#getStrictTransportSecurity()}); HSTS is left out in
 * development because browsers would remember it for {@code localhost}.
 *
 * <pre>{@code
 * router.route().handler(SecurityHeadersHandler.create(options.getSecurity()));
 * }</pre>
 */
public interface SecurityHeadersHandler extends SecurityPolicyHandler {

  static SecurityHeadersHandler create(SecurityOptions options) {
    return new SecurityHeadersHandlerImpl(options);
  }
}
