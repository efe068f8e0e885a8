package dev.honostar.live.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the hub needs of a page: its id (the route path), its queries by topic family, and the
 * URL parameters those queries depend on (bound into the tab's token when the page renders).
 */
public record LivePage(String id, Map<String, List<QueryDef>> queriesByFamily, Set<String> viewParams) {

  public LivePage(String id, Map<String, List<QueryDef>> queriesByFamily) {
    this(id, queriesByFamily, paramsOf(queriesByFamily));
  }

  private static Set<String> paramsOf(Map<String, List<QueryDef>> queries) {
    Set<String> names = new TreeSet<>();
    queries.values().forEach(defs -> defs.forEach(d -> names.addAll(d.key().params())));
    return Set.copyOf(names);
  }

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
