package dev.honostar.security.impl;

import dev.honostar.security.CsrfHandler;
import dev.honostar.security.SecurityOptions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

public final class CsrfHandlerImpl implements CsrfHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CsrfHandler.class);
  private static final int TOKEN_BYTES = 32;
  /** base64url of 32 bytes without padding. */
  private static final int TOKEN_CHARS = 43;

  private final SecureRandom random = new SecureRandom();
  private final String cookieName;
  private final List<String> exemptPaths;
  private final boolean trustForwarded;
  private final boolean secureCookies;

  public CsrfHandlerImpl(SecurityOptions options) {
    this.cookieName = options.getCsrf().getCookieName();
    this.exemptPaths = options.getCsrf().getExemptPaths();
    this.trustForwarded = options.isTrustForwardedHeaders();
    this.secureCookies = options.isSecureCookies();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String token = cookieToken(request);
    HttpMethod method = request.method();

    if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
      if (token == null) {
        token = newToken();
        ctx.response().addCookie(Cookie.cookie(cookieName, token)
            .setPath("/")
            .setHttpOnly(true)
            .setSameSite(CookieSameSite.LAX)
            .setSecure(secureCookies || RequestInfo.isHttps(request, trustForwarded)));
      }
      ctx.put(TOKEN_KEY, token);
      ctx.next();
      return;
    }

    if (isExempt(ctx.normalizedPath())) {
      if (token != null) {
        ctx.put(TOKEN_KEY, token);
      }
      ctx.next();
      return;
    }

    // Any method that is not known safe is checked, including unusual ones (fail closed).
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site")) {
      reject(ctx, "cross-site request");
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null) {
      String own = RequestInfo.ownOrigin(request, trustForwarded);
      String theirs = RequestInfo.normaliseOrigin(origin.trim());
      if (own == null || theirs == null || !own.equals(theirs)) {
        reject(ctx, "cross-origin request");
        return;
      }
    }
    if (token == null) {
      reject(ctx, "missing CSRF cookie");
      return;
    }
    String submitted = request.getHeader(HEADER);
    if ((submitted == null || submitted.isEmpty()) && isForm(request)) {
      if (!ctx.body().available() && Boolean.TRUE.equals(ctx.get(DEFER_FIELD_KEY))) {
        // An upload: the field arrives in the body, before the files, and its reader checks it then.
        String expected = token;
        ctx.put(FIELD_CHECK_KEY, (java.util.function.Predicate<String>) field -> field != null && !field.isEmpty()
          && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), field.getBytes(StandardCharsets.UTF_8)));
        ctx.put(TOKEN_KEY, token);
        ctx.next();
        return;
      }
      if (!ctx.body().available()) {
        LOG.warn("CsrfHandler ran before BodyHandler on {} {}: the {} form field cannot be read; "
            + "put the BodyHandler first", method, ctx.normalizedPath(), FORM_FIELD);
      }
      submitted = request.getFormAttribute(FORM_FIELD);
    }
    if (submitted == null || submitted.isEmpty()) {
      reject(ctx, "missing CSRF token");
      return;
    }
    if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.UTF_8))) {
      reject(ctx, "CSRF token mismatch");
      return;
    }
    ctx.put(TOKEN_KEY, token);
    ctx.next();
  }

  private String cookieToken(HttpServerRequest request) {
    Cookie cookie = request.getCookie(cookieName);
    if (cookie == null) {
      return null;
    }
    String value = cookie.getValue();
    // A cookie we did not mint (wrong shape) is ignored, so a safe request replaces it.
    if (value == null || value.length() != TOKEN_CHARS) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return null;
      }
    }
    return value;
  }

  private String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private boolean isExempt(String path) {
    if (path == null) {
      return false;
    }
    for (String prefix : exemptPaths) {
      if (prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isForm(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    type = type.toLowerCase(Locale.ROOT);
    return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
  }

  private static void reject(RoutingContext ctx, String what) {
    boolean datastar = "true".equalsIgnoreCase(ctx.request().getHeader("Datastar-Request"));
    // Names the failed check only; never echoes a token or header value.
    String body = datastar
        ? "Forbidden: " + what
        : "Forbidden: " + what + ". Reload the page and try again.\n";
    ctx.response()
        .setStatusCode(403)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }
}
