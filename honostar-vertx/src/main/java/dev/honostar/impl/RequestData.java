package dev.honostar.impl;

import dev.honostar.security.CspHandler;
import dev.honostar.security.CsrfHandler;
import dev.honostar.view.Theme;
import dev.honostar.view.ViewEngine;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/**
 * What templates may use of their request, the same for pages, command replies and error
 * pages: the mount point ({@code @basePath}), the CSP nonce, the CSRF token and the theme.
 */
final class RequestData {

  private final String csrfCookieName;

  /** @param csrfCookieName the configured CSRF cookie ({@code SecurityOptions.csrfCookieName}) */
  RequestData(String csrfCookieName) {
    this.csrfCookieName = csrfCookieName;
  }

  /** @return a new, mutable map of the request's template data */
  Map<String, Object> of(RoutingContext rc) {
    Map<String, Object> data = new HashMap<>();
    data.put(ViewEngine.DATA_BASE_PATH, basePath(rc));
    String nonce = CspHandler.nonce(rc);
    if (nonce != null) {
      data.put(ViewEngine.DATA_NONCE, nonce);
    }
    String csrf = CsrfHandler.token(rc);
    // A command's request carries its token in the cookie: the configured one, not the default
    // name, since another cookie named ds_csrf may belong to another app on the same host.
    Cookie csrfCookie = csrf == null ? rc.request().getCookie(csrfCookieName) : null;
    if (csrfCookie != null) {
      csrf = csrfCookie.getValue();
    }
    if (csrf != null) {
      data.put(ViewEngine.DATA_CSRF_TOKEN, csrf);
    }
    Cookie theme = rc.request().getCookie(Theme.COOKIE_NAME);
    data.put(ViewEngine.DATA_THEME, Theme.fromCookie(theme == null ? null : theme.getValue()).cookieValue());
    return data;
  }

  /** The path the app's router is mounted at, without a trailing slash ({@code ""} at the root). */
  static String basePath(RoutingContext rc) {
    String mount = rc.mountPoint();
    if (mount == null || mount.equals("/")) {
      return "";
    }
    return mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
  }
}
