package dev.honostar.page;

import java.util.Objects;

/**
 * A live region a query re-renders: a partial whose root element carries the region's id.
 *
 * <p>{@link #of(String)} is a fat region: after each event its whole markup goes to the tab,
 * which morphs it in. {@link #keyedList(String)} is a region whose root's element children are
 * items with ids of their own (rows, comments, feed entries). It renders the same way, once per
 * event per distinct view, but the tabs receive only what changed since the render they
 * have: items removed, items whose markup changed, and new items inserted after their
 * predecessor. A tab that joins, falls behind or misses a render gets the whole region, so it
 * heals exactly as with a fat region. A new row in a 1,000-row list costs one row on the wire,
 * not 1,000.
 *
 * <p>What makes a region a keyed list: every element child of its root has an id, unique in
 * the region and made of letters, digits, {@code -} and {@code _} (an empty state, such as
 * "No comments yet", is an item too and needs one). Whitespace and comments may sit between
 * items; any other text there, a change of the root element's own attributes, or a change in
 * the order of the items that stay, sends the whole region instead. The window (how many
 * items) is the query's: a query that loads the newest 50 prunes the oldest by itself.
 * {@link #limit(int)} bounds it explicitly: tabs never keep more than that many items, the
 * first ones in the template's order, and the ones past it reach them as removals.
 *
 * <p>{@link #overflow(String)} names a container outside the region that holds items a tab
 * loaded on its own ("load more": a command that appends an older page for its tab only). In a
 * tab whose container holds such items, items that leave the window at its end move to the
 * top of the container instead of vanishing, and items that come back into the window leave
 * it; a tab that loaded nothing keeps an empty container. Neither a change nor a whole-region
 * heal ever touches what a tab loaded.
 *
 * <pre>{@code
 * q.on("issues", ViewKey.params("status", "q"), qc -> list(qc),
 *     Region.of("issues/tabs"), Region.keyedList("issues/rows"));
 * q.on("issues", qc -> feed(qc), Region.keyedList("activity/feed").limit(20).overflow("activity-older"));
 * }</pre>
 */
public final class Region {

  /** Ids of overflow containers: usable in a CSS selector as they are. */
  private static final java.util.regex.Pattern PLAIN_ID = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private final String name;
  private final boolean keyedList;
  private final int limit;
  private final String overflow;

  private Region(String name, boolean keyedList, int limit, String overflow) {
    Objects.requireNonNull(name, "region name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A region's name (its partial) must not be blank");
    }
    this.name = name;
    this.keyedList = keyedList;
    this.limit = limit;
    this.overflow = overflow;
  }

  /** @return a fat region: the whole partial is sent on each change */
  public static Region of(String name) {
    return new Region(name, false, 0, null);
  }

  /** @return a region whose root's children are keyed items: only changed items are sent */
  public static Region keyedList(String name) {
    return new Region(name, true, 0, null);
  }

  /**
   * Bounds the items tabs keep, as Phoenix LiveView's stream {@code limit}: each render keeps
   * its first {@code max} items, in the template's order (put the newest first, and the oldest
   * are pruned). An item pushed past the bound reaches the tabs as a removal. Only the live
   * patches are cut: let the query and the page's loader load about that many, so that the
   * page's first render shows the same.
   *
   * <pre>{@code
   * Region.keyedList("activity/feed").limit(20)
   * }</pre>
   *
   * @param max the most items a tab keeps, at least 1
   * @return a copy of this keyed list with the bound
   * @throws IllegalStateException when this is not a keyed list
   */
  public Region limit(int max) {
    if (!keyedList) {
      throw new IllegalStateException("Only a keyed list has a limit: use Region.keyedList(\"" + name + "\").limit(" + max + ")");
    }
    if (max < 1) {
      throw new IllegalArgumentException("A keyed list's limit must be at least 1, not " + max);
    }
    return new Region(name, true, max, overflow);
  }

  /**
   * Names the element, outside the region and after it on every page that shows it, into
   * which a tab's "load more" command appends older items (with the same ids as in the
   * region). Items that leave the window at its end then move to the top of that element in
   * tabs where it holds items, instead of leaving a gap between the window and the loaded
   * pages, and items that come back into the window are taken out of it: no item shows twice.
   * In a tab that loaded nothing the element stays empty.
   *
   * <pre>{@code
   * Region.keyedList("activity/feed").limit(20).overflow("activity-older")
   * }</pre>
   *
   * @param elementId the container's id: letters, digits, {@code -} and {@code _}
   * @return a copy of this keyed list with the container
   * @throws IllegalStateException when this is not a keyed list
   */
  public Region overflow(String elementId) {
    if (!keyedList) {
      throw new IllegalStateException("Only a keyed list has an overflow container: use Region.keyedList(\"" + name + "\")");
    }
    if (elementId == null || !PLAIN_ID.matcher(elementId).matches()) {
      throw new IllegalArgumentException("An overflow container's id is a letter, then letters, digits, '-' and '_': '" + elementId + "'");
    }
    return new Region(name, true, limit, elementId);
  }

  /** @return the most items a tab keeps ({@link #limit(int)}), or {@code 0} for no bound but the query's */
  public int limit() {
    return limit;
  }

  /** @return the id of the container of items tabs loaded themselves ({@link #overflow(String)}), or {@code null} */
  public String overflow() {
    return overflow;
  }

  /** @return the partial's name, e.g. {@code "issues/rows"} */
  public String name() {
    return name;
  }

  /** @return whether tabs receive item changes instead of the whole region */
  public boolean isKeyedList() {
    return keyedList;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Region r && r.name.equals(name) && r.keyedList == keyedList && r.limit == limit
      && Objects.equals(r.overflow, overflow);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyedList, limit, overflow);
  }

  @Override
  public String toString() {
    if (!keyedList) {
      return name;
    }
    return "keyedList(" + name + ")" + (limit > 0 ? ".limit(" + limit + ")" : "") + (overflow != null ? ".overflow(" + overflow + ")" : "");
  }
}
