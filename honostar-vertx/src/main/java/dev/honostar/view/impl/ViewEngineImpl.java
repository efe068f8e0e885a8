package dev.honostar.view.impl;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.JavaBeanValueResolver;
import com.github.jknack.handlebars.context.MapValueResolver;
import dev.honostar.view.AssetResolver;
import dev.honostar.view.RouteResolver;
import dev.honostar.view.ViewEngine;
import dev.honostar.view.ViewException;
import dev.honostar.view.ViewOptions;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Handlebars.java driven directly: every template compiled once per generation, absolute partial names. */
public final class ViewEngineImpl implements ViewEngine {

  private static final Logger LOG = LoggerFactory.getLogger(ViewEngineImpl.class);

  /** Classpath folder of the framework's templates (UI kit, layouts, error pages). */
  static final String FRAMEWORK_ROOT = "honostar/";

  private ClassLoader appLoader = ViewEngineImpl.class.getClassLoader();
  private final Vertx vertx;
  private final ViewOptions options;
  private final Helpers helpers;
  private final Map<String, Helper<?>> appHelpers;
  private final Map<String, String> frameworkSources;
  private final AtomicLong compiles = new AtomicLong();
  private final AtomicBoolean reloading = new AtomicBoolean();
  private volatile TemplateSet current;
  private volatile long timerId = -1;

  private ViewEngineImpl(Vertx vertx, ViewOptions options, RouteResolver routes, AssetResolver assets,
      Map<String, Helper<?>> appHelpers, Map<String, String> frameworkSources) {
    this.vertx = vertx;
    this.options = new ViewOptions(options);
    this.helpers = new Helpers(routes, assets, this.options, new JsonEmbed());
    this.appHelpers = Map.copyOf(appHelpers);
    this.frameworkSources = frameworkSources;
  }

  public static Future<ViewEngine> create(Vertx vertx, ViewOptions options, RouteResolver routes,
      AssetResolver assets, Map<String, Helper<?>> appHelpers) {
    ViewOptions opts = new ViewOptions(options);
    // The app's templates come from the caller's class loader (the context one, which differs
    // from the framework's under launchers and in tests), captured before leaving this thread.
    ClassLoader appLoader = appClassLoader();
    return vertx.executeBlocking(() -> {
      ViewEngineImpl engine = new ViewEngineImpl(vertx, opts, routes, assets, appHelpers, frameworkSources());
      engine.appLoader = appLoader;
      engine.current = engine.build();
      return (ViewEngine) engine;
    }, false).onSuccess(engine -> ((ViewEngineImpl) engine).startDevTimer());
  }

