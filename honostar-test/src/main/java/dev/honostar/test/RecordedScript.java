package dev.honostar.test;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script the page was asked to run (a {@code <script>} patched into the page, an
 * {@code ExecuteScript} effect, or a {@code text/javascript} reply). The kit records scripts;
 * it never runs them.
 *
 * @param code the script's text
 * @param attributes its attributes (e.g. {@code type}, {@code data-effect})
 */
public record RecordedScript(String code, Map<String, String> attributes) {

  private static final Pattern NAVIGATION = Pattern.compile(
    "(?:window\\.)?(?:document\\.)?location(?:\\.href\\s*=\\s*|\\.assign\\(\\s*|\\.replace\\(\\s*|\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')");

  public RecordedScript {
    attributes = Map.copyOf(attributes);
  }

  /**
   * @return the URL when the script navigates ({@code window.location.assign("…")},
   *     {@code location.href = "…"}, {@code location.replace("…")}), else empty
   */
  public Optional<String> navigation() {
    Matcher m = NAVIGATION.matcher(code);
    if (!m.find()) {
      return Optional.empty();
    }
    String quoted = m.group(1);
    try {
      Object v = dev.honostar.test.impl.JsReader.parseLiteral(quoted);
      return Optional.of(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      return Optional.of(quoted.substring(1, quoted.length() - 1));
    }
  }
}
