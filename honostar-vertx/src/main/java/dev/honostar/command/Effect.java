package dev.honostar.command;

import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.ExecuteScript;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import dev.honostar.protocol.PatchSignals;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;

/**
 * Something a command answers its tab with: a Datastar effect, a region re-rendered with a
 * model, or a custom effect registered by name (such as the built-in {@code toast}).
 *
 * <pre>{@code
 * ctx.reply(Effect.signals(Map.of("open", false)),
 *           Effect.region("issues/form", emptyForm),
 *           Effect.toast("Saved"));
 * }</pre>
 */
public sealed interface Effect {

  /** A ready Datastar effect. */
  record Builtin(DatastarEvent event) implements Effect {
    public Builtin {
      Objects.requireNonNull(event, "event");
    }
  }

  /** A region (a partial whose root element has the region's id) rendered with {@code model}, morphed in by id. */
  record Region(String region, Object model) implements Effect {
    public Region {
      Objects.requireNonNull(region, "region");
    }
  }

  /**
   * A template rendered with {@code model} and put into the page relative to the elements
   * {@code selector} matches, as {@code mode} says (append a page of items into a list).
   */
  record Insert(String template, Object model, String selector, PatchMode mode) implements Effect {
    public Insert {
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(mode, "mode");
    }
  }

  /** A custom effect, expanded into built-ins by the effect registered under {@code name}. */
  record Custom(String name, JsonObject payload) implements Effect {
    public Custom {
      Objects.requireNonNull(name, "name");
      payload = payload == null ? new JsonObject() : payload;
    }
  }

  static Effect of(DatastarEvent event) {
    return new Builtin(event);
  }

  static Effect elements(String html) {
    return new Builtin(PatchElements.of(html));
  }

  static Effect signals(Map<String, ?> signals) {
    return new Builtin(PatchSignals.of(signals));
  }

  static Effect signals(JsonObject signals) {
    return new Builtin(PatchSignals.of(signals));
  }

  static Effect script(String script) {
    return new Builtin(ExecuteScript.of(script));
  }

  static Effect region(String region, Object model) {
    return new Region(region, model);
  }

  /**
   * Appends a template rendered with {@code model} as the last children of the element
   * {@code selector} names: a "load more" answer, a page of older items for this tab only.
   *
   * <pre>{@code
   * ctx.reply(Effect.append("#activity-older", "activity/entries", Map.of("entries", older)));
   * }</pre>
   */
  static Effect append(String selector, String template, Object model) {
    return new Insert(template, model, selector, PatchMode.APPEND);
  }

  /** As {@link #append}, with any mode that inserts or replaces (prepend, before, after, inner...). */
  static Effect insert(String selector, PatchMode mode, String template, Object model) {
    return new Insert(template, model, selector, mode);
  }

  static Effect custom(String name, JsonObject payload) {
    return new Custom(name, payload);
  }

  /** The built-in toast: a message appended to {@code #toast-container}. */
  static Effect toast(String message) {
    return new Custom("toast", new JsonObject().put("message", message).put("variant", "default"));
  }

  /** A toast with a variant: {@code default}, {@code success} or {@code destructive} ({@code error} is an alias). */
  static Effect toast(String message, String variant) {
    return new Custom("toast", new JsonObject().put("message", message).put("variant", variant));
  }
}
