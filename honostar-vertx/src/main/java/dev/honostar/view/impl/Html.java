package dev.honostar.view.impl;

/** HTML escaping for text and attribute values. */
public final class Html {

  private Html() {
  }

  /** Escapes {@code & < > " ' ` =}: safe in text and in quoted or unquoted attribute values. */
  public static String escape(Object value) {
    if (value == null) return "";
    String s = value.toString();
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep;
      switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#x27;"; break;
        case '`': rep = "&#x60;"; break;
        case '=': rep = "&#x3D;"; break;
        default: rep = null;
      }
      if (rep != null) {
        if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
        b.append(rep);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Escapes for a single-quoted attribute value ({@code & < > '}), leaving {@code "} readable so
   * embedded JSON stays legible in the page source.
   */
  public static String escapeSingleQuoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': b.append("&amp;"); break;
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '\'': b.append("&#39;"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Returns the value of the {@code id} attribute of the first element in {@code html}, skipping
   * leading whitespace and comments, or {@code null} if there is no element or it has no id.
   */
  public static String rootId(String html) {
    int i = 0;
    int n = html.length();
    while (true) {
      while (i < n && Character.isWhitespace(html.charAt(i))) i++;
      if (html.startsWith("<!--", i)) {
        int end = html.indexOf("-->", i + 4);
        if (end < 0) return null;
        i = end + 3;
      } else {
        break;
      }
    }
    if (i + 1 >= n || html.charAt(i) != '<' || !Character.isLetter(html.charAt(i + 1))) return null;
    i++;
    while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>' && html.charAt(i) != '/') i++;
    while (i < n) {
      while (i < n && (Character.isWhitespace(html.charAt(i)) || html.charAt(i) == '/')) i++;
      if (i >= n || html.charAt(i) == '>') return null;
      int nameStart = i;
      while (i < n && !Character.isWhitespace(html.charAt(i)) && "=>/".indexOf(html.charAt(i)) < 0) i++;
      String name = html.substring(nameStart, i);
      while (i < n && Character.isWhitespace(html.charAt(i))) i++;
      String value = null;
      if (i < n && html.charAt(i) == '=') {
        i++;
        while (i < n && Character.isWhitespace(html.charAt(i))) i++;
        if (i < n && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
          char q = html.charAt(i);
          int end = html.indexOf(q, i + 1);
          if (end < 0) return null;
          value = html.substring(i + 1, end);
          i = end + 1;
        } else {
          int start = i;
          while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') i++;
          value = html.substring(start, i);
        }
      }
      if (name.equalsIgnoreCase("id")) {
        return value == null || value.isEmpty() ? null : value;
      }
    }
    return null;
  }
}
