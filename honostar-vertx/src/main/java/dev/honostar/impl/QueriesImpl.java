package dev.honostar.impl;

import dev.honostar.live.Topic;
import dev.honostar.live.impl.QueryDef;
import dev.honostar.page.Queries;
import dev.honostar.page.Query;
import dev.honostar.page.Region;
import dev.honostar.page.ViewKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects a page's query declarations. */
final class QueriesImpl implements Queries {

  final Map<String, List<QueryDef>> byFamily = new LinkedHashMap<>();

  @Override
  public <T> Queries on(String family, ViewKey key, Query<T> query, Region... regions) {
    return add(family, Objects.requireNonNull(key, "key"), query, regions, false);
  }

  @Override
  public <T> Queries onPerViewer(String family, Query<T> query, Region... regions) {
    return add(family, ViewKey.none(), query, regions, true);
  }

  private Queries add(String family, ViewKey key, Query<?> query, Region[] regions, boolean perViewer) {
    if (family == null || family.isEmpty() || family.indexOf(':') >= 0 || !Topic.isValid(family)) {
      throw new IllegalArgumentException("Invalid topic family '" + family + "': use the part of the topic name before ':'");
    }
    byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(new QueryDef(family, key, query, Arrays.asList(regions), perViewer));
    return this;
  }

  List<String> regions() {
    List<String> all = new ArrayList<>();
    byFamily.values().forEach(defs -> defs.forEach(d -> d.regions().forEach(r -> all.add(r.name()))));
    return all;
  }
}
