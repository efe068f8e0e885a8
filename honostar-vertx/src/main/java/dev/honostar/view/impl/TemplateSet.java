package dev.honostar.view.impl;

import com.github.jknack.handlebars.EscapingStrategy;
import dev.honostar.protocol.impl.Html;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Parser;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.TemplateCache;
import com.github.jknack.handlebars.io.StringTemplateSource;
import com.github.jknack.handlebars.io.TemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import dev.honostar.view.ViewException;
import dev.honostar.view.ViewOptions;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One immutable generation of compiled templates with its own {@link Handlebars}. A dev reload
 * builds a new set and swaps it in whole, so a render never sees half-reloaded templates.
 *
 * <p>Partials resolve through {@link NameLoader} (a map lookup by absolute name; its prefix cannot
 * be changed) and {@link CompiledCache} (compiled templates by name), so rendering never reads or
 * parses anything.
 */
final class TemplateSet {

  final Handlebars handlebars;
  final Map<String, Template> templates;
  /** Fingerprint of the templates folder this set was built from (dev reload), else empty. */
  final Map<String, String> fingerprint;

  private TemplateSet(Handlebars handlebars, Map<String, Template> templates, Map<String, String> fingerprint) {
    this.handlebars = handlebars;
    this.templates = templates;
    this.fingerprint = fingerprint;
  }

  /**
   * Compiles every source. Blocking only in the sense of CPU work; sources are already in memory.
   *
   * @param sources template name (no extension) to text
   * @param helpers registers helpers on the new Handlebars; called before compilation
   * @param compiles counts template parses
   */
  static TemplateSet compile(Map<String, String> sources, Consumer<TemplateSet.Registrar> helpers,
      AtomicLong compiles, Map<String, String> fingerprint) {
    Map<String, TemplateSource> byName = new TreeMap<>();
    sources.forEach((name, text) -> byName.put(name, new StringTemplateSource(name + ViewOptions.EXTENSION, text)));
    Handlebars hb = new Handlebars(new NameLoader(byName))
        .with(new CompiledCache(compiles))
        // The helpers' and the protocol's escaper, so {{value}} reads as a helper writes it.
        .with((EscapingStrategy) Html::escape);
    hb.setCharset(StandardCharsets.UTF_8);
    Map<String, Template> compiled = new ConcurrentHashMap<>();
    helpers.accept(new Registrar(hb, Collections.unmodifiableMap(compiled)));
    for (String name : byName.keySet()) {
      try {
        compiled.put(name, hb.compile(name));
      } catch (HandlebarsException e) {
        throw new ViewException(name, "Template '" + name + "' does not compile: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new ViewException(name, "Template '" + name + "' cannot be read: " + e.getMessage(), e);
      }
    }
    return new TemplateSet(hb, Collections.unmodifiableMap(compiled), fingerprint);
  }

  /** Passed to helper registration: the Handlebars to register on and the (soon filled) templates. */
  static final class Registrar {
    final Handlebars handlebars;
    final Map<String, Template> templates;

    Registrar(Handlebars handlebars, Map<String, Template> templates) {
      this.handlebars = handlebars;
      this.templates = templates;
    }
  }

  /** Normalises a template name: no leading slash, no extension; refuses {@code ..} segments. */
  static String normalize(String location) {
    String n = location.replace('\\', '/');
    while (n.startsWith("/")) n = n.substring(1);
    if (n.endsWith(ViewOptions.EXTENSION)) n = n.substring(0, n.length() - ViewOptions.EXTENSION.length());
    return n;
  }

  /** Resolves names from the templates root only; ignores prefix changes (the 4.3.1 pitfall). */
  static final class NameLoader implements TemplateLoader {
    private final Map<String, TemplateSource> sources;

    NameLoader(Map<String, TemplateSource> sources) {
      this.sources = sources;
    }

    @Override
    public TemplateSource sourceAt(String location) throws IOException {
      TemplateSource source = sources.get(normalize(location));
      if (source == null) {
        throw new FileNotFoundException("no template named '" + normalize(location) + "'");
      }
      return source;
    }

    @Override
    public String resolve(String location) {
      return normalize(location);
    }

    @Override
    public String getPrefix() {
      return "";
    }

    @Override
    public String getSuffix() {
      return ViewOptions.EXTENSION;
    }

    @Override
    public void setPrefix(String prefix) {
      // Deliberately ignored: names are always absolute from the templates root.
    }

    @Override
    public void setSuffix(String suffix) {
      // Deliberately ignored: the extension is fixed.
    }

    @Override
    public void setCharset(Charset charset) {
      // Sources are already decoded strings.
    }

    @Override
    public Charset getCharset() {
      return StandardCharsets.UTF_8;
    }

    Set<String> names() {
      return sources.keySet();
    }
  }

  /**
   * Compiled templates by file name. Keyed by name rather than by source so the indenting wrapper
   * Handlebars puts around standalone partials hits the same entry instead of re-parsing.
   */
  static final class CompiledCache implements TemplateCache {
    private final ConcurrentHashMap<String, Template> cache = new ConcurrentHashMap<>();
    private final AtomicLong compiles;

    CompiledCache(AtomicLong compiles) {
      this.compiles = compiles;
    }

    @Override
    public void clear() {
      cache.clear();
    }

    @Override
    public void evict(TemplateSource source) {
      cache.remove(source.filename());
    }

    @Override
    public Template get(TemplateSource source, Parser parser) throws IOException {
      Template t = cache.get(source.filename());
      if (t == null) {
        compiles.incrementAndGet();
        t = parser.parse(source);
        Template prev = cache.putIfAbsent(source.filename(), t);
        if (prev != null) t = prev;
      }
      return t;
    }

    @Override
    public TemplateCache setReload(boolean reload) {
      return this;
    }
  }
}
