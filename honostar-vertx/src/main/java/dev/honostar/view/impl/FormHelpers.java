package dev.honostar.view.impl;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import dev.honostar.protocol.impl.Html;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The helpers that tie a form's fields to their messages: {@code formKey} names a form, and the
 * UI kit's inputs use {@code fieldError}, {@code fieldValue}, {@code fieldSignals} and
 * {@code fieldAttrs} to show a field's message from the {@code errors.<form>.<field>} signal
 * (a Datastar post) and from {@code @errors} (a plain form redirected back) alike.
 *
 * <p>Public only for {@code dev.honostar.impl}, which validates submitted keys the same way.
 */
public final class FormHelpers {

  /** The hidden field a named form carries; {@code CommandContext.FORM_FIELD}. */
  static final String FIELD = "_form";

  /** Keys are safe as a signal path segment, a CSS attribute value and HTML. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  /** Field names are safe as a signal path segment. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

  private FormHelpers() {
  }

  /** @return whether {@code key} is a valid form key */
  public static boolean isKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  static void register(Handlebars hb, JsonEmbed json) {
    hb.registerHelper("formKey", (Helper<Object>) (key, o) -> {
      if (!(key instanceof CharSequence) || !isKey(key.toString())) {
        throw new IllegalArgumentException("formKey expects a key of letters, digits, '-' and '_', starting with a letter: " + key);
      }
      return new Handlebars.SafeString("<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + key + "\">");
    });
    // fieldError name form explicitError
    hb.registerHelper("fieldError", (Helper<Object>) (name, o) -> {
      Object explicit = o.param(1, null);
      if (explicit != null && !explicit.toString().isEmpty()) {
        return explicit.toString();
      }
      return flashed(o, "errors", name, o.param(0, null));
    });
    // fieldValue name form explicitValue
    hb.registerHelper("fieldValue", (Helper<Object>) (name, o) -> {
      Object explicit = o.param(1, null);
      return explicit != null ? explicit : flashed(o, "input", name, o.param(0, null));
    });
    // fieldSignals form name: the field's message signal, set to the flashed message (or none)
    // whenever the field is rendered anew, so a re-opened dialog shows no stale message
    hb.registerHelper("fieldSignals", (Helper<Object>) (form, o) -> {
      String path = path(form, o.param(0, null));
      if (path == null) {
        return "";
      }
      String name = o.param(0).toString();
      Object explicit = o.param(1, null);
      String message = explicit != null && !explicit.toString().isEmpty() ? explicit.toString() : flashed(o, "errors", name, form);
      String signals = json.toJson(Map.of("errors", Map.of(form.toString(), Map.of(name, message))));
      return new Handlebars.SafeString(" data-signals=\"" + Html.escape(signals) + "\""
        + " data-class=\"" + Html.escape("{'hs-field--invalid': " + path + "}") + "\"");
    });
    // fieldAttrs form name: the control's aria-invalid follows the message signal
    hb.registerHelper("fieldAttrs", (Helper<Object>) (form, o) -> {
      String path = path(form, o.param(0, null));
      return path == null ? "" : new Handlebars.SafeString(" data-attr:aria-invalid=\"" + Html.escape(path + " ? 'true' : false") + "\"");
    });
    // fieldErrorAttrs form name: the message element shows the signal
    hb.registerHelper("fieldErrorAttrs", (Helper<Object>) (form, o) -> {
      String path = path(form, o.param(0, null));
      return path == null ? "" : new Handlebars.SafeString(" data-show=\"" + path + "\" data-text=\"" + path + "\"");
    });
  }

  /** @return the Datastar expression of the field's message signal, or null when the field names no form */
  private static String path(Object form, Object name) {
    if (!(form instanceof CharSequence) || !isKey(form.toString())) {
      return null;
    }
    if (name == null || !NAME.matcher(name.toString()).matches()) {
      throw new IllegalArgumentException("A field of form '" + form + "' needs a name of letters, digits and '_': " + name);
    }
    return "$errors." + form + "." + name;
  }

  /**
   * @return the flashed value of {@code name} under {@code @<kind>}, when the flash belongs to
   *     this field's form (or, for a field of no named form, to no named form); else ""
   */
  private static String flashed(Options o, String kind, Object name, Object form) {
    Object values = o.data(kind);
    Object flashedForm = o.data("flashForm");
    String key = form instanceof CharSequence ? form.toString() : null;
    boolean ours = key == null ? flashedForm == null : key.equals(flashedForm);
    if (!ours || !(values instanceof Map<?, ?> map) || name == null) {
      return "";
    }
    Object value = map.get(name.toString());
    return value == null ? "" : value.toString();
  }
}
