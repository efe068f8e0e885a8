package dev.honostar.impl;

import dev.honostar.command.CommandContext;
import dev.honostar.command.Effect;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.page.HaltException;
import dev.honostar.protocol.Datastar;
import dev.honostar.upload.Upload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Collects what a command does; thread-safe enough for one handler on one thread at a time. */
final class CommandContextImpl extends RequestContextBase implements CommandContext {

  private final JsonObject signals;
  private final InputBinder binder;
  /** Made at {@link #publish}, so a bad event fails the command there, before it changes anything. */
  final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
  final List<Effect> effects = Collections.synchronizedList(new ArrayList<>());
  volatile String redirect;
  volatile boolean keepForm;
  /** The fields of the types bound by {@link #input}, which a success resets. */
  final Set<String> boundFields = Collections.synchronizedSet(new LinkedHashSet<>());
  private final String form;

  private final List<Upload> uploads;

  CommandContextImpl(RoutingContext rc, JsonObject signals, List<Upload> uploads, InputBinder binder, BlockingExecutor blocking) {
    super(rc, blocking);
    this.signals = signals;
    this.uploads = uploads;
    this.binder = binder;
    this.form = FormKey.of(signals);
  }

  @Override
  public String form() {
    return form;
  }

  @Override
  public CommandContext keepForm() {
    keepForm = true;
    return this;
  }

  @Override
  public boolean isDatastarRequest() {
    return Datastar.isDatastarRequest(rc.request());
  }

  @Override
  public List<Upload> uploads() {
    return uploads;
  }

  @Override
  public JsonObject signals() {
    return signals;
  }

  @Override
  public <T> T input(Class<T> type) {
    boundFields.addAll(binder.fieldNames(type));
    return binder.bind(signals, type);
  }

  @Override
  public CommandContext publish(Topic topic, String name, Object payload) {
    events.add(DomainEvent.of(Objects.requireNonNull(topic, "topic"), name, toJson(payload)));
    return this;
  }

  @SuppressWarnings("unchecked")
  private static JsonObject toJson(Object payload) {
    if (payload == null) {
      return new JsonObject();
    }
    if (payload instanceof JsonObject json) {
      return json;
    }
    if (payload instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    return JsonObject.mapFrom(payload);
  }

  @Override
  public CommandContext reply(Effect... effects) {
    Collections.addAll(this.effects, effects);
    return this;
  }

  @Override
  public CommandContext redirect(String href) {
    // Validates the target: only paths on this site.
    this.redirect = HaltException.redirect(href).location();
    return this;
  }
}
