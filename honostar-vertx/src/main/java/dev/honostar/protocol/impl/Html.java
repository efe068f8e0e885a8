package dev.honostar.protocol.impl;

/**
 * The one HTML escaper: templates ({@code {{value}}}), the view helpers, the live element and the
 * protocol's own tags all escape through it, so a value reads the same wherever it is written.
 * Internal API.
 */
public final class Html {

  private Html() {
  }

  /**
   * Escapes {@code & < > " ' ` =} (as Handlebars does): safe in text and in quoted or unquoted
   * attribute values.
   *
   * @return {@code ""} for {@code null}, else the escaped {@code toString()} of {@code value}
   */
  public static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#x27;";
        case '`' -> "&#x60;";
        case '=' -> "&#x3D;";
        default -> null;
      };
      if (rep != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(rep);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Escapes for a single-quoted attribute value ({@code & < > '}, the quote as {@link #escape}
   * writes it), leaving {@code "} readable so embedded JSON stays legible in the page source.
   */
  public static String escapeSingleQuoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\'' -> b.append("&#x27;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Keeps script text from closing its element early: {@code </script} becomes {@code <\/script}. */
  public static String escapeScriptBody(String script) {
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
