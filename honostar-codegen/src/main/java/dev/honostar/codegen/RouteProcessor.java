package dev.honostar.codegen;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns where page, command and layout classes live below a {@code @RouteRoot} package into
 * routes, checks them, and generates per root {@code Routes} (typed reverse routing) and
 * {@code GeneratedRouteTable} (registered in {@code META-INF/services/dev.honostar.routing.RouteTable}).
 * The conventions are in docs/routing.md.
 *
 * <p>It looks at every class, annotated or not, and claims no annotation. It refers to
 * honostar-vertx's types by name, so it has no runtime dependency; when they are not on the
 * compile class path it does nothing.
 *
 * <p>Rounds: hand-written classes all arrive in the first round, and {@code Routes} is
 * generated at the end of the round in which its root is first seen, so the sources that
 * import it compile in the next round. A route class that another processor generates later
 * under a root already generated is reported as an error rather than silently left out. The
 * service file is written once, in the last round.
 */
@SupportedAnnotationTypes("*")
@SupportedOptions({RouteProcessor.RESOURCES_OPTION, RouteProcessor.TEMPLATES_OPTION, RouteProcessor.CHECK_LINKS_OPTION,
    RouteProcessor.CHECK_ONLY_OPTION})
public final class RouteProcessor extends AbstractProcessor {

  /** Absolute path of the resources directory holding the templates directory. */
  public static final String RESOURCES_OPTION = "honostar.resources";
  /** The templates directory, relative to the resources directory; {@code templates} by default. */
  public static final String TEMPLATES_OPTION = "honostar.templates";

  /**
   * {@code false} turns off the check of {@code {{route …}}} links in templates (for an app
   * whose templates also link to hand-registered routes); on by default.
   */
  public static final String CHECK_LINKS_OPTION = "honostar.checkLinks";

  /**
   * {@code true}: check the routes and templates, generate nothing. For a build step that runs
   * on every build (Maven skips compiling when no Java source changed, so a changed template
   * alone would go unchecked; see docs/routing.md).
   */
  public static final String CHECK_ONLY_OPTION = "honostar.checkOnly";

  static final String ROUTE_ROOT = "dev.honostar.routing.RouteRoot";
  static final String ROUTE = "dev.honostar.routing.Route";
  static final String TEMPLATE = "dev.honostar.routing.Template";
  static final String PARAM = "dev.honostar.routing.Param";
  static final String ROUTE_TABLE = "dev.honostar.routing.RouteTable";
  static final String PAGE = "dev.honostar.page.Page";
  static final String COMMAND = "dev.honostar.command.Command";
  static final String LAYOUT = "dev.honostar.page.Layout";
  static final String SERVICE_FILE = "META-INF/services/" + ROUTE_TABLE;
  /** Per root, the route classes of the last compilation: a partial one adds those it did not see. */
  static final String CLASS_LIST = "META-INF/honostar/routes/%s.txt";

