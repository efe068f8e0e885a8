package dev.honostar.live.impl;

import java.util.List;
import java.util.Map;

/** What the hub needs of a page: its id (the route path) and its queries by topic family. */
public record LivePage(String id, Map<String, List<QueryDef>> queriesByFamily) {

  public List<QueryDef> queries(String family) {
    return queriesByFamily.getOrDefault(family, List.of());
  }

  /** @return whether any query of this page renders per viewer (and so needs the viewer's session) */
  public boolean hasPerViewerQueries() {
    for (List<QueryDef> defs : queriesByFamily.values()) {
      for (QueryDef def : defs) {
        if (def.perViewer()) {
          return true;
        }
      }
    }
    return false;
  }
}
