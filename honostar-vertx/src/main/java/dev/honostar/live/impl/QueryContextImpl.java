package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.impl.BlockingExecutor;
import dev.honostar.page.QueryContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;

import java.util.concurrent.Callable;

final class QueryContextImpl implements QueryContext {

  private final Vertx vertx;
  private final Topic topic;
  private final DomainEvent event;
  private final View view;
  private final Session viewer;
  private final BlockingExecutor blocking;
  private final java.util.function.Function<Topic, dev.honostar.presence.PresenceSet> presence;

  QueryContextImpl(Vertx vertx, Topic topic, DomainEvent event, View view, Session viewer, BlockingExecutor blocking,
                   java.util.function.Function<Topic, dev.honostar.presence.PresenceSet> presence) {
    this.presence = presence;
    this.vertx = vertx;
    this.topic = topic;
    this.event = event;
    this.view = view;
    this.viewer = viewer;
    this.blocking = blocking;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Topic topic() {
    return topic;
  }

  @Override
  public String eventName() {
    return event == null ? null : event.name();
  }

  @Override
  public JsonObject eventPayload() {
    return event == null || event.payload() == null ? new JsonObject() : event.payload();
  }

  @Override
  public String param(String name) {
    return view.param(name);
  }

  @Override
  public String viewerKey() {
    return view.viewerKey();
  }

  @Override
  public Session viewer() {
    if (viewer == null) {
      throw new IllegalStateException("Shared queries render once for every tab of a view and have no session; "
        + "key the query by ViewKey.viewer() (and Page.viewerKey) or declare it with onPerViewer(...) to render per connection");
    }
    return viewer;
  }

  @Override
  public dev.honostar.presence.PresenceSet presence() {
    return presence.apply(topic);
  }

  @Override
  public <T> Future<T> blocking(Callable<T> work) {
    return blocking.run(work);
  }
}
