package dev.honostar.view.impl;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.Template;
import dev.honostar.protocol.impl.Html;
import dev.honostar.view.AssetResolver;
import dev.honostar.view.RouteResolver;
import dev.honostar.view.Theme;
import dev.honostar.view.ViewEngine;
import dev.honostar.view.ViewException;
import dev.honostar.view.ViewOptions;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The built-in helpers. Every helper escapes what it prints and returns a {@link Handlebars.SafeString}
 * so the result is also safe inside triple-stash {@code {{{ }}}}.
 */
final class Helpers {

  /** Attribute names the {@code attrs} helper accepts: plain and Datastar ({@code data-on:click__debounce.1s}). */
  private static final Pattern ATTR_NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:.\\-]*");

  private static final String THEME_SCRIPT =
      "(function(){try{var d=document.documentElement;d.classList.add("
          + "window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light')}catch(e){}})();";

  private final RouteResolver routes;
  private final AssetResolver assets;
  private final ViewOptions options;
  private final JsonEmbed json;

  Helpers(RouteResolver routes, AssetResolver assets, ViewOptions options, JsonEmbed json) {
    this.routes = routes;
    this.assets = assets;
    this.options = options;
    this.json = json;
  }

  private static Handlebars.SafeString safe(CharSequence s) {
    return new Handlebars.SafeString(s);
  }

  private static String dataString(Options o, String key) {
    Object v = o.data(key);
    return v == null ? null : v.toString();
  }

  static Theme theme(Object value) {
    if (value instanceof Theme) return (Theme) value;
    return Theme.fromCookie(value == null ? null : value.toString());
  }

  void register(TemplateSet.Registrar r) {
    Handlebars hb = r.handlebars;
    Map<String, Template> templates = r.templates;

    hb.registerHelper("route", (Helper<Object>) (name, o) -> {
      Map<String, Object> params = new LinkedHashMap<>(o.hash);
      return safe(Html.escape(base(o) + routes.href(String.valueOf(name), params)));
    });

    hb.registerHelper("asset", (Helper<Object>) (name, o) -> safe(Html.escape(base(o) + assets.url(String.valueOf(name)))));

    FormHelpers.register(hb, json);

    hb.registerHelper("csrfField", (Helper<Object>) (ctx, o) -> {
      String token = dataString(o, ViewEngine.DATA_CSRF_TOKEN);
      return token == null ? safe("")
          : safe("<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.escape(token) + "\">");
    });

    hb.registerHelper("csrfMeta", (Helper<Object>) (ctx, o) -> {
      String token = dataString(o, ViewEngine.DATA_CSRF_TOKEN);
      return token == null ? safe("")
          : safe("<meta name=\"csrf-token\" content=\"" + Html.escape(token) + "\">");
    });

    hb.registerHelper("nonce", (Helper<Object>) (ctx, o) -> safe(nonceAttr(o)));

    hb.registerHelper("json", (Helper<Object>) (value, o) -> safe(Html.escape(json.toJson(value))));

    hb.registerHelper("jsonScript", (Helper<Object>) (value, o) -> safe(json.toScriptJson(value)));

    hb.registerHelper("signals", (Helper<Object>) (value, o) -> {
      Map<String, Object> signals = new LinkedHashMap<>();
      // With only hash arguments Handlebars passes the current model as the first argument: ignore it.
      boolean hashOnly = !o.hash.isEmpty() && value == o.context.model();
      if (hashOnly) {
        // nothing to merge
      } else if (value instanceof Map) {
        ((Map<?, ?>) value).forEach((k, v) -> signals.put(String.valueOf(k), v));
      } else if (value instanceof io.vertx.core.json.JsonObject) {
        signals.putAll(((io.vertx.core.json.JsonObject) value).getMap());
      } else if (value != null) {
        throw new IllegalArgumentException("signals expects a map or hash arguments, got " + value.getClass().getName());
      }
      signals.putAll(o.hash);
      return safe("data-signals='" + Html.escapeSingleQuoted(json.toJson(signals)) + "'");
    });

    hb.registerHelper("attrs", (Helper<Object>) (value, o) -> {
      Map<String, Object> attrs = new LinkedHashMap<>();
      if (value instanceof Map && value != o.context.model()) {
        ((Map<?, ?>) value).forEach((k, v) -> attrs.put(String.valueOf(k), v));
      }
      attrs.putAll(o.hash);
      StringBuilder b = new StringBuilder();
      for (Map.Entry<String, Object> e : attrs.entrySet()) {
        String name = e.getKey();
        if (!ATTR_NAME.matcher(name).matches() || name.regionMatches(true, 0, "on", 0, 2)) {
          // Inline event handlers would bypass CSP and escaping of the value cannot make them safe.
          throw new IllegalArgumentException("attribute name not allowed: " + name);
        }
        Object v = e.getValue();
        if (v == null || Boolean.FALSE.equals(v)) continue;
        b.append(' ').append(name);
        if (!Boolean.TRUE.equals(v)) b.append("=\"").append(Html.escape(v)).append('"');
      }
      return safe(b);
    });

    hb.registerHelper("region", (Helper<Object>) (name, o) -> {
      String n = TemplateSet.normalize(String.valueOf(name));
      Template t = templates.get(n);
      if (t == null) throw new ViewException(n, "No region template named '" + n + "'");
      Context ctx = o.params.length > 0 ? Context.newContext(o.context, o.param(0)) : o.context;
      try {
        String html = t.apply(ctx);
        // A page render records what it shows, so the stream can leave out what the tab has.
        if (o.data(RegionFingerprints.DATA) instanceof RegionFingerprints shown) {
          shown.record(n, html);
        }
        return safe(html);
      } catch (IOException e) {
        throw new ViewException(n, "Region '" + n + "' failed: " + e.getMessage(), e);
      }
    });

    hb.registerHelper("live", (Helper<Object>) (ctx, o) -> {
      Object live = o.data(ViewEngine.DATA_LIVE);
      // Trusted: the runtime made this element (a LiveElement, or its markup).
      if (live instanceof LiveElement element) {
        // The layout renders after the page's body: its regions are recorded by now.
        return safe(o.data(RegionFingerprints.DATA) instanceof RegionFingerprints shown
          ? element.withShown(shown.all()).html() : element.html());
      }
      return safe(live == null ? "" : live.toString());
    });

    hb.registerHelper("eq", (Helper<Object>) (a, o) -> equal(a, o.param(0, null)));
    hb.registerHelper("not", (Helper<Object>) (a, o) -> Handlebars.Utils.isEmpty(a));
    hb.registerHelper("and", (Helper<Object>) (a, o) -> {
      if (Handlebars.Utils.isEmpty(a)) return false;
      for (Object p : o.params) if (Handlebars.Utils.isEmpty(p)) return false;
      return true;
    });
    hb.registerHelper("or", (Helper<Object>) (a, o) -> {
      if (!Handlebars.Utils.isEmpty(a)) return true;
      for (Object p : o.params) if (!Handlebars.Utils.isEmpty(p)) return true;
      return false;
    });

    hb.registerHelper("themeClass", (Helper<Object>) (ctx, o) -> {
      Theme t = theme(o.data(ViewEngine.DATA_THEME));
      return safe(t == Theme.SYSTEM ? "" : t.cookieValue());
    });

    hb.registerHelper("themeScript", (Helper<Object>) (ctx, o) -> {
      Theme t = theme(o.data(ViewEngine.DATA_THEME));
      // Only SYSTEM needs the browser to decide before first paint; LIGHT/DARK are already in the class.
      return safe(t != Theme.SYSTEM ? "" : "<script" + nonceSpace(o) + ">" + THEME_SCRIPT + "</script>");
    });

    hb.registerHelper("datastarScript", (Helper<Object>) (ctx, o) -> {
      String src = dataString(o, ViewEngine.DATA_DATASTAR_SRC);
      String integrity = dataString(o, ViewEngine.DATA_DATASTAR_INTEGRITY);
      if (src == null && options.getDatastarFile() != null) {
        src = base(o) + assets.url(ViewOptions.SELF_HOSTED_DATASTAR);
      } else if (src == null) {
        src = options.getDatastarSrc();
        if (integrity == null) integrity = options.getDatastarIntegrity();
        if (integrity == null && src.equals(ViewOptions.DEFAULT_DATASTAR_SRC)) {
          integrity = ViewOptions.DEFAULT_DATASTAR_INTEGRITY;
        }
      }
      StringBuilder b = new StringBuilder("<script type=\"module\" src=\"").append(Html.escape(src)).append('"');
      if (integrity != null && !integrity.isBlank()) {
        b.append(" integrity=\"").append(Html.escape(integrity)).append("\" crossorigin=\"anonymous\"");
      }
      return safe(b.append(nonceSpace(o)).append("></script>"));
    });
  }

  /** The mount point of the app's router ({@code @basePath}), so URLs work under a sub-router. */
  private static String base(Options o) {
    String base = dataString(o, ViewEngine.DATA_BASE_PATH);
    return base == null ? "" : base;
  }

  private static String nonceAttr(Options o) {
    String nonce = dataString(o, ViewEngine.DATA_NONCE);
    return nonce == null ? "" : "nonce=\"" + Html.escape(nonce) + "\"";
  }

  private static String nonceSpace(Options o) {
    String attr = nonceAttr(o);
    return attr.isEmpty() ? "" : " " + attr;
  }

  /** Equality for templates: numbers by value, enums and strings by their text. */
  static boolean equal(Object a, Object b) {
    if (a == null || b == null) return a == b;
    if (a.equals(b)) return true;
    if (a instanceof Number && b instanceof Number) {
      try {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if ((a instanceof CharSequence || a instanceof Enum) && (b instanceof CharSequence || b instanceof Enum)) {
      return a.toString().equals(b.toString());
    }
    return false;
  }
}
