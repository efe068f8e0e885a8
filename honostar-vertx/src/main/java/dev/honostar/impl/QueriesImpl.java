package dev.honostar.impl;

import dev.honostar.live.impl.QueryDef;
import dev.honostar.page.Queries;
import dev.honostar.page.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a page's query declarations. */
final class QueriesImpl implements Queries {

  final Map<String, List<QueryDef>> byFamily = new LinkedHashMap<>();

  @Override
  public <T> Queries on(String family, Query<T> query, String... regions) {
    return add(family, query, regions, false);
  }

  @Override
  public <T> Queries onPerViewer(String family, Query<T> query, String... regions) {
    return add(family, query, regions, true);
  }

  private Queries add(String family, Query<?> query, String[] regions, boolean perViewer) {
    if (family == null || family.isEmpty() || family.indexOf(':') >= 0 || !dev.honostar.live.Topic.isValid(family)) {
      throw new IllegalArgumentException("Invalid topic family '" + family + "': use the part of the topic name before ':'");
    }
    byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(new QueryDef(family, query, Arrays.asList(regions), perViewer));
    return this;
  }

  List<String> regions() {
    List<String> all = new ArrayList<>();
    byFamily.values().forEach(defs -> defs.forEach(d -> all.addAll(d.regions())));
    return all;
  }
}
