package dev.honostar.impl;

import dev.honostar.bus.Topic;
import dev.honostar.live.impl.QueryDef;
import dev.honostar.page.Queries;
import dev.honostar.page.Query;
import dev.honostar.page.Region;
import io.vertx.core.Future;
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
  public <T> Queries on(Topic family, ViewKey key, Query<T> query, Region... regions) {
    return add(family, Objects.requireNonNull(key, "key"), query, regions, false);
  }

  @Override
  public <T> Queries onPerViewer(Topic family, Query<T> query, Region... regions) {
    return add(family, ViewKey.none(), query, regions, true);
  }

  @Override
  public Queries onPresence(Topic family, String... regions) {
    String name = familyName(family);
    byFamily.computeIfAbsent(name, f -> new ArrayList<>()).add(new QueryDef(name, ViewKey.none(),
      qc -> Future.succeededFuture(qc.presence()), Arrays.stream(regions).map(Region::of).toList(), false, true));
    return this;
  }

  private Queries add(Topic family, ViewKey key, Query<?> query, Region[] regions, boolean perViewer) {
    String name = familyName(family);
    byFamily.computeIfAbsent(name, f -> new ArrayList<>()).add(new QueryDef(name, key, query, Arrays.asList(regions), perViewer));
    return this;
  }

  /**
   * @return the name of {@code family}, a topic without a key
   * @throws IllegalArgumentException when it has a key ({@code issue:42} is a topic of family {@code issue})
   */
  static String familyName(Topic family) {
    Objects.requireNonNull(family, "family");
    if (family.key() != null) {
      throw new IllegalArgumentException("Invalid topic family '" + family + "': use the part of the topic name before ':'");
    }
    return family.name();
  }

  List<String> regions() {
    List<String> all = new ArrayList<>();
    byFamily.values().forEach(defs -> defs.forEach(d -> d.regions().forEach(r -> all.add(r.name()))));
    return all;
  }
}
