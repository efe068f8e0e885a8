package dev.honostar.live.impl;

import dev.honostar.page.Query;

import java.util.List;

/**
 * One declared query of a page: its topic family, how to load, the regions it re-renders, and
 * whether those render once for everyone or once per viewer.
 */
public record QueryDef(String family, Query<?> query, List<String> regions, boolean perViewer) {

  public QueryDef {
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("query for topic family '" + family + "' declares no region to re-render");
    }
  }
}
