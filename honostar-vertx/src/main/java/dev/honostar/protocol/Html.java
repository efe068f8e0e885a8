package dev.honostar.protocol;

/** HTML escaping the protocol needs for the tags it writes itself; internal. */
final class Html {

  private Html() {
  }

  /** Escapes a value for a double-quoted attribute. */
  static String escapeAttribute(String value) {
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '"' -> "&quot;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (rep != null) {
        if (sb == null) {
          sb = new StringBuilder(value.length() + 16).append(value, 0, i);
        }
        sb.append(rep);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? value : sb.toString();
  }

  /**
   * Validates an attribute name against the HTML syntax (no white space, quotes, {@code >},
   * {@code /}, {@code =} or controls), so a name can never inject markup.
   */
  static String attributeName(String name) {
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

  /** Keeps script text from closing its element early: {@code </script} becomes {@code <\/script}. */
  static String escapeScriptBody(String script) {
    int idx = indexOfIgnoreCase(script, "</script", 0);
    if (idx < 0) {
      return script;
    }
    StringBuilder sb = new StringBuilder(script.length() + 8);
    int from = 0;
    while (idx >= 0) {
      sb.append(script, from, idx + 1).append('\\');
      from = idx + 1;
      idx = indexOfIgnoreCase(script, "</script", from);
    }
    return sb.append(script, from, script.length()).toString();
  }

  private static int indexOfIgnoreCase(String s, String needle, int from) {
    int max = s.length() - needle.length();
    for (int i = from; i <= max; i++) {
      if (s.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }
}
