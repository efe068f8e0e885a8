package dev.honostar.protocol;

import io.vertx.core.http.HttpServerRequest;

/**
 * Names of Datastar's request and reply headers, and request recognition.
 *
 * <pre>{@code
 * if (Datastar.isDatastarRequest(ctx.request())) { ... answer with a patch ... }
 * }</pre>
 */
public final class Datastar {

  /** Sent by the runtime on every request it makes. */
  public static final String REQUEST_HEADER = "Datastar-Request";
  /** The query parameter carrying signals on GET and DELETE requests. */
  public static final String SIGNALS_PARAM = "datastar";
  /** The pinned runtime this project speaks to. */
  public static final String RUNTIME_VERSION = "1.0.2";
  /** The default runtime URL (jsDelivr, pinned). */
  public static final String RUNTIME_CDN_URL = "https://cdn.jsdelivr.net/gh/starfederation/datastar@v1.0.2/bundles/datastar.js";
  /** Subresource Integrity of {@link #RUNTIME_CDN_URL}. */
  public static final String RUNTIME_CDN_INTEGRITY = "sha384-SnyFlWTdFL3c8+9/1WsPuMFBq6AQOGC1LmS9upY4YkM3En3wZr5q2UvydHaMgOVG";

  static final String SELECTOR_HEADER = "datastar-selector";
  static final String MODE_HEADER = "datastar-mode";
  static final String NAMESPACE_HEADER = "datastar-namespace";
  static final String USE_VIEW_TRANSITION_HEADER = "datastar-use-view-transition";
  static final String ONLY_IF_MISSING_HEADER = "datastar-only-if-missing";
  static final String SCRIPT_ATTRIBUTES_HEADER = "datastar-script-attributes";

  private Datastar() {
  }

  /** @return whether the request was made by the Datastar runtime ({@code Datastar-Request: true}) */
  public static boolean isDatastarRequest(HttpServerRequest request) {
    return "true".equalsIgnoreCase(request.getHeader(REQUEST_HEADER));
  }
}
