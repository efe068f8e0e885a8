package dev.honostar.protocol;

/** Small string rules shared by the protocol types; internal. */
final class Wire {

  private Wire() {
  }

  /**
   * Refuses values that would end an SSE field early. An id or event name is a single
   * SSE field: a CR or LF inside it would start a new field or event, and a NUL makes
   * browsers drop the id.
   */
  static String singleLine(String what, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        throw new IllegalArgumentException(what + " must not contain CR, LF or NUL: '" + printable(value) + "'");
      }
    }
    return value;
  }

  /**
   * Folds line breaks in a CSS selector into spaces. CSS treats them as white space, so the
   * selector means the same, and it can no longer break out of its {@code data:} line.
   */
  static String selector(String selector) {
    if (selector.indexOf('\r') < 0 && selector.indexOf('\n') < 0) {
      return selector;
    }
    return selector.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }

  /** A short, single-line rendering of a value for error messages. */
  static String printable(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
  }
}
