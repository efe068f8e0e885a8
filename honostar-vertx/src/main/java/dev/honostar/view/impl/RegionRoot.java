package dev.honostar.view.impl;

/** The root element of a region's HTML, whose id is the region's: what the engine checks a partial for. */
final class RegionRoot {

  private RegionRoot() {
  }

  /**
   * Returns the value of the {@code id} attribute of the first element in {@code html}, skipping
   * leading whitespace and comments, or {@code null} if there is no element or it has no id.
   */
  static String id(String html) {
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
