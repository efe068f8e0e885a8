package dev.honostar.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The routes of an application. The annotation processor of {@code honostar-codegen}
 * generates one per {@link RouteRoot} and registers it as a service, so the runtime finds it
 * without configuration; a table can also be written by hand.
 *
 * <pre>{@code
 * HonoStar.create(vertx, options).routes(RouteTable.discover());
 * }</pre>
 */
public interface RouteTable {

  /** @return the entries, static paths before dynamic ones */
  List<RouteEntry> routes();

  /**
   * Resolves a named route, e.g. {@code href("issues.byId", Map.of("id", 42))} is
   * {@code /issues/42}; templates reach it through {@code {{route "issues.byId" id=42}}}.
   *
   * @throws IllegalArgumentException for an unknown name or a missing parameter
   */
  default String href(String name, java.util.Map<String, ?> params) {
    throw new IllegalArgumentException("No route named '" + name + "': this route table has no named routes");
  }

  /** @return every table registered in {@code META-INF/services/dev.honostar.routing.RouteTable} */
  static List<RouteTable> discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  /** @return every table the given class loader registers */
  static List<RouteTable> discover(ClassLoader loader) {
    List<RouteTable> tables = new ArrayList<>();
    ServiceLoader.load(RouteTable.class, loader).forEach(tables::add);
    return tables;
  }
}
