package dev.honostar.page;

/**
 * Where a page declares its live regions: for each topic family, the query that reloads the
 * model and the regions (partials whose root element has the region's id) re-rendered with it.
 *
 * <pre>{@code
 * public void queries(Queries q) {
 *   q.on("issues", qc -> repository.all(), "issues/list");           // shared: 1 render per node
 *   q.onPerViewer("issue", qc -> actions(qc), "issues/actions");      // 1 render per viewer
 * }
 * }</pre>
 */
public interface Queries {

  /**
   * Shared regions: rendered once per event per node and the same bytes written to every
   * subscribed tab. Prefer these.
   */
  <T> Queries on(String family, Query<T> query, String... regions);

  /**
   * Per-viewer regions: rendered for each connection with its session (e.g. buttons only the
   * owner sees). Costs one render per subscriber per event.
   */
  <T> Queries onPerViewer(String family, Query<T> query, String... regions);
}
