package dev.honostar.live.impl;

import dev.honostar.page.ViewKey;
import dev.honostar.security.TopicGrant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value of a query's {@link ViewKey}: the URL parameters it declares and the viewer key, as
 * a tab's signed grant carries them. Tabs with equal views share one render; the view is what
 * the query may read, and nothing else of the tab.
 */
record View(ViewKey key, Map<String, String> params, String viewer) {

  static View of(ViewKey key, TopicGrant grant) {
    Map<String, String> params = new TreeMap<>();
    for (String name : key.params()) {
      String value = grant.params().get(name);
      if (value != null) {
        params.put(name, value);
      }
    }
    return new View(key, Collections.unmodifiableMap(params), key.hasViewer() ? grant.viewer() : "");
  }

  String param(String name) {
    if (!key.params().contains(name)) {
      throw new IllegalStateException("Parameter '" + name + "' is not part of this query's view key " + key
        + ": declare it, e.g. q.on(family, ViewKey.params(\"" + name + "\"), query, regions), so tabs that differ in it render apart");
    }
    return params.get(name);
  }

  String viewerKey() {
    if (!key.hasViewer()) {
      throw new IllegalStateException("This query's view key " + key + " does not include the viewer: "
        + "declare it with ViewKey.viewer() or .withViewer(), and give Page.viewerKey(...)");
    }
    return viewer;
  }

  /** @return a short description for logs */
  String describe() {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    if (key.hasViewer()) {
      parts.add("viewer=" + viewer);
    }
    return String.join(",", parts);
  }
}
