package dev.honostar.security;

import dev.honostar.security.impl.CspHandlerImpl;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * Sets a {@code Content-Security-Policy} with a fresh nonce for every request (vertx-web 5.0.10's
 * {@code CSPHandler} has no per-request nonce). The policy comes from
 * {@link HeadersOptions#getContentSecurityPolicy()}; {@code ${nonce}} becomes the nonce and
 * {@code ${runtimeOrigin}} the origin of the Datastar runtime ({@link HeadersOptions#getRuntimeOrigin()},
 * empty when the app serves the runtime itself).
 * <p>
 * Templates put the nonce on every inline {@code <script>} they emit.
 *
 * <pre>{@code
 * router.route().handler(CspHandler.create(options));
 * router.get("/").handler(ctx -> ctx.end("<script nonce=\"" + CspHandler.nonce(ctx) + "\">...</script>"));
 * }</pre>
 */
public interface CspHandler extends SecurityPolicyHandler {

  /** Routing-context key of the nonce (a String, base64 of 16 random bytes). */
  String NONCE_KEY = "honostar.csp.nonce";

  static CspHandler create(SecurityOptions options) {
    return new CspHandlerImpl(options);
  }

  /** The nonce of this request, or null when the handler has not run. */
  static String nonce(RoutingContext ctx) {
    return ctx.get(NONCE_KEY);
  }

  /** The policy with {@code ${runtimeOrigin}} filled in and {@code ${nonce}} still to fill. */
  String policyTemplate();
}
