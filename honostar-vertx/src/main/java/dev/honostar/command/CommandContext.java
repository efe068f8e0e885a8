package dev.honostar.command;

import dev.honostar.bus.Topic;
import dev.honostar.upload.Upload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * What a command handler works with. Effects and events are collected while it runs; when it
 * succeeds, the events are published and the effects answer the initiating tab, in the
 * transport the framework picks (see docs/pages-and-commands.md).
 *
 * <pre>{@code
 * Future<?> create(CommandContext ctx) {
 *   NewIssue input = ctx.input(NewIssue.class);          // validated, or the tab gets the errors
 *   return issues.insert(input).onSuccess(issue -> ctx
 *       .publish(Topics.issues(), "issue-created", issue)
 *       .reply(Effect.toast("Issue #" + issue.id() + " created"), Effect.signals(Map.of("open", false))));
 * }
 * }</pre>
 */
public interface CommandContext {

  /**
   * The form field naming the form a request came from ({@code {{formKey "new-issue"}}} renders
   * it). A named form gets its errors in the {@code errors.<form>} signal only, and is reset
   * after a successful command.
   */
  String FORM_FIELD = "_form";

  RoutingContext routingContext();

  Vertx vertx();

  /** @return a path parameter */
  String pathParam(String name);

  /** @return the browser's session (always present) */
  Session session();

  /** @return whether the Datastar runtime sent the request (otherwise: a plain form post) */
  boolean isDatastarRequest();

  /**
   * @return the files of the request, in the order they came, already on disk; empty unless the
   *     command declared {@link Handlers#uploads()}
   */
  List<Upload> uploads();

  /** @return the first file of form field {@code field}, or {@code null} when none came */
  default Upload upload(String field) {
    return uploads().stream().filter(u -> u.field().equals(field)).findFirst().orElse(null);
  }

  /** @return the request's signals (or form fields), already read */
  JsonObject signals();

  /**
   * Binds the signals (or form fields) to {@code type}, typically a record, and validates it
   * with Jakarta Bean Validation.
   *
   * @throws ValidationException when binding or validation fails; the framework answers the
   *     tab with the field errors (a 200 patch), or redirects a plain form back
   */
  <T> T input(Class<T> type);

  /**
   * @return the key of the form the request came from (its {@value #FORM_FIELD} field), or
   *     {@code null} when it names none
   */
  String form();

  /**
   * Keeps the fields of the submitted form as they are when the command succeeds (an edit
   * form, a search box); its error messages are still cleared. By default a successful command
   * resets the named form it came from: its fields go back to their initial values and its
   * error messages are cleared.
   *
   * <pre>{@code
   * on.post(ctx -> {
   *   Search in = ctx.input(Search.class);
   *   ctx.keepForm().reply(Effect.region("search/results", results(in)));   // the query stays in the box
   *   return Future.succeededFuture();
   * });
   * }</pre>
   */
  CommandContext keepForm();

  /**
   * Publishes a domain event once the handler succeeds.
   *
   * @param payload a {@code JsonObject}, a {@code Map} or an object Jackson maps to one; {@code null} for none
   * @throws NullPointerException when {@code topic} or {@code name} is null
   * @throws IllegalArgumentException when {@code payload} cannot be mapped to JSON (here, not after the command ran)
   */
  CommandContext publish(Topic topic, String name, Object payload);

  /**
   * As {@link #publish(Topic, String, Object)}, the topic given by its name.
   *
   * @throws IllegalArgumentException at this call when {@code topic} is not a valid topic name ({@link Topic#of(String)})
   */
  default CommandContext publish(String topic, String name, Object payload) {
    return publish(Topic.of(topic), name, payload);
  }

  /** Adds effects that answer only the initiating tab. */
  CommandContext reply(Effect... effects);

  /** Sends the tab to {@code href}: a navigation for Datastar, a 303 for plain forms. */
  CommandContext redirect(String href);

  /** Runs blocking code on a virtual thread (Java 21+) or a worker thread. */
  <T> Future<T> blocking(Callable<T> work);
}
