package dev.honostar.impl;

import dev.honostar.command.CustomEffect;
import dev.honostar.command.Effect;
import dev.honostar.command.ValidationException;
import dev.honostar.protocol.Datastar;
import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.DirectReply;
import dev.honostar.protocol.ExecuteScript;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import dev.honostar.protocol.PatchSignals;
import dev.honostar.protocol.SseStream;
import dev.honostar.view.ViewEngine;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the tab that sent a command, choosing the transport: nothing → 204; one simple
 * effect → a direct 200 reply; several or stream-only effects → an SSE stream in the
 * command's own response; a plain form post (no JavaScript) → 303 to the next page.
 */
final class Replies {

  private final ViewEngine view;
  private final Map<String, CustomEffect> effects = new ConcurrentHashMap<>();
  private final RequestData requestData;

  Replies(ViewEngine view, Map<String, CustomEffect> custom, RequestData requestData) {
    this.view = view;
    this.requestData = requestData;
    effects.put("toast", (payload, renderer) -> {
      JsonObject model = payload.copy();
      if ("error".equals(model.getString("variant"))) {
        model.put("variant", "destructive");
      }
      return List.of(PatchElements.of(renderer.render("ui/toast", model.getMap()).strip()).selector("#toast-container").mode(PatchMode.APPEND));
    });
    effects.putAll(custom);
  }

  Future<Void> send(RoutingContext rc, CommandContextImpl cc) {
    if (!Datastar.isDatastarRequest(rc.request())) {
      return redirect(rc, cc.redirect != null ? RequestData.basePath(rc) + cc.redirect : back(rc));
    }
    List<DatastarEvent> events = new ArrayList<>(resetForm(cc));
    events.addAll(expand(cc.effects, requestData.of(rc)));
    if (cc.redirect != null) {
      events.add(navigate(RequestData.basePath(rc) + cc.redirect));
    }
    return send(rc, events);
  }

  Future<Void> send(RoutingContext rc, List<DatastarEvent> events) {
    if (events.isEmpty()) {
      return DirectReply.noContent(rc.response());
    }
    if (events.size() == 1 && events.get(0).canReplyDirectly()) {
      return DirectReply.send(rc.response(), events.get(0));
    }
    SseStream sse = SseStream.create(rc);
    Future<Void> chain = Future.succeededFuture();
    for (DatastarEvent e : events) {
      chain = chain.compose(v -> sse.write(e));
    }
    return chain.compose(v -> sse.end());
  }

  /**
   * Validation failed: set the {@code errors} signal (a 200, which the browser applies), or
   * redirect a form back with the errors flashed. A named form's errors go to
   * {@code errors.<form>} only, so other forms on the page keep theirs.
   */
  Future<Void> invalid(RoutingContext rc, ValidationException e, String form) {
    if (!Datastar.isDatastarRequest(rc.request())) {
      Flash.put(rc.session(), e.errors(), withoutSecrets(e.fields()), form);
      return redirect(rc, back(rc));
    }
    JsonObject errors = new JsonObject();
    e.fields().keySet().forEach(field -> errors.put(field, ""));
    e.errors().forEach(errors::put);
    return DirectReply.send(rc.response(), PatchSignals.of(errorsSignal(form, errors)));
  }

  private static JsonObject errorsSignal(String form, JsonObject errors) {
    return new JsonObject().put("errors", form == null ? errors : new JsonObject().put(form, errors));
  }

  /**
   * What a success does to the form it came from: a named form gets its messages cleared and,
   * unless the command kept it, its fields reset; an unnamed one gets the stale messages of its
   * input's fields cleared (those the request's own {@code errors} signal still shows).
   */
  private static List<DatastarEvent> resetForm(CommandContextImpl cc) {
    String form = cc.form();
    JsonObject cleared = new JsonObject();
    if (form != null) {
      cc.boundFields.forEach(field -> cleared.put(field, ""));
      cc.signals().fieldNames().stream().filter(name -> !name.startsWith("_")).forEach(name -> cleared.put(name, ""));
      DatastarEvent messages = PatchSignals.of(errorsSignal(form, cleared));
      return cc.keepForm ? List.of(messages) : List.of(messages, reset(form));
    }
    Object shown = cc.signals().getValue("errors");
    if (shown instanceof JsonObject errors) {
      cc.boundFields.stream().filter(field -> !errors.getString(field, "").isEmpty()).forEach(field -> cleared.put(field, ""));
    }
    return cleared.isEmpty() ? List.of() : List.of(PatchSignals.of(errorsSignal(null, cleared)));
  }

