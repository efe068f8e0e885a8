package dev.honostar.view;

import java.util.Map;

/**
 * Turns a route name and parameters into an href; used by the {@code route} helper.
 *
 * <pre>{@code
 * RouteResolver routes = (name, params) -> switch (name) {
 *   case "issue" -> "/issues/" + params.get("id");
 *   default -> throw new IllegalArgumentException("unknown route " + name);
 * };
 * }</pre>
 *
 * <p>The helper HTML-escapes the result, so the resolver returns a plain (URL-encoded) path.
 */
@FunctionalInterface
public interface RouteResolver {

  /**
   * @param name the route name given to {@code {{route "name" ...}}}
   * @param params the helper's hash arguments, e.g. {@code id=issue.id}
   * @return the href, URL-encoded but not HTML-escaped
   */
  String href(String name, Map<String, Object> params);

  /** A resolver that fails with a clear message: for engines whose app has no named routes. */
  static RouteResolver none() {
    return (name, params) -> {
      throw new IllegalStateException("No RouteResolver configured; cannot resolve route '" + name + "'");
    };
  }
}