  private final Set<String> generatedRoots = new LinkedHashSet<>();
  private final Set<String> tables = new TreeSet<>();
  /** Sources written by a check-only pass, deleted when processing is over. */
  private final List<java.net.URI> checkSources = new ArrayList<>();
  private final Map<String, Boolean> isRootCache = new HashMap<>();
  /** Package → the type its {@code @Param} declares (absent: none, or a bad one already reported). */
  private final Map<String, java.util.Optional<ParamType>> paramTypes = new HashMap<>();
  private boolean templatesResolved;
  private Path templatesDir;
  private boolean serviceFileWritten;
  /** Route name → parameters, of every root generated in this compilation: what template links may name. */
  private final Map<String, List<Segment>> named = new LinkedHashMap<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Elements elements = processingEnv.getElementUtils();
    TypeElement page = elements.getTypeElement(PAGE);
    TypeElement command = elements.getTypeElement(COMMAND);
    TypeElement layout = elements.getTypeElement(LAYOUT);
    if (page == null || command == null || layout == null) {
      return false; // honostar-vertx is not on the class path: nothing to route
    }
    if (round.processingOver()) {
      deleteCheckSources();
      writeServiceFile();
      checkTemplateLinks();
      return false;
    }
    Map<String, List<TypeElement>> byRoot = new TreeMap<>();
    Map<String, PackageElement> rootElements = new HashMap<>();
    for (Element e : round.getRootElements()) {
      if (e instanceof PackageElement pkg) {
        String name = pkg.getQualifiedName().toString();
        checkParamPackage(pkg);
        if (isRoot(name)) {
          byRoot.computeIfAbsent(name, k -> new ArrayList<>());
          rootElements.put(name, pkg);
        }
      } else if (e instanceof TypeElement type && !kindsOf(type).isEmpty()) {
        String root = rootOf(packageOf(type));
        if (root != null) {
          byRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(type);
        }
      }
    }
    for (Map.Entry<String, List<TypeElement>> entry : byRoot.entrySet()) {
      String root = entry.getKey();
      if (generatedRoots.contains(root)) {
        for (TypeElement late : entry.getValue()) {
          error(late, "Route class " + late.getQualifiedName() + " appeared in a later annotation-processing round (generated by "
              + "another processor?) after " + root + ".Routes was generated; it cannot be routed");
        }
        continue;
      }
      generatedRoots.add(root);
      PackageElement rootElement = rootElements.getOrDefault(root, elements.getPackageElement(root));
      checkNesting(root, rootElement);
      generate(root, rootElement, entry.getValue());
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------
  // Discovery

  private Set<RouteInfo.Kind> kindsOf(TypeElement type) {
    Set<RouteInfo.Kind> kinds = EnumSet.noneOf(RouteInfo.Kind.class);
    if ((type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD)
        || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return kinds;
    }
    Types types = processingEnv.getTypeUtils();
    TypeMirror t = types.erasure(type.asType());
    Elements elements = processingEnv.getElementUtils();
    if (types.isSubtype(t, types.erasure(elements.getTypeElement(PAGE).asType()))) {
      kinds.add(RouteInfo.Kind.PAGE);
    }
    if (types.isSubtype(t, types.erasure(elements.getTypeElement(COMMAND).asType()))) {
      kinds.add(RouteInfo.Kind.COMMAND);
    }
    if (types.isSubtype(t, types.erasure(elements.getTypeElement(LAYOUT).asType()))) {
      kinds.add(RouteInfo.Kind.LAYOUT);
    }
    return kinds;
  }

  private boolean isRoot(String pkg) {
    return isRootCache.computeIfAbsent(pkg, name -> {
      PackageElement element = processingEnv.getElementUtils().getPackageElement(name);
      return element != null && mirror(element, ROUTE_ROOT) != null;
    });
  }

  /** @return the nearest {@code @RouteRoot} package at or above {@code pkg}, or {@code null} */
  private String rootOf(String pkg) {
    for (String p = pkg; !p.isEmpty(); p = parentPackage(p)) {
      if (isRoot(p)) {
        return p;
      }
    }
    return null;
  }

  private void checkNesting(String root, PackageElement rootElement) {
    for (String p = parentPackage(root); !p.isEmpty(); p = parentPackage(p)) {
      if (isRoot(p)) {
        error(rootElement, "@RouteRoot package " + root + " is inside @RouteRoot package " + p
            + "; route roots cannot nest (remove one of the annotations)");
      }
    }
  }

  private static String parentPackage(String pkg) {
    int dot = pkg.lastIndexOf('.');
    return dot < 0 ? "" : pkg.substring(0, dot);
  }

  private String packageOf(TypeElement type) {
    return processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
  }

  // ---------------------------------------------------------------------------------------
  // One root

  private void generate(String root, PackageElement rootElement, List<TypeElement> classes) {
    List<TypeElement> seen = new ArrayList<>(classes);
    classes = new ArrayList<>(classes);
    classes.addAll(unchanged(root, classes));
    classes.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    List<RouteInfo> routes = new ArrayList<>();
    for (TypeElement type : classes) {
      RouteInfo info = analyze(root, type);
      if (info != null) {
        routes.add(info);
      }
    }
    routes = withLayouts(root, routes);
    routes = withoutDuplicates(routes);
    checkTemplates(routes);
    routes.sort(RouteInfo.ORDER);

    List<Element> originating = new ArrayList<>();
    if (rootElement != null) {
      originating.add(rootElement);
    }
    seen.forEach(originating::add);
    Element[] origins = originating.toArray(new Element[0]);

    RoutesWriter writer = new RoutesWriter(root, routes, this::error);
    String routesSource = writer.write();
    named.putAll(writer.namedParams());
    if (checkOnly()) {
      // The check runs before the real compilation: on a clean build, app code importing Routes
      // resolves only if this pass writes it too. It is removed once processing is over, or
      // Maven would hand it to the real compilation as a source (its generated-sources directory
      // becomes a source root), which then could not generate Routes itself.
      writeSource(root + ".Routes", routesSource, origins, rootElement).ifPresent(checkSources::add);
      return;
    }
    writeClassList(root, classes);
    writeSource(root + ".Routes", routesSource, origins, rootElement);
    if (writeSource(root + ".GeneratedRouteTable", RoutesWriter.table(root, routes), origins, rootElement).isPresent()) {
      tables.add(root + ".GeneratedRouteTable");
    }
  }

  /**
   * The route classes of the root's previous compilation that this one does not compile but
   * that still exist (as class files) and are still routes: an incremental build (an IDE's,
   * or Maven's without full recompilation) passes only the changed sources, and {@code Routes}
   * must still list every route. A deleted class is gone from the class path and drops out.
   */
  private List<TypeElement> unchanged(String root, List<TypeElement> compiled) {
    Set<String> names = new java.util.HashSet<>();
    compiled.forEach(t -> names.add(t.getQualifiedName().toString()));
    List<TypeElement> out = new ArrayList<>();
    try {
      FileObject list = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", String.format(CLASS_LIST, root));
      try (Reader r = list.openReader(true); BufferedReader in = new BufferedReader(r)) {
        for (String line; (line = in.readLine()) != null; ) {
          String name = line.trim();
          if (name.isEmpty() || !names.add(name)) {
            continue;
          }
          TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
          if (type != null && !kindsOf(type).isEmpty() && root.equals(rootOf(packageOf(type)))) {
            out.add(type);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no previous compilation: every route class is in this one
    }
    return out;
  }

  private void writeClassList(String root, List<TypeElement> classes) {
    try (Writer w = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", String.format(CLASS_LIST, root)).openWriter()) {
      for (TypeElement t : classes) {
        w.write(t.getQualifiedName() + "\n");
      }
    } catch (IOException e) {
      messager().printMessage(Diagnostic.Kind.ERROR, "Cannot write " + String.format(CLASS_LIST, root) + ": " + e);
    }
  }

  /** @return the route, or {@code null} after reporting why the class cannot be one */
  private RouteInfo analyze(String root, TypeElement type) {
    String className = type.getQualifiedName().toString();
    Set<RouteInfo.Kind> kinds = kindsOf(type);
    if (kinds.size() > 1) {
      error(type, "Route class " + className + " is more than one of Page, Command and Layout (" + kinds + "); split it");
      return null;
    }
    RouteInfo.Kind kind = kinds.iterator().next();
    String what = kind.name().toLowerCase(java.util.Locale.ROOT);
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      error(type, "Route class " + className + " (a " + what + ") must be public");
      return null;
    }
    // Its arguments come from the app's RouteFactory at start-up (no-argument by default).
    boolean publicConstructor = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getModifiers().contains(Modifier.PUBLIC));
    if (!publicConstructor) {
      error(type, "Route class " + className + " (a " + what + ") must have a public constructor");
      return null;
    }

    String pkg = packageOf(type);
    List<String> packages = pkg.equals(root) ? List.of() : Arrays.asList(pkg.substring(root.length() + 1).split("\\."));
    String simple = type.getSimpleName().toString();
    String suffix = kind == RouteInfo.Kind.PAGE ? "Page" : kind == RouteInfo.Kind.COMMAND ? "Command" : "Layout";
    String base = simple.endsWith(suffix) ? simple.substring(0, simple.length() - suffix.length()) : simple;
    boolean index = base.isEmpty() || base.equals("Index");

    // Path
    List<Segment> segments = new ArrayList<>();
    AnnotationMirror route = mirror(type, ROUTE);
    if (route != null && kind == RouteInfo.Kind.LAYOUT) {
      error(type, route, "@Route is not allowed on layout " + className
          + ": a layout applies to the pages at or below its package, whatever their paths");
      return null;
    }
    if (route != null) {
      String value = stringValue(route);
      try {
        segments.addAll(Segment.parseRoute(value));
      } catch (IllegalArgumentException e) {
        error(type, route, "Bad @Route(\"" + value + "\") on " + className + ": " + e.getMessage());
        return null;
      }
    } else {
      String qualified = root;
      for (String p : packages) {
        qualified = qualified + "." + p;
        try {
          Segment segment = packageSegment(p);
          segments.add(segment.kind() == Segment.Kind.PARAM ? segment.typed(paramType(qualified)) : segment);
        } catch (IllegalArgumentException e) {
          error(type, "Route class " + className + ": package '" + p + "' " + e.getMessage() + " (or give the class a @Route)");
          return null;
        }
      }
      if (kind != RouteInfo.Kind.LAYOUT && !index) {
        String segment = Naming.kebab(base);
        if (!Naming.STATIC_SEGMENT.matcher(segment).matches()) {
          error(type, "Route class " + className + ": its name gives the segment '" + segment
              + "', which may contain only letters, digits and - . _ ~ (rename it or give it a @Route)");
          return null;
        }
        segments.add(Segment.fixed(segment));
      }
      String problem = Segment.checkStructure(segments);
      if (problem != null) {
        error(type, "Route class " + className + ": " + problem
            + (problem.startsWith("a catch-all") ? " (a __name package can hold only IndexPage/IndexCommand/layouts and no subpackages)" : ""));
        return null;
      }
    }

    // Template
    String template = null;
    AnnotationMirror explicit = mirror(type, TEMPLATE);
    if (kind == RouteInfo.Kind.COMMAND) {
      if (explicit != null) {
        warning(type, explicit, "@Template on command " + className + " is ignored: commands have no template");
      }
    } else if (explicit != null) {
      template = stringValue(explicit);
      if (template == null || template.isBlank() || template.startsWith("/") || template.endsWith(".hbs") || template.contains("\\")) {
        error(type, explicit, "Bad @Template(\"" + template + "\") on " + className
            + ": give the name relative to the templates directory, with / and without .hbs (e.g. \"issues/list\")");
        return null;
      }
    } else {
      String leaf = kind == RouteInfo.Kind.LAYOUT ? (base.isEmpty() ? "layout" : Naming.kebab(base)) : index ? "index" : Naming.kebab(base);
      template = packages.isEmpty() ? leaf : String.join("/", packages) + "/" + leaf;
    }
    return new RouteInfo(type, kind, List.copyOf(segments), template, List.of());
  }

  /** @return the type {@code @Param} declares on a parameter package; {@code STRING} without one */
  private ParamType paramType(String pkg) {
    return paramTypes.computeIfAbsent(pkg, name -> {
      PackageElement element = processingEnv.getElementUtils().getPackageElement(name);
      AnnotationMirror param = element == null ? null : mirror(element, PARAM);
      if (param == null) {
        return java.util.Optional.of(ParamType.STRING);
      }
      String type = null;
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : param.getElementValues().entrySet()) {
        if (e.getKey().getSimpleName().contentEquals("value")) {
          type = String.valueOf(e.getValue().getValue());
        }
      }
      ParamType known = ParamType.of(type);
      if (known == null) {
        error(element, param, "@Param(" + type + ".class) on package " + name
            + ": a path parameter is a String, long, int or java.util.UUID");
      }
      return java.util.Optional.ofNullable(known);
    }).orElse(ParamType.STRING);
  }

  /** {@code @Param} belongs on a {@code _name} package only: elsewhere it would declare nothing. */
  private void checkParamPackage(PackageElement pkg) {
    AnnotationMirror param = mirror(pkg, PARAM);
    String simple = pkg.getSimpleName().toString();
    if (param != null && (!simple.startsWith("_") || simple.startsWith("__"))) {
      error(pkg, param, "@Param on package " + pkg.getQualifiedName() + ": only a _name package makes a path parameter");
    }
  }

  /** {@code _id} → {@code :id}; {@code __rest} → catch-all; {@code new_issue} → {@code new-issue}. */
  static Segment packageSegment(String name) {
    if (name.startsWith("__")) {
      String n = name.substring(2);
      if (n.isEmpty()) {
        n = "rest";
      }
      if (!Naming.PARAM_NAME.matcher(n).matches()) {
        throw new IllegalArgumentException("does not name a catch-all: after __ comes a name matching [A-Za-z_][A-Za-z0-9_]*");
      }
      return Segment.catchAll(n);
    }
    if (name.startsWith("_")) {
      String n = name.substring(1);
      if (!Naming.PARAM_NAME.matcher(n).matches()) {
        throw new IllegalArgumentException("does not name a path parameter: after _ comes a name matching [A-Za-z_][A-Za-z0-9_]*");
      }
      return Segment.param(n);
    }
    String text = name.replace('_', '-');
    if (!Naming.STATIC_SEGMENT.matcher(text).matches()) {
      throw new IllegalArgumentException("is not a URL segment: it may contain only letters, digits and _");
    }
    return Segment.fixed(text);
  }

  /** Gives each page the layouts of its package and the packages above it up to the root, innermost first. */
  private List<RouteInfo> withLayouts(String root, List<RouteInfo> routes) {
    Map<String, List<String>> layoutsByPackage = new TreeMap<>();
    for (RouteInfo r : routes) {
      if (r.kind() == RouteInfo.Kind.LAYOUT) {
        layoutsByPackage.computeIfAbsent(packageOf(r.element()), k -> new ArrayList<>()).add(r.className());
      }
    }
    List<RouteInfo> out = new ArrayList<>();
    for (RouteInfo r : routes) {
      if (r.kind() != RouteInfo.Kind.PAGE) {
        out.add(r);
        continue;
      }
      List<String> chain = new ArrayList<>();
      for (String p = packageOf(r.element()); ; p = parentPackage(p)) {
        chain.addAll(layoutsByPackage.getOrDefault(p, List.of()));
        if (p.equals(root) || p.isEmpty()) {
          break;
        }
      }
      out.add(new RouteInfo(r.element(), r.kind(), r.segments(), r.template(), List.copyOf(chain)));
    }
    return out;
  }

  /** Reports every class of a kind whose path has the same shape as another's, and keeps none of them. */
  private List<RouteInfo> withoutDuplicates(List<RouteInfo> routes) {
    Map<String, List<RouteInfo>> byShape = new LinkedHashMap<>();
    for (RouteInfo r : routes) {
      byShape.computeIfAbsent(r.kind() + " " + Segment.shape(r.segments()), k -> new ArrayList<>()).add(r);
    }
    List<RouteInfo> out = new ArrayList<>();
    for (List<RouteInfo> same : byShape.values()) {
      if (same.size() == 1) {
        out.add(same.get(0));
        continue;
      }
      for (RouteInfo r : same) {
        List<String> others = new ArrayList<>();
        for (RouteInfo o : same) {
          if (o != r) {
            others.add(o.className() + " (" + o.path() + ")");
          }
        }
        String what = r.kind().name().toLowerCase(java.util.Locale.ROOT);
        error(r.element(), "Duplicate " + what + " route " + r.path() + ": " + r.className() + " and " + String.join(", ", others)
            + " map to the same path" + (r.kind() == RouteInfo.Kind.LAYOUT ? " (one layout per package)" : "")
            + "; move one or give it a different @Route");
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Templates

  private void checkTemplates(List<RouteInfo> routes) {
    TypeElement sample = null;
    for (RouteInfo r : routes) {
      if (r.template() != null) {
        sample = r.element();
        break;
      }
    }
    if (sample == null) {
      return;
    }
    Path dir = templatesDir(sample);
    if (dir == null) {
      return;
    }
    for (RouteInfo r : routes) {
      if (r.template() == null) {
        continue;
      }
      Path file = dir.resolve(r.template() + ".hbs");
      if (!Files.isRegularFile(file)) {
        String what = r.kind().name().toLowerCase(java.util.Locale.ROOT);
        AnnotationMirror explicit = mirror(r.element(), TEMPLATE);
        String message = "Missing template for " + what + " " + r.className() + ": expected " + file.toAbsolutePath().normalize()
            + " (template '" + r.template() + "'; create it, or name another with @Template)";
        if (explicit != null) {
          error(r.element(), explicit, message);
        } else {
          error(r.element(), message);
        }
      }
    }
  }

  private boolean checkOnly() {
    return "true".equalsIgnoreCase(processingEnv.getOptions().getOrDefault(CHECK_ONLY_OPTION, "false").trim());
  }

  /** Reports every {@code {{route …}}} in the templates that names no generated route or has the wrong parameters. */
  private void checkTemplateLinks() {
    if (generatedRoots.isEmpty() || !templatesResolved || templatesDir == null
        || "false".equalsIgnoreCase(processingEnv.getOptions().getOrDefault(CHECK_LINKS_OPTION, "true").trim())) {
      return;
    }
    try {
      for (TemplateLinks.Problem p : new TemplateLinks(named).check(templatesDir)) {
        messager().printMessage(Diagnostic.Kind.ERROR, p.toString());
      }
    } catch (java.io.UncheckedIOException e) {
      messager().printMessage(Diagnostic.Kind.ERROR, e.getMessage() + ": " + e.getCause());
    }
  }

  /** @return the templates directory, or {@code null} (after a note) when it cannot be found */
  private Path templatesDir(TypeElement sample) {
    if (templatesResolved) {
      return templatesDir;
    }
    templatesResolved = true;
    Map<String, String> options = processingEnv.getOptions();
    String sub = options.getOrDefault(TEMPLATES_OPTION, "templates");
    if (sub == null || sub.isBlank()) {
      sub = "templates";
    }
    String resources = options.get(RESOURCES_OPTION);
    if (resources != null && !resources.isBlank()) {
      Path dir = Path.of(resources);
      if (!Files.isDirectory(dir)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            "-A" + RESOURCES_OPTION + "=" + resources + " is not a directory");
        return null;
      }
      return templatesDir = dir.resolve(sub);
    }
    Filer filer = processingEnv.getFiler();
    // The Maven layout: src/main/java/<package>/X.java → src/main/resources/<templates>
    try {
      String pkg = packageOf(sample);
      FileObject source = filer.getResource(StandardLocation.SOURCE_PATH, pkg, sample.getSimpleName() + ".java");
      Path sourceRoot = Path.of(source.toUri()).getParent();
      for (int i = 0; i < (pkg.isEmpty() ? 0 : pkg.split("\\.").length); i++) {
        sourceRoot = sourceRoot.getParent();
      }
      Path candidate = sourceRoot.resolveSibling("resources");
      if (Files.isDirectory(candidate)) {
        return templatesDir = candidate.resolve(sub);
      }
    } catch (IOException | RuntimeException e) {
      // not found there: try the next place
    }
    // Resources already copied to the class output (Maven's process-resources runs before compile).
    try {
      // (javac refuses a directory here, so ask for a file in it that need not exist)
      FileObject probe = filer.getResource(StandardLocation.CLASS_OUTPUT, "", sub + "/honostar-probe.hbs");
      Path dir = Path.of(probe.toUri()).getParent();
      if (Files.isDirectory(dir)) {
        return templatesDir = dir;
      }
    } catch (IOException | RuntimeException e) {
      // not found there either
    }
    processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE,
        "honostar-codegen: cannot find the templates directory, so templates are not checked; pass -A" + RESOURCES_OPTION
            + "=<absolute path of src/main/resources> to the compiler");
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Output

  /** @return the written file, empty when it could not be written (an error is reported) */
  private Optional<java.net.URI> writeSource(String name, String source, Element[] origins, Element blame) {
    try {
      JavaFileObject file = processingEnv.getFiler().createSourceFile(name, origins);
      try (Writer w = file.openWriter()) {
        w.write(source);
      }
      return Optional.of(file.toUri());
    } catch (FilerException e) {
      error(blame, "Cannot generate " + name + ": " + e.getMessage() + " (does a class of that name already exist?)");
    } catch (IOException e) {
      error(blame, "Cannot write " + name + ": " + e);
    }
    return Optional.empty();
  }

  private void deleteCheckSources() {
    for (java.net.URI uri : checkSources) {
      try {
        Files.deleteIfExists(Path.of(uri));
      } catch (IOException | RuntimeException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "Cannot delete " + uri + ": " + e);
      }
    }
    checkSources.clear();
  }

  private void writeServiceFile() {
    if (tables.isEmpty() || serviceFileWritten) {
      return;
    }
    serviceFileWritten = true;
    Filer filer = processingEnv.getFiler();
    Set<String> all = new TreeSet<>(tables);
    // Keep the tables of roots this compilation did not see (a partial, incremental compilation).
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE);
      try (Reader r = existing.openReader(true); BufferedReader in = new BufferedReader(r)) {
        for (String line; (line = in.readLine()) != null; ) {
          String name = line.replaceAll("#.*", "").trim();
          if (!name.isEmpty() && !generatedRoots.contains(parentPackage(name))
              && processingEnv.getElementUtils().getTypeElement(name) != null) {
            all.add(name);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no previous file
    }
    try (Writer w = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE).openWriter()) {
      w.write("# Generated by dev.honostar.codegen.RouteProcessor\n");
      for (String table : all) {
        w.write(table + "\n");
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Cannot write " + SERVICE_FILE + ": " + e);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Helpers

  private static AnnotationMirror mirror(Element element, String annotation) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      Element type = m.getAnnotationType().asElement();
      if (type instanceof TypeElement t && t.getQualifiedName().contentEquals(annotation)) {
        return m;
      }
    }
    return null;
  }

  private static String stringValue(AnnotationMirror mirror) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value")) {
        Object v = e.getValue().getValue();
        return v instanceof String s ? s : null;
      }
    }
    return null;
  }

  void error(Element element, String message) {
    messager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  private void error(Element element, AnnotationMirror mirror, String message) {
    messager().printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
  }

  private void warning(Element element, AnnotationMirror mirror, String message) {
    messager().printMessage(Diagnostic.Kind.WARNING, message, element, mirror);
  }

  private Messager messager() {
    return processingEnv.getMessager();
  }
}