  /**
   * Resets every form named {@code form} to its initial values. Like {@link #navigate}, an
   * element whose {@code data-init} runs once (and removes it), since the page's CSP runs no
   * script of a command's response.
   */
  static DatastarEvent reset(String form) {
    String expression = "document.querySelectorAll('input[name=" + dev.honostar.command.CommandContext.FORM_FIELD + "][value=\"" + form
      + "\"]').forEach(i => i.form && i.form.reset()); el.remove()";
    return PatchElements.of("<div hidden data-init=\"" + dev.honostar.protocol.impl.Html.escape(expression) + "\"></div>").selector("body").mode(PatchMode.APPEND);
  }

  /** Submitted values are flashed to re-fill the form, but never passwords, tokens or secrets. */
  static Map<String, String> withoutSecrets(Map<String, String> fields) {
    Map<String, String> kept = new java.util.LinkedHashMap<>();
    fields.forEach((name, value) -> {
      String n = name.toLowerCase(java.util.Locale.ROOT);
      boolean secret = n.contains("password") || n.contains("secret") || n.contains("token") || n.equals("_csrf");
      kept.put(name, secret ? "" : value);
    });
    return kept;
  }

  List<DatastarEvent> expand(List<Effect> list, Map<String, Object> data) {
    List<DatastarEvent> out = new ArrayList<>();
    for (Effect effect : list) {
      if (effect instanceof Effect.Builtin b) {
        out.add(b.event());
      } else if (effect instanceof Effect.Region r) {
        out.add(PatchElements.of(view.renderRegion(r.region(), r.model(), data).strip()));
      } else if (effect instanceof Effect.Insert in) {
        out.add(PatchElements.of(view.render(in.template(), in.model(), data).strip()).selector(in.selector()).mode(in.mode()));
      } else if (effect instanceof Effect.Custom c) {
        CustomEffect custom = effects.get(c.name());
        if (custom == null) {
          throw new IllegalArgumentException("Unknown effect '" + c.name() + "': register it with HonoStar.effect(\"" + c.name() + "\", ...)");
        }
        out.addAll(custom.expand(c.payload(), (template, model) -> view.render(template, model, data)));
      }
    }
    return out;
  }

  /**
   * Sends the tab to {@code location}. Not an inline script: the page's CSP only runs scripts
   * carrying its own nonce, which a command's response does not know. Datastar evaluates
   * {@code data-init} expressions itself (allowed by {@code 'unsafe-eval'}), so the navigation
   * travels as an element that removes nothing and runs once.
   */
  static DatastarEvent navigate(String location) {
    String expression = "window.location.assign(" + Json.encode(location) + ")";
    return PatchElements.of("<div hidden data-init=\"" + dev.honostar.protocol.impl.Html.escape(expression) + "\"></div>").selector("body").mode(PatchMode.APPEND);
  }

  static Future<Void> redirect(RoutingContext rc, String location) {
    return rc.response().setStatusCode(303).putHeader("Location", location).end();
  }

  /**
   * @return whether {@code path} is a path on this site: one leading {@code /}. {@code //host/x}
   *     and {@code /\host/x} are scheme-relative URLs to browsers, so a redirect there leaves the site.
   */
  static boolean sitePath(String path) {
    return path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
      && path.indexOf('\r') < 0 && path.indexOf('\n') < 0;
  }

  /** The page the form came from, when it is on this site; else the site root. */
  static String back(RoutingContext rc) {
    String referer = rc.request().getHeader("Referer");
    if (referer != null) {
      try {
        URI uri = URI.create(referer);
        String host = rc.request().authority() == null ? null : rc.request().authority().toString();
        if (sitePath(uri.getRawPath()) && (uri.getAuthority() == null || uri.getAuthority().equals(host))) {
          return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
      } catch (IllegalArgumentException ignored) {
        // Not a URI: fall back to the root.
      }
    }
    return RequestData.basePath(rc) + "/";
  }
}
