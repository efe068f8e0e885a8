package dev.honostar.page;

import io.vertx.core.Future;

/**
 * Loads the model a page's regions re-render with when its topic changes.
 *
 * <pre>{@code
 * Query<List<Issue>> all = qc -> qc.blocking(repository::findAll);
 * }</pre>
 */
@FunctionalInterface
public interface Query<T> {
  Future<T> load(QueryContext ctx);
}
