package dev.honostar.security.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.AbstractSession;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * A store that keeps only sessions holding data: an empty session that was never stored stays
 * out of it, and one that became empty (logout, a flash taken) is deleted. Anonymous reads thus
 * leave nothing behind on the server.
 */
public final class OnDemandSessionStore implements SessionStore {

  private final SessionStore store;

  public OnDemandSessionStore(SessionStore store) {
    this.store = store;
  }

  @Override
  public Future<Void> put(Session session) {
    if (session.isEmpty()) {
      boolean neverStored = session instanceof AbstractSession s && s.version() == 0 && !session.isRegenerated();
      return neverStored ? Future.succeededFuture() : store.delete(session.id());
    }
    return store.put(session);
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    store.init(vertx, options);
    return this;
  }

  @Override
  public long retryTimeout() {
    return store.retryTimeout();
  }

  @Override
  public Session createSession(long timeout) {
    return store.createSession(timeout);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return store.createSession(timeout, length);
  }

  @Override
  public Future<Session> get(String cookieValue) {
    return store.get(cookieValue);
  }

  @Override
  public Future<Void> delete(String id) {
    return store.delete(id);
  }

  @Override
  public Future<Void> clear() {
    return store.clear();
  }

  @Override
  public Future<Integer> size() {
    return store.size();
  }

  @Override
  public void close() {
    store.close();
  }
}
