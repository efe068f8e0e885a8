package dev.honostar.view;

import dev.honostar.view.impl.AssetHandlerImpl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Serves static assets with content-hashed names. At creation every file under the classpath folder
 * {@code honostar/} (served as {@code honostar/...}) and under the app's asset root
 * ({@link ViewOptions#getAssetsRoot()} or {@link ViewOptions#getAssetsDir()}, served by its relative
 * path) is read into memory and hashed once.
 *
 * <ul>
 *   <li>{@code /_/assets/honostar/honostar.3f2a9c1b.css}: {@value #IMMUTABLE}</li>
 *   <li>{@code /_/assets/honostar/honostar.css}: same bytes, {@code Cache-Control: no-cache} with an ETag</li>
 *   <li>anything else, including traversal attempts: 404 (only known names are ever served)</li>
 * </ul>
 *
 * <pre>{@code
 * AssetHandler.create(vertx, options).onSuccess(assets -> {
 *   router.get(options.getAssetsPath() + "*").handler(assets);
 *   String css = assets.url("honostar/honostar.css"); // "/_/assets/honostar/honostar.3f2a9c1b.css"
 * });
 * }</pre>
 */
public interface AssetHandler extends Handler<RoutingContext>, AssetResolver {

  /** Cache-Control for hashed names. */
  String IMMUTABLE = "public, max-age=31536000, immutable";
  /** Cache-Control for unhashed names: always revalidate (ETag). */
  String NO_CACHE = "no-cache";

  /** Reads and hashes every asset on a worker thread. */
  static Future<AssetHandler> create(Vertx vertx, ViewOptions options) {
    return AssetHandlerImpl.create(vertx, options);
  }

  /**
   * @param name e.g. {@code honostar/honostar.css}
   * @return the hashed URL under {@link ViewOptions#getAssetsPath()}
   * @throws IllegalArgumentException for an unknown asset, so a typo fails the render loudly
   */
  @Override
  String url(String name);

  /** @return every asset name (unhashed) */
  Set<String> names();
}
