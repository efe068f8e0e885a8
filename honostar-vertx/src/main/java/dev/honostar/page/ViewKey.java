package dev.honostar.page;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a live region's render depends on besides its topic: some of the page's URL parameters,
 * as the tab loaded them, and optionally the page's {@link Page#viewerKey viewer key} (a role
 * such as {@code "anonymous"}, {@code "member"} or {@code "author"}, not the viewer).
 *
 * <p>Each distinct value of the key is one <em>view</em>: per event and node, a region renders
 * once per distinct view among the connected tabs, and tabs that share a view receive the same
 * bytes. A region with {@link #none()} renders once for everyone. The values are bound into the
 * tab's signed live token when the page renders, so a query reads exactly what its tab loaded
 * ({@link QueryContext#param}, {@link QueryContext#viewerKey}), and nothing of the tab lives in
 * the session.
 *
 * <pre>{@code
 * q.on("issues", ViewKey.params("status", "q"), qc -> store.list(qc.param("status"), qc.param("q")), "issues/list");
 * q.on("issue", ViewKey.viewer(), qc -> controls(qc.topic().key(), qc.viewerKey()), "issues/controls");
 * }</pre>
 */
public final class ViewKey {

  /** Parameter names the framework keeps for itself in a tab's token, e.g. its presence member. */
  public static final String RESERVED_PREFIX = "_hs.";

  private static final ViewKey NONE = new ViewKey(List.of(), false);

  private final List<String> params;
  private final boolean viewer;

  private ViewKey(List<String> params, boolean viewer) {
    this.params = params;
    this.viewer = viewer;
  }

  /** @return the key of a region every tab sees alike (the default of {@link Queries#on(String, Query, String...)}) */
  public static ViewKey none() {
    return NONE;
  }

  /**
   * @param names the route path parameters ({@code :id}) or query parameters ({@code ?q=}) the
   *     region depends on; a path parameter wins over a query parameter of the same name
   * @return a key over those parameters
   */
  public static ViewKey params(String... names) {
    Objects.requireNonNull(names, "names");
    for (String name : names) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("ViewKey parameter names must not be null or empty");
      }
      if (name.startsWith(RESERVED_PREFIX)) {
        throw new IllegalArgumentException("ViewKey parameter '" + name + "': names starting with '" + RESERVED_PREFIX
          + "' are the framework's (the tab's presence member travels in the token under them)");
      }
    }
    List<String> sorted = Arrays.stream(names).distinct().sorted().toList();
    return new ViewKey(sorted, false);
  }

  /** @return a key over the page's {@link Page#viewerKey viewer key} alone */
  public static ViewKey viewer() {
    return new ViewKey(List.of(), true);
  }

  /** @return this key, also depending on the page's viewer key */
  public ViewKey withViewer() {
    return new ViewKey(params, true);
  }

  /** @return the parameter names, sorted */
  public List<String> params() {
    return params;
  }

  /** @return whether the key includes the viewer key */
  public boolean hasViewer() {
    return viewer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewKey k && k.viewer == viewer && k.params.equals(params);
  }

  @Override
  public int hashCode() {
    return params.hashCode() * 31 + Boolean.hashCode(viewer);
  }

  @Override
  public String toString() {
    return "ViewKey" + params + (viewer ? "+viewer" : "");
  }
}
