package dev.honostar.security.impl;

import io.vertx.core.Future;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;

/**
 * vertx-web's {@link SessionHandler} over an {@link OnDemandSessionStore}, minus the cookie of a
 * session that holds nothing: a browser gets a session cookie (and the server a session) only
 * once something is put into it, such as a sign-in or a flash message. vertx-web's own lazy mode
 * is not enough: it stores a session as soon as any code merely reads it.
 */
public final class OnDemandSessionHandler implements SessionHandler {

  private final SessionHandler delegate;
  private String cookieName = DEFAULT_SESSION_COOKIE_NAME;

  public OnDemandSessionHandler(SessionHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handle(RoutingContext ctx) {
    // Headers-end handlers run last-added first: this one runs after the session handler's flush.
    ctx.addHeadersEndHandler(v -> {
      Session session = ctx.session();
      if (session != null && session.isEmpty() && !session.isDestroyed()) {
        // Drops a cookie set for this response; expires one the browser sent (e.g. at logout).
        ctx.response().removeCookie(cookieName, true);
      }
    });
    delegate.handle(ctx);
  }

  @Override
  public SessionHandler setSessionTimeout(long timeout) {
    delegate.setSessionTimeout(timeout);
    return this;
  }

  @Override
  public SessionHandler setNagHttps(boolean nag) {
    delegate.setNagHttps(nag);
    return this;
  }

  @Override
  public SessionHandler setCookieSecureFlag(boolean secure) {
    delegate.setCookieSecureFlag(secure);
    return this;
  }

  @Override
  public SessionHandler setCookieHttpOnlyFlag(boolean httpOnly) {
    delegate.setCookieHttpOnlyFlag(httpOnly);
    return this;
  }

  @Override
  public SessionHandler setSessionCookieName(String sessionCookieName) {
    delegate.setSessionCookieName(sessionCookieName);
    this.cookieName = sessionCookieName;
    return this;
  }

  @Override
  public SessionHandler setSessionCookiePath(String sessionCookiePath) {
    delegate.setSessionCookiePath(sessionCookiePath);
    return this;
  }

  @Override
  public SessionHandler setMinLength(int minLength) {
    delegate.setMinLength(minLength);
    return this;
  }

  @Override
  public SessionHandler setCookieSameSite(CookieSameSite policy) {
    delegate.setCookieSameSite(policy);
    return this;
  }

  @Override
  public SessionHandler setLazySession(boolean lazySession) {
    delegate.setLazySession(lazySession);
    return this;
  }

  @Override
  public SessionHandler setCookieMaxAge(long cookieMaxAge) {
    delegate.setCookieMaxAge(cookieMaxAge);
    return this;
  }

  @Override
  public Future<Void> flush(RoutingContext ctx, boolean ignoreStatus) {
    return delegate.flush(ctx, ignoreStatus);
  }

  @Override
  public SessionHandler setCookieless(boolean cookieless) {
    delegate.setCookieless(cookieless);
    return this;
  }

  @Override
  public Session newSession(RoutingContext context) {
    return delegate.newSession(context);
  }

  @Override
  public Future<Void> setUser(RoutingContext context, User user) {
    return delegate.setUser(context, user);
  }

  @Override
  public SessionHandler setSigningSecret(String secret) {
    delegate.setSigningSecret(secret);
    return this;
  }
}
