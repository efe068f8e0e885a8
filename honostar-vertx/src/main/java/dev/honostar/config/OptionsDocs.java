package dev.honostar.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the variable tables of a Markdown page equal to the schemas: each table sits between
 * {@code <!-- options:NAME -->} and {@code <!-- /options:NAME -->}. A test compares the page with
 * {@link #update} and, asked to ({@code -Dhonostar.docs.write=true}), writes the result back.
 *
 * <pre>{@code
 * String page = Files.readString(path);
 * String updated = OptionsDocs.update(page, Map.of("live", LiveOptions.SCHEMA.markdownTable()));
 * }</pre>
 */
public final class OptionsDocs {

  private static final Pattern BLOCK = Pattern.compile("<!-- options:([\\w.-]+) -->\\n(.*?)<!-- /options:\\1 -->", Pattern.DOTALL);

  private OptionsDocs() {
  }

  /**
   * {@code page} with the content of each block named in {@code tables} replaced by its table.
   *
   * @throws IllegalArgumentException when a table has no block in the page
   */
  public static String update(String page, Map<String, String> tables) {
    Map<String, String> left = new LinkedHashMap<>(tables);
    Matcher m = BLOCK.matcher(page);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String table = left.remove(m.group(1));
      String body = table == null ? m.group(2) : table;
      m.appendReplacement(out, Matcher.quoteReplacement("<!-- options:" + m.group(1) + " -->\n" + body + "<!-- /options:" + m.group(1) + " -->"));
    }
    m.appendTail(out);
    if (!left.isEmpty()) {
      throw new IllegalArgumentException("No <!-- options:NAME --> block for " + left.keySet());
    }
    return out.toString();
  }
}
