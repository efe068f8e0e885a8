package dev.honostar.page;

/**
 * Where a page declares its live regions: for each topic family, the query that reloads the
 * model, what the regions depend on (their {@link ViewKey}) and the regions (partials whose
 * root element has the region's id) re-rendered with it.
 *
 * <p>The cost of an event is one query and one render per distinct view among the connected
 * tabs, never one per tab: a region keyed by the list's filter renders once per filter in use.
 *
 * <pre>{@code
 * public void queries(Queries q) {
 *   q.on("issue", qc -> issues.find(qc.topic().key()), "issues/main");                 // 1 render per node
 *   q.on("issues", ViewKey.params("status", "q"), qc -> list(qc), "issues/list");     // 1 per filter in use
 *   q.on("issue", ViewKey.viewer(), qc -> controls(qc.viewerKey()), "issues/controls"); // 1 per role
 *   q.onPerViewer("inbox", qc -> inbox(qc.viewer()), "inbox/unread");                  // 1 per tab: the exception
 * }
 * }</pre>
 */
public interface Queries {

  /**
   * Regions every tab sees alike: rendered once per event per node and the same bytes written
   * to every subscribed tab. Same as {@code on(family, ViewKey.none(), query, regions)}.
   */
  default <T> Queries on(String family, Query<T> query, String... regions) {
    return on(family, ViewKey.none(), query, regions);
  }

  /**
   * Regions that depend on {@code key}: rendered once per event per node for each distinct
   * value of the key among the connected tabs; tabs with equal values get the same bytes.
   */
  <T> Queries on(String family, ViewKey key, Query<T> query, String... regions);

  /**
   * Per-connection regions, the exception: rendered for each connection with its session
   * ({@link QueryContext#viewer()}), e.g. a region that shows the viewer's own data. Costs one
   * query and one render per subscribed tab per event; prefer {@link ViewKey#viewer()} when
   * viewers fall into a few kinds.
   */
  <T> Queries onPerViewer(String family, Query<T> query, String... regions);
}
