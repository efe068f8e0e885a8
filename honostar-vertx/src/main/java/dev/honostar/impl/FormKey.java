package dev.honostar.impl;

import dev.honostar.command.CommandContext;
import io.vertx.core.json.JsonObject;

/**
 * The key a form names itself by ({@code _form}): it scopes the form's {@code errors.<key>}
 * signals and finds the form to reset, so it is limited to characters that are safe in a
 * signal path, a CSS selector and an HTML attribute.
 */
final class FormKey {

  private FormKey() {
  }

  /** @return the request's form key, or {@code null} when it names none or an invalid one */
  static String of(JsonObject signals) {
    Object value = signals == null ? null : signals.getValue(CommandContext.FORM_FIELD);
    return value instanceof String s && dev.honostar.view.impl.FormHelpers.isKey(s) ? s : null;
  }
}
