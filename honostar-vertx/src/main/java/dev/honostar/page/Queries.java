package dev.honostar.page;

import dev.honostar.bus.Topic;

/**
 * Where a page declares its live regions: for each topic family, the query that reloads the
 * model (the family is a {@link Topic} without a key, e.g. {@code Topic.of("issue")}, or its
 * name, validated alike), what the regions depend on (their {@link ViewKey}) and the regions (partials whose
 * root element has the region's id) re-rendered with it.
 *
 * <p>The cost of an event is one query and one render per distinct view among the connected
 * tabs, never one per tab: a region keyed by the list's filter renders once per filter in use.
 *
 * <pre>{@code
 * public void queries(Queries q) {
 *   q.on(Topics.issues(), ViewKey.params("status", "q"), qc -> list(qc), "issues/list"); // 1 per filter in use
 *   q.on("issue", qc -> issues.find(qc.topic().key()), "issues/main");                 // 1 render per node
 *   q.on("issue", ViewKey.viewer(), qc -> controls(qc.viewerKey()), "issues/controls"); // 1 per role
 *   q.onPerViewer("inbox", qc -> inbox(qc.viewer()), "inbox/unread");                  // 1 per tab: the exception
 * }
 * }</pre>
 *
 * <p>Regions named by a string are fat regions; pass {@link Region}s to declare a
 * {@link Region#keyedList keyed list}, whose tabs receive only the items that changed:
 *
 * <pre>{@code
 * q.on("issue", qc -> comments(qc.topic().key()), Region.keyedList("issues/comments"));
 * }</pre>
 */
public interface Queries {

  /**
   * Regions every tab sees alike: rendered once per event per node and the same bytes written
   * to every subscribed tab. Same as {@code on(family, ViewKey.none(), query, regions)}.
   *
   * @param family a topic family: a topic without a key, e.g. {@code Topic.of("issue")}
   * @throws IllegalArgumentException when {@code family} has a key ({@code issue:42})
   */
  default <T> Queries on(Topic family, Query<T> query, String... regions) {
    return on(family, ViewKey.none(), query, regions);
  }

  /**
   * Regions that depend on {@code key}: rendered once per event per node for each distinct
   * value of the key among the connected tabs; tabs with equal values get the same bytes.
   */
  default <T> Queries on(Topic family, ViewKey key, Query<T> query, String... regions) {
    return on(family, key, query, Regions.of(regions));
  }

  /** As {@link #on(Topic, Query, String...)}, with regions that may be {@link Region#keyedList keyed lists}. */
  default <T> Queries on(Topic family, Query<T> query, Region... regions) {
    return on(family, ViewKey.none(), query, regions);
  }

  /** As {@link #on(Topic, ViewKey, Query, String...)}, with regions that may be {@link Region#keyedList keyed lists}. */
  <T> Queries on(Topic family, ViewKey key, Query<T> query, Region... regions);

  /**
   * Per-connection regions, the exception: rendered for each connection with its session
   * ({@link QueryContext#viewer()}), e.g. a region that shows the viewer's own data. Costs one
   * query and one render per subscribed tab per event; prefer {@link ViewKey#viewer()} when
   * viewers fall into a few kinds.
   */
  default <T> Queries onPerViewer(Topic family, Query<T> query, String... regions) {
    return onPerViewer(family, query, Regions.of(regions));
  }

  /** As {@link #onPerViewer(Topic, Query, String...)}, with regions that may be {@link Region#keyedList keyed lists}. */
  <T> Queries onPerViewer(Topic family, Query<T> query, Region... regions);

  /**
   * Regions that show who is viewing the topic ({@link dev.honostar.presence.PresenceSet}, the
   * template's model): rendered once per presence change per node, like a shared region, and not
   * on the topic's other events. Tabs of the page are counted when the page gives a
   * {@link Page#presenceMember member}. See docs/presence.md.
   *
   * <pre>{@code
   * q.onPresence("issue", "issues/here"); // {{#each members}}{{name}}{{/each}} in issues/here.hbs
   * }</pre>
   */
  Queries onPresence(Topic family, String... regions);

  /** As {@link #onPresence(Topic, String...)}, the family by its name. */
  default Queries onPresence(String family, String... regions) {
    return onPresence(Topic.of(family), regions);
  }

  // The family by its name: each validated as Topic.of(family) is, and rejected when it has a key.

  /** As {@link #on(Topic, Query, String...)}, the family by its name (e.g. {@code "issue"}). */
  default <T> Queries on(String family, Query<T> query, String... regions) {
    return on(Topic.of(family), query, regions);
  }

  /** As {@link #on(Topic, ViewKey, Query, String...)}, the family by its name. */
  default <T> Queries on(String family, ViewKey key, Query<T> query, String... regions) {
    return on(Topic.of(family), key, query, regions);
  }

  /** As {@link #on(Topic, Query, Region...)}, the family by its name. */
  default <T> Queries on(String family, Query<T> query, Region... regions) {
    return on(Topic.of(family), query, regions);
  }

  /** As {@link #on(Topic, ViewKey, Query, Region...)}, the family by its name. */
  default <T> Queries on(String family, ViewKey key, Query<T> query, Region... regions) {
    return on(Topic.of(family), key, query, regions);
  }

  /** As {@link #onPerViewer(Topic, Query, String...)}, the family by its name. */
  default <T> Queries onPerViewer(String family, Query<T> query, String... regions) {
    return onPerViewer(Topic.of(family), query, regions);
  }

  /** As {@link #onPerViewer(Topic, Query, Region...)}, the family by its name. */
  default <T> Queries onPerViewer(String family, Query<T> query, Region... regions) {
    return onPerViewer(Topic.of(family), query, regions);
  }
}
