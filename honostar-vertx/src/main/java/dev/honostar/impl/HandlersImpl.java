package dev.honostar.impl;

import dev.honostar.command.Handlers;
import dev.honostar.upload.UploadOptions;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a command's handlers per method, with their execution mode. */
final class HandlersImpl implements Handlers {

  /** One method's handler: exactly one of the two is set. */
  record Entry(Async async, Blocking blocking) {
  }

  final List<Handler<RoutingContext>> before = new ArrayList<>();
  final Map<HttpMethod, Entry> byMethod = new LinkedHashMap<>();
  private final String path;
  /** Whether the command takes uploads, and with which options ({@code null}: the app's). */
  boolean uploads;
  UploadOptions uploadOptions;

  HandlersImpl(String path) {
    this.path = path;
  }

  private Handlers put(HttpMethod method, Entry entry) {
    if (byMethod.putIfAbsent(method, entry) != null) {
      throw new IllegalStateException("Command at " + path + " registers two " + method + " handlers");
    }
    return this;
  }

  @Override
  public Handlers uploads() {
    uploads = true;
    return this;
  }

  @Override
  public Handlers uploads(UploadOptions options) {
    uploads = true;
    uploadOptions = new UploadOptions(java.util.Objects.requireNonNull(options, "options"));
    return this;
  }

  @Override
  public Handlers before(Handler<RoutingContext> middleware) {
    before.add(middleware);
    return this;
  }

  @Override
  public Handlers post(Async handler) {
    return put(HttpMethod.POST, new Entry(handler, null));
  }

  @Override
  public Handlers put(Async handler) {
    return put(HttpMethod.PUT, new Entry(handler, null));
  }

  @Override
  public Handlers patch(Async handler) {
    return put(HttpMethod.PATCH, new Entry(handler, null));
  }

  @Override
  public Handlers delete(Async handler) {
    return put(HttpMethod.DELETE, new Entry(handler, null));
  }

  @Override
  public Handlers postBlocking(Blocking handler) {
    return put(HttpMethod.POST, new Entry(null, handler));
  }

  @Override
  public Handlers putBlocking(Blocking handler) {
    return put(HttpMethod.PUT, new Entry(null, handler));
  }

  @Override
  public Handlers patchBlocking(Blocking handler) {
    return put(HttpMethod.PATCH, new Entry(null, handler));
  }

  @Override
  public Handlers deleteBlocking(Blocking handler) {
    return put(HttpMethod.DELETE, new Entry(null, handler));
  }
}
