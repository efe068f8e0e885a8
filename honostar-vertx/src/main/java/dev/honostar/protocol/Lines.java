package dev.honostar.protocol;

import java.util.ArrayList;
import java.util.List;

/** Splits text into lines on CRLF, CR or LF, as the SSE format does; internal. */
final class Lines {

  private Lines() {
  }

  static List<String> split(String text) {
    List<String> lines = new ArrayList<>(4);
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
    return lines;
  }
}