  /** @return the context class loader of the calling thread, else the framework's */
  static ClassLoader appClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ViewEngineImpl.class.getClassLoader();
  }

  /** {@code honostar/ui/x.hbs} is {@code ui/x}; everything else keeps its path: {@code honostar/layouts/default}. */
  private static Map<String, String> frameworkSources() {
    Map<String, String> out = new TreeMap<>();
    ResourceScanner.classpath(ViewEngineImpl.class.getClassLoader(), FRAMEWORK_ROOT).forEach((path, found) -> {
      if (!path.endsWith(ViewOptions.EXTENSION)) return;
      String name = TemplateSet.normalize(path);
      name = name.startsWith("ui/") ? name : "honostar/" + name;
      out.put(name, new String(found.content(), StandardCharsets.UTF_8));
    });
    return Collections.unmodifiableMap(out);
  }

  /** Reads app templates and compiles everything. Blocking: worker thread only. */
  private TemplateSet build() {
    Map<String, String> sources = new TreeMap<>(frameworkSources);
    Map<String, ResourceScanner.Found> app;
    Map<String, String> fingerprint = Map.of();
    if (options.getTemplatesDir() != null) {
      Path dir = Paths.get(options.getTemplatesDir());
      fingerprint = ResourceScanner.fingerprint(dir);
      app = ResourceScanner.directory(dir);
    } else {
      app = ResourceScanner.classpath(appLoader, options.getTemplatesRoot());
    }
    // App templates override framework ones of the same name (e.g. a custom ui/button).
    app.forEach((path, found) -> {
      if (path.endsWith(ViewOptions.EXTENSION)) {
        sources.put(TemplateSet.normalize(path), new String(found.content(), StandardCharsets.UTF_8));
      }
    });
    return TemplateSet.compile(sources, registrar -> {
      helpers.register(registrar);
      appHelpers.forEach((name, helper) -> {
        // Replacing a built-in (csrfField, route, ...) would silently change every template.
        if (registrar.handlebars.helper(name) != null) {
          throw new IllegalArgumentException("A helper named '" + name + "' is built in: choose another name");
        }
        registrar.handlebars.registerHelper(name, helper);
      });
    }, compiles, fingerprint);
  }

  private void startDevTimer() {
    if (options.isDev() && options.getTemplatesDir() != null) {
      timerId = vertx.setPeriodic(options.getReloadInterval(), id -> reload());
    }
  }

  @Override
  public Future<Boolean> reload() {
    if (!options.isDev() || options.getTemplatesDir() == null) {
      return Future.succeededFuture(false);
    }
    if (!reloading.compareAndSet(false, true)) {
      return Future.succeededFuture(false);
    }
    TemplateSet before = current;
    return vertx.<TemplateSet>executeBlocking(() -> {
      Map<String, String> now = ResourceScanner.fingerprint(Paths.get(options.getTemplatesDir()));
      return now.equals(before.fingerprint) ? null : build();
    }, false).map(set -> {
      if (set == null) return false;
      current = set;
      LOG.info("Reloaded templates from {}", options.getTemplatesDir());
      return true;
    }).onFailure(e -> LOG.error("Template reload failed; keeping the previous templates: {}", e.getMessage()))
        .eventually(() -> {
          reloading.set(false);
          return Future.succeededFuture();
        });
  }

  @Override
  public void close() {
    long id = timerId;
    if (id >= 0) {
      vertx.cancelTimer(id);
      timerId = -1;
    }
  }

  /** Number of template parses since creation; stays put across renders (compile-once guarantee). */
  public long compileCount() {
    return compiles.get();
  }

  /** The compiled template currently registered under {@code name}, or null. */
  public Template compiled(String name) {
    return current.templates.get(TemplateSet.normalize(name));
  }

  @Override
  public boolean hasTemplate(String name) {
    return name != null && current.templates.containsKey(TemplateSet.normalize(name));
  }

  @Override
  public Set<String> templateNames() {
    return current.templates.keySet();
  }

  private Template template(TemplateSet set, String name) {
    Template t = set.templates.get(TemplateSet.normalize(name));
    if (t == null) {
      throw new ViewException(name, "No template named '" + name + "'");
    }
    return t;
  }

  private static Context context(Object model, Map<String, Object> data) {
    Context ctx = Context.newBuilder(model == null ? Map.of() : model)
        .resolver(JsonValueResolver.INSTANCE, MapValueResolver.INSTANCE, JavaBeanValueResolver.INSTANCE,
            RecordValueResolver.INSTANCE)
        .build();
    if (data != null) {
      ctx.data(data);
    }
    // Normalised so templates can rely on {{@theme}} and (eq @theme "dark").
    ctx.data(DATA_THEME, Helpers.theme(data == null ? null : data.get(DATA_THEME)));
    return ctx;
  }

  private static String apply(Template t, String name, Context ctx) {
    try {
      return t.apply(ctx);
    } catch (ViewException e) {
      throw e;
    } catch (Exception e) {
      throw new ViewException(name, "Failed to render template '" + name + "': " + e.getMessage(), e);
    } finally {
      ctx.destroy();
    }
  }

  @Override
  public String render(String templateName, Object model, Map<String, Object> data) {
    TemplateSet set = current;
    return apply(template(set, templateName), templateName, context(model, data));
  }

  @Override
  public String renderPage(String templateName, Object model, List<String> layouts, Map<String, Object> data) {
    TemplateSet set = current;
    String html = apply(template(set, templateName), templateName, context(model, data));
    for (String layout : layouts) {
      Template t = template(set, layout);
      Context root = context(model, data);
      // The body sits in a child context so it wins over a model property called "body".
      Context ctx = Context.newContext(root, Map.of("body", new Handlebars.SafeString(html)));
      try {
        html = apply(t, layout, ctx);
      } finally {
        root.destroy();
      }
    }
    return html;
  }

  @Override
  public String renderRegion(String regionName, Object model, Map<String, Object> data) {
    String html = render(regionName, model, data);
    if (options.isCheckRegions() && RegionRoot.id(html) == null) {
      String start = html.strip();
      throw new ViewException(regionName, "Region '" + regionName
          + "' must render one root element with an id (Datastar morphs by id); it starts with: "
          + (start.length() > 80 ? start.substring(0, 80) + "…" : start));
    }
    return html;
  }

  @Override
  public String renderError(int status, Map<String, Object> data) {
    String name = "honostar/errors/" + status;
    if (!hasTemplate(name)) {
      name = "honostar/errors/error";
    }
    String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
    Map<String, Object> model = Map.of("status", status, "reason", reason);
    Map<String, Object> d = new HashMap<>(data == null ? Map.of() : data);
    d.putIfAbsent(DATA_HEAD, Map.of("title", status + " " + reason));
    return renderPage(name, model, List.of(DEFAULT_LAYOUT), d);
  }
}
