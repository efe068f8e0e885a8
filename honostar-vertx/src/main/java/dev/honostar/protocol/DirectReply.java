package dev.honostar.protocol;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Answers a Datastar request with one effect in a plain HTTP response instead of a stream.
 *
 * <p>The runtime applies the body only on status {@code 200}, reading options from
 * {@code datastar-*} headers: {@code text/html} patches elements, {@code application/json}
 * patches signals, {@code text/javascript} runs a script. A {@code 204} means "done,
 * nothing to apply". These methods always send the status the browser needs.
 *
 * <pre>{@code
 * DirectReply.send(ctx.response(), PatchSignals.of(new JsonObject().put("saved", true)));
 * DirectReply.noContent(ctx.response());
 * }</pre>
 */
public final class DirectReply {

  private DirectReply() {
  }

  /**
   * Sends {@code event} as a direct reply with status 200.
   *
   * @throws IllegalArgumentException when the effect has stream-only options (see
   *     {@link DatastarEvent#canReplyDirectly()}); send it on an {@link SseStream} instead
   */
  public static Future<Void> send(HttpServerResponse response, DatastarEvent event) {
    if (!event.canReplyDirectly()) {
      throw new IllegalArgumentException("this effect has stream-only options and cannot be a direct reply; use an SseStream");
    }
    response.setStatusCode(200).putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (event instanceof PatchElements p) {
      p.validate();
      response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
      if (p.selector() != null) {
        response.putHeader(Datastar.SELECTOR_HEADER, p.selector());
      }
      if (p.mode() != PatchMode.DEFAULT) {
        response.putHeader(Datastar.MODE_HEADER, p.mode().wireName());
      }
      if (p.namespace() != ElementNamespace.HTML) {
        response.putHeader(Datastar.NAMESPACE_HEADER, p.namespace().wireName());
      }
      if (p.useViewTransition()) {
        response.putHeader(Datastar.USE_VIEW_TRANSITION_HEADER, "true");
      }
      return response.end(p.elements());
    }
    if (event instanceof PatchSignals s) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
      if (s.onlyIfMissing()) {
        response.putHeader(Datastar.ONLY_IF_MISSING_HEADER, "true");
      }
      return response.end(s.json());
    }
    ExecuteScript x = (ExecuteScript) event;
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8");
    if (!x.attributes().isEmpty()) {
      response.putHeader(Datastar.SCRIPT_ATTRIBUTES_HEADER, new JsonObject(new java.util.LinkedHashMap<>(x.attributes())).encode());
    }
    return response.end(x.script());
  }

  /** Answers {@code 204 No Content}: the request is done and there is nothing to apply. */
  public static Future<Void> noContent(HttpServerResponse response) {
    return response.setStatusCode(204).end();
  }
}
