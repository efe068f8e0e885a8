package dev.honostar.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document head a page asks for: its title and meta tags. Layouts render it from
 * {@code @head}; values are escaped when rendered.
 *
 * <pre>{@code
 * head.title("Issue #" + issue.id()).meta("description", issue.summary());
 * }</pre>
 */
public final class Head {

  private String title = "";
  private final List<Map<String, String>> meta = new ArrayList<>();

  public Head title(String title) {
    this.title = title == null ? "" : title;
    return this;
  }

  public String title() {
    return title;
  }

  /** Adds {@code <meta name="…" content="…">}. */
  public Head meta(String name, String content) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("content", content);
    meta.add(m);
    return this;
  }

  public List<Map<String, String>> meta() {
    return List.copyOf(meta);
  }

  /** @return the head as template data: {@code title} and {@code meta} (a list of name/content maps) */
  public Map<String, Object> toData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("title", title);
    data.put("meta", meta());
    return data;
  }
}
