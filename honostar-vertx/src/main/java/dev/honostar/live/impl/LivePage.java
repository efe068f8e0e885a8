package dev.honostar.live.impl;

import java.util.List;
import java.util.Map;

/** What the hub needs of a page: its id (the route path) and its queries by topic family. */
public record LivePage(String id, Map<String, List<QueryDef>> queriesByFamily) {

  public List<QueryDef> queries(String family) {
    return queriesByFamily.getOrDefault(family, List.of());
  }
}
