package dev.honostar.live.impl;

import dev.honostar.page.Query;
import dev.honostar.page.Region;
import dev.honostar.page.ViewKey;

import java.util.List;

/**
 * One declared query of a page: its topic family, how to load, what its regions depend on
 * ({@code key}), the regions it re-renders, and whether they render per connection instead
 * ({@code perViewer}: the documented exception, with the viewer's session), and whether they show
 * the topic's presence set ({@code presence}: they render on presence changes, and only on them).
 */
public record QueryDef(String family, ViewKey key, Query<?> query, List<Region> regions, boolean perViewer, boolean presence) {

  public QueryDef(String family, ViewKey key, Query<?> query, List<Region> regions, boolean perViewer) {
    this(family, key, query, regions, perViewer, false);
  }

  public QueryDef {
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("query for topic family '" + family + "' declares no region to re-render");
    }
  }
}
