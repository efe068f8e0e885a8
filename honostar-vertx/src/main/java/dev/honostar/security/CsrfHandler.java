package dev.honostar.security;

import dev.honostar.security.impl.CsrfHandlerImpl;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.InputTrustHandler;

/**
 * Double-submit CSRF protection that suits Datastar pages, where several requests from one page can
 * be in flight at once.
 * <p>
 * The token is random and stable for the life of its cookie ({@link CsrfOptions#getCookieName()},
 * HttpOnly, SameSite=Lax, Secure over HTTPS or when {@link SecurityOptions#isSecureCookies()} is on, as in production); it is not rotated per request, so
 * concurrent requests never invalidate each other (vertx-web's {@code CSRFHandler} rotates, which
 * is why it is not used). Pages read the token from the routing context ({@link #token(RoutingContext)})
 * and embed it in {@code <meta name="csrf-token">} and in a hidden {@code _csrf} form field.
 * <p>
 * Safe methods (GET, HEAD, OPTIONS) only make sure the cookie exists. Every other method must send
 * the token in the {@value #HEADER} header or, for plain HTML forms, the {@value #FORM_FIELD} field,
 * equal to the cookie; and, when the browser sends them, {@code Origin} must be the request's own
 * origin and {@code Sec-Fetch-Site} must not be {@code cross-site}. Failures answer 403, text/plain,
 * naming the failed check but never a token. Paths under {@link CsrfOptions#getExemptPaths()}
 * are not checked.
 * <p>
 * Reading the form field needs the body: put the {@code BodyHandler} before this handler.
 *
 * <pre>{@code
 * router.route().handler(SecurityHandlers.bodyHandler(options));
 * router.route().handler(CsrfHandler.create(options));
 * router.get("/").handler(ctx -> render(ctx, "csrf", CsrfHandler.token(ctx)));
 * // in the page: <meta name="csrf-token" content="{{csrf}}">, and
 * // data-on-click="@post('/like', {headers: {'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content}})"
 * }</pre>
 */
public interface CsrfHandler extends InputTrustHandler {

  /** Routing-context key of the current token (a String). */
  String TOKEN_KEY = "honostar.csrf.token";
  /** Request header carrying the token. */
  String HEADER = "X-CSRF-Token";
  /** Form field carrying the token for forms submitted without JavaScript. */
  String FORM_FIELD = "_csrf";

  /**
   * Routing-context key a streaming body reader (file uploads, docs/uploads.md) sets to
   * {@code true} before this handler runs: a multipart request without the {@link #HEADER} then
   * passes the header checks here and leaves the {@link #FORM_FIELD} check to that reader, through
   * the {@code Predicate<String>} this handler puts under {@link #FIELD_CHECK_KEY}.
   */
  String DEFER_FIELD_KEY = "honostar.csrf.deferField";

  /** Routing-context key of the deferred field check (a {@code java.util.function.Predicate<String>}). */
  String FIELD_CHECK_KEY = "honostar.csrf.fieldCheck";

  /**
   * A handler with the cookie name, exempt paths and {@link SecurityOptions#isSecureCookies() Secure flag} of
   * {@code options} (production turns the flag on: TLS usually ends at a proxy).
   */
  static CsrfHandler create(SecurityOptions options) {
    return new CsrfHandlerImpl(options);
  }

  /** The token for this request, or null when the handler has not run. */
  static String token(RoutingContext ctx) {
    return ctx.get(TOKEN_KEY);
  }
}
