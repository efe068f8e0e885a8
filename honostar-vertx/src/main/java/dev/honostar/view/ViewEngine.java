package dev.honostar.view;

import com.github.jknack.handlebars.Helper;
import dev.honostar.view.impl.ViewEngineImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders Handlebars templates: whole pages wrapped in layouts, and regions (fat patches).
 *
 * <p>Every {@code .hbs} file under the templates root is compiled once, at creation, and addressed
 * by its path without extension ({@code issues/list}); partials ({@code {{> issues/row}}}) always
 * resolve from the root, never relative to the including template. The UI kit is available as
 * {@code ui/<name>}, the default layout as {@value #DEFAULT_LAYOUT}. Rendering is CPU-only and safe
 * on the event loop.
 *
 * <pre>{@code
 * ViewEngine.create(vertx, new ViewOptions(), routes, assets, Map.of()).onSuccess(views -> {
 *   String html = views.renderPage("issues/index", model, List.of(ViewEngine.DEFAULT_LAYOUT),
 *       Map.of("nonce", nonce, "csrfToken", token, "theme", Theme.DARK,
 *              "head", Map.of("title", "Issues")));
 *   String patch = views.renderRegion("issues/list", model, Map.of("nonce", nonce));
 * });
 * }</pre>
 */
public interface ViewEngine {

  /** The default HTML layout: doctype, head, theme, scripts, {@code #app}, overlays, toasts. */
  String DEFAULT_LAYOUT = "honostar/layouts/default";

  /** Data key ({@code @nonce}) of the CSP nonce. */
  String DATA_NONCE = "nonce";
  /** Data key: the path the app's router is mounted at ({@code ""} at the root); prefixed to routes and assets. */
  String DATA_BASE_PATH = "basePath";
  /** Data key ({@code @csrfToken}) of the CSRF token. */
  String DATA_CSRF_TOKEN = "csrfToken";
  /** Data key ({@code @live}) of the pre-rendered live-subscription element (trusted HTML). */
  String DATA_LIVE = "live";
  /** Data key ({@code @head}) of a map with {@code title} and {@code meta} (list of {@code name}/{@code content} maps). */
  String DATA_HEAD = "head";
  /** Data key ({@code @theme}) of the {@link Theme} (or its cookie value); absent means SYSTEM. */
  String DATA_THEME = "theme";
  /** Data key overriding the Datastar script URL for one page. */
  String DATA_DATASTAR_SRC = "datastarSrc";
  /** Data key overriding the Datastar script SRI hash for one page. */
  String DATA_DATASTAR_INTEGRITY = "datastarIntegrity";

  /**
   * Creates an engine without named routes; {@code asset} URLs are unhashed ({@code assetsPath + name}).
   * Templates are read and compiled on a worker thread.
   */
  static Future<ViewEngine> create(Vertx vertx, ViewOptions options) {
    return create(vertx, options, RouteResolver.none(), name -> options.getAssetsPath() + name, Map.of());
  }

  /**
   * Creates an engine.
   *
   * @param routes resolves {@code {{route "name" k=v}}}
   * @param assets resolves {@code {{asset "name"}}}, normally an {@link AssetHandler}
   * @param helpers extra app helpers, registered before compilation (Handlebars binds helpers at compile time)
   */
  static Future<ViewEngine> create(Vertx vertx, ViewOptions options, RouteResolver routes,
      AssetResolver assets, Map<String, Helper<?>> helpers) {
    return ViewEngineImpl.create(vertx, options, routes, assets, helpers);
  }

  /**
   * Renders one template.
   *
   * @param templateName e.g. {@code issues/list}
   * @param model the root context ({@code this}); maps, {@code JsonObject}s, beans and records work
   * @param data Handlebars data variables: {@code data.put("nonce", n)} is {@code {{@nonce}}} in templates
   * @throws ViewException naming the template if it is unknown or fails
   */
  String render(String templateName, Object model, Map<String, Object> data);

  /**
   * Renders a page, then wraps it in each layout, innermost first: every layout sees the inner
   * HTML as {@code {{{body}}}} plus the same model and data.
   *
   * <pre>{@code
   * views.renderPage("issues/show", issue, List.of("issues/layout", ViewEngine.DEFAULT_LAYOUT), data);
   * }</pre>
   */
  String renderPage(String templateName, Object model, List<String> layouts, Map<String, Object> data);

  /**
   * Renders a region (a partial whose single root element carries the id Datastar morphs by) for a
   * fat patch. Unless disabled in the options, fails when the output's first element has no id.
   */
  String renderRegion(String regionName, Object model, Map<String, Object> data);

  /**
   * Renders {@code honostar/errors/<status>} (404, 405, 500; other codes fall back to 500's text
   * with the given status) inside the default layout. No stack traces, no request details.
   */
  String renderError(int status, Map<String, Object> data);

  /** @return whether a template or partial of that name exists, e.g. to validate region names at startup */
  boolean hasTemplate(String name);

  /** @return every addressable template name, app and framework */
  Set<String> templateNames();

  /**
   * Re-reads the templates folder now (dev engines do this by themselves every
   * {@link ViewOptions#getReloadInterval()} ms). Completes with {@code true} when something changed.
   * Production engines complete with {@code false}.
   */
  Future<Boolean> reload();

  /** Stops the dev reload timer. */
  void close();
}
