package dev.honostar.protocol;

import dev.honostar.protocol.impl.Html;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a script in the browser. As Datastar v1.0 expects, it travels as a patch of elements
 * that appends a {@code <script>} to {@code body}; the script removes itself after running
 * unless {@link #autoRemove(boolean) autoRemove} is off.
 *
 * <pre>{@code
 * ExecuteScript.of("document.querySelector('#title').focus()");
 * ExecuteScript.of("import('/x.js')").attribute("type", "module").autoRemove(false);
 * }</pre>
 */
public final class ExecuteScript extends BaseEvent<ExecuteScript> implements DatastarEvent {

  private final String script;
  private boolean autoRemove = true;
  private final Map<String, String> attributes = new LinkedHashMap<>();

  private ExecuteScript(String script) {
    this.script = script;
  }

  /** @param script one or more lines of JavaScript */
  public static ExecuteScript of(String script) {
    return new ExecuteScript(Objects.requireNonNull(script, "script"));
  }

  /** Keeps the {@code <script>} element in the page after it ran when {@code false}. */
  public ExecuteScript autoRemove(boolean autoRemove) {
    this.autoRemove = autoRemove;
    return this;
  }

  /**
   * Adds an attribute to the {@code <script>} tag. The value is HTML-escaped.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid attribute name
   */
  public ExecuteScript attribute(String name, String value) {
    attributes.put(attributeName(name), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Validates an attribute name against the HTML syntax (no white space, quotes, {@code >},
   * {@code /}, {@code =} or controls), so a name can never inject markup.
   */
  private static String attributeName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("attribute name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c == '"' || c == '\'' || c == '>' || c == '/' || c == '=' || c == '<' || c == 0x7f) {
        throw new IllegalArgumentException("invalid attribute name '" + Wire.printable(name) + "'");
      }
    }
    return name;
  }

  /** Adds all given attributes, see {@link #attribute(String, String)}. */
  public ExecuteScript attributes(Map<String, String> attributes) {
    attributes.forEach(this::attribute);
    return this;
  }

  public String script() {
    return script;
  }

  public boolean autoRemove() {
    return autoRemove;
  }

  public Map<String, String> attributes() {
    return Collections.unmodifiableMap(attributes);
  }

  /** @return the {@code <script>} element this effect appends */
  public String scriptTag() {
    StringBuilder sb = new StringBuilder(script.length() + 64).append("<script");
    attributes.forEach((name, value) -> sb.append(' ').append(name).append("=\"").append(Html.escape(value)).append('"'));
    if (autoRemove) {
      sb.append(" data-effect=\"el.remove()\"");
    }
    // A literal "</script" inside the code would close the element early.
    return sb.append('>').append(Html.escapeScriptBody(script)).append("</script>").toString();
  }

  @Override
  public SseEvent toSseEvent() {
    return sse(PATCH_ELEMENTS)
      .data("mode", PatchMode.APPEND.wireName())
      .data("selector", "body")
      .data("elements", scriptTag())
      .build();
  }

  @Override
  public boolean canReplyDirectly() {
    // A direct text/javascript reply runs the script once and keeps no element, which is
    // what auto-removal means; a script meant to stay must be a real element.
    return autoRemove && !hasStreamOptions();
  }

  @Override
  public String toString() {
    return toSseEvent().toString();
  }
}
