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
 *
 * <pre>{@code
 * q.on("issues", ViewKey.params("status", "q"), qc -> list(qc),
 *     Region.of("issues/tabs"), Region.keyedList("issues/rows"));
 * }</pre>
 */
public final class Region {

  private final String name;
  private final boolean keyedList;

  private Region(String name, boolean keyedList) {
    Objects.requireNonNull(name, "region name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A region's name (its partial) must not be blank");
    }
    this.name = name;
    this.keyedList = keyedList;
  }

  /** @return a fat region: the whole partial is sent on each change */
  public static Region of(String name) {
    return new Region(name, false);
  }

  /** @return a region whose root's children are keyed items: only changed items are sent */
  public static Region keyedList(String name) {
    return new Region(name, true);
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
    return o instanceof Region r && r.name.equals(name) && r.keyedList == keyedList;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + (keyedList ? 1 : 0);
  }

  @Override
  public String toString() {
    return keyedList ? "keyedList(" + name + ")" : name;
  }
}
