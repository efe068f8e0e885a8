package dev.honostar.routing;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a {@link RouteTable}.
 *
 * @param path the Vert.x route path, e.g. {@code /issues/:id}; catch-alls end in {@code *}
 * @param kind page, command or layout
 * @param className the fully qualified class implementing it (public; made by the app's {@link RouteFactory}, by default with its no-argument constructor)
 * @param template the template name (pages and layouts), relative to the templates root, without {@code .hbs}; {@code null} for commands
 * @param layouts the layout class names wrapping a page, innermost first; empty otherwise
 */
public record RouteEntry(String path, RouteKind kind, String className, String template, List<String> layouts) {

  public RouteEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(className, "className");
    layouts = layouts == null ? List.of() : List.copyOf(layouts);
  }

  /** @return whether the path has no parameter and no catch-all, so it wins over dynamic ones */
  public boolean isStatic() {
    return !path.contains(":") && !path.contains("*");
  }
}
