package dev.honostar.command;

import dev.honostar.protocol.DatastarEvent;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Expands a named effect into built-in Datastar effects. Register it once with
 * {@code HonoStar.effect(name, effect)}; commands use it with {@link Effect#custom}.
 *
 * <pre>{@code
 * honostar.effect("flash", (payload, view) -> List.of(
 *     PatchElements.of(view.render("flash", payload)).selector("#flash").mode(PatchMode.INNER)));
 * }</pre>
 */
@FunctionalInterface
public interface CustomEffect {

  /** Renders templates for effects: {@code render(templateName, model)}. */
  @FunctionalInterface
  interface Renderer {
    String render(String template, Object model);
  }

  List<DatastarEvent> expand(JsonObject payload, Renderer view);
}
