package dev.honostar.view;

import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared helpers for the view tests. */
final class TestViews {

  static final String ROOT = "view-test/templates/";
  static final String HOSTILE = "\"><script>alert(1)</script>' onmouseover=x `";

  private TestViews() {
  }

  static ViewOptions options() {
    return new ViewOptions().setTemplatesRoot(ROOT);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed", e);
    }
  }

  static Map<String, Object> data(Object... kv) {
    java.util.HashMap<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
