package dev.honostar.impl;

import dev.honostar.live.impl.LivePage;
import dev.honostar.page.Layout;
import dev.honostar.page.Page;
import dev.honostar.view.ViewEngine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What an app registered to answer requests: its pages, layouts, commands and streams. */
final class AppRoutes {

  /** A page: its loader, template, layout chain (innermost first) and queries. */
  record PageRoute(String path, Page<?> page, String template, List<String> layouts, QueriesImpl queries, LivePage live) {
  }

  /** A command: its handlers by method. */
  record CommandRoute(String path, HandlersImpl handlers) {
  }

  /** A download: where its file comes from. */
  record DownloadRoute(String path, java.util.function.Function<io.vertx.ext.web.RoutingContext, io.vertx.core.Future<dev.honostar.upload.Download>> source) {
  }

  final List<PageRoute> pages = new ArrayList<>();
  final List<CommandRoute> commands = new ArrayList<>();
  final List<AppStream> streams = new ArrayList<>();
  final List<DownloadRoute> downloads = new ArrayList<>();
  final Map<String, Layout> layouts = new HashMap<>();

  /** Static paths before parameters before wildcards, so {@code /issues/new} wins over {@code /issues/:id}. */
  private static int dynamic(String path) {
    return path.contains("*") ? 2 : path.contains(":") ? 1 : 0;
  }

  List<PageRoute> pagesInMatchOrder() {
    List<PageRoute> ordered = new ArrayList<>(pages);
    ordered.sort(Comparator.comparing((PageRoute p) -> dynamic(p.path())).thenComparing(PageRoute::path));
    return ordered;
  }

  List<CommandRoute> commandsInMatchOrder() {
    List<CommandRoute> ordered = new ArrayList<>(commands);
    ordered.sort(Comparator.comparing((CommandRoute c) -> dynamic(c.path())).thenComparing(CommandRoute::path));
    return ordered;
  }

  /** Fails startup when a page declares a region or uses a template or layout that does not exist. */
  void checkTemplates(ViewEngine view) {
    List<String> missing = new ArrayList<>();
    for (PageRoute p : pages) {
      if (!view.hasTemplate(p.template())) {
        missing.add("template '" + p.template() + "' of page " + p.path());
      }
      for (String region : p.queries().regions()) {
        if (!view.hasTemplate(region)) {
          missing.add("region '" + region + "' of page " + p.path());
        }
      }
      for (String layout : p.layouts()) {
        if (!view.hasTemplate(layout)) {
          missing.add("layout '" + layout + "' of page " + p.path());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Missing templates: " + String.join(", ", missing));
    }
  }

  /** The route list development mode logs at startup. */
  String describe(String eventsPath) {
    StringBuilder sb = new StringBuilder("HonoStar routes:");
    pagesInMatchOrder().forEach(p -> sb.append("\n  GET    ").append(p.path()).append("  → ").append(p.page().getClass().getSimpleName())
      .append(" (").append(p.template()).append(')'));
    commands.forEach(c -> c.handlers().byMethod.keySet().forEach(m -> sb.append("\n  ").append(String.format("%-6s", m.name())).append(' ').append(c.path())));
    streams.forEach(s -> sb.append("\n  GET    ").append(s.path()).append("  (stream)"));
    downloads.forEach(d -> sb.append("\n  GET    ").append(d.path()).append("  (download)"));
    sb.append("\n  GET    ").append(eventsPath).append("  (live updates)");
    return sb.toString();
  }
}
