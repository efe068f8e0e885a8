package dev.honostar.codegen;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small Maven-shaped project on disk ({@code src/main/java}, {@code src/main/resources},
 * {@code target/classes}) compiled with the JDK's compiler and the route processor, against the
 * test class path (so honostar-vertx's types are there).
 */
final class TestProject {

  static final String ROOT = "com.example.routes";

  final Path dir;
  final Path sources;
  final Path resources;
  final Path classes;
  final Path generated;
  private final List<String> options = new ArrayList<>();
  private boolean resourcesOption = true;
  private final List<javax.annotation.processing.Processor> extraProcessors = new ArrayList<>();

  TestProject(Path dir) {
    this.dir = dir;
    this.sources = dir.resolve("src/main/java");
    this.resources = dir.resolve("src/main/resources");
    this.classes = dir.resolve("target/classes");
    this.generated = dir.resolve("target/generated-sources/annotations");
  }

  /** A project with {@code com.example.routes} as its route root. */
  static TestProject withRoot(Path dir) {
    return new TestProject(dir).root(ROOT);
  }

  TestProject root(String pkg) {
    return file(pkg, "package-info", "@dev.honostar.routing.RouteRoot\npackage " + pkg + ";\n");
  }

  /** A page class; {@code annotations} go before the class declaration. */
  TestProject page(String className, String... annotations) {
    return type(className, String.join("\n", annotations) + "\npublic class %s implements dev.honostar.page.BlockingPage<String> {\n"
        + "  public String loadBlocking(dev.honostar.page.PageContext ctx) { return \"\"; }\n}\n");
  }

  TestProject command(String className, String... annotations) {
    return type(className, String.join("\n", annotations) + "\npublic class %s implements dev.honostar.command.Command {\n"
        + "  public void handlers(dev.honostar.command.Handlers on) { }\n}\n");
  }

  TestProject layout(String className, String... annotations) {
    return type(className, String.join("\n", annotations) + "\npublic class %s implements dev.honostar.page.Layout {\n}\n");
  }

  /** A class whose body is {@code declaration} with {@code %s} for the simple name. */
  TestProject type(String className, String declaration) {
    int dot = className.lastIndexOf('.');
    String pkg = className.substring(0, dot);
    String simple = className.substring(dot + 1);
    return file(pkg, simple, "package " + pkg + ";\n\n" + String.format(Locale.ROOT, declaration, simple));
  }

  TestProject file(String pkg, String simpleName, String content) {
    write(sources.resolve(pkg.replace('.', '/')).resolve(simpleName + ".java"), content);
    return this;
  }

  /** Creates {@code src/main/resources/templates/<name>.hbs}. */
  TestProject template(String... names) {
    for (String name : names) {
      write(resources.resolve("templates").resolve(name + ".hbs"), "<p>" + name + "</p>\n");
    }
    return this;
  }

  /** Creates {@code src/main/resources/templates/<name>.hbs} holding {@code content}. */
  TestProject templateText(String name, String content) {
    write(resources.resolve("templates").resolve(name + ".hbs"), content);
    return this;
  }

  /** Runs another processor before the route processor. */
  TestProject processor(javax.annotation.processing.Processor processor) {
    extraProcessors.add(processor);
    return this;
  }

  TestProject option(String option) {
    options.add(option);
    return this;
  }

  /** Compiles without {@code -Ahonostar.resources}, so the processor looks for the templates itself. */
  TestProject withoutResourcesOption() {
    resourcesOption = false;
    return this;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result compile() {
    return compile(null);
  }

  /**
   * Compiles only the named classes' sources, with the earlier output on the class path: what
   * an incremental build (an IDE's, or Maven's without full recompilation) does.
   */
  Result compileOnly(String... classNames) {
    List<Path> files = new ArrayList<>();
    for (String name : classNames) {
      files.add(sources.resolve(name.replace('.', '/') + ".java"));
    }
    return compile(files);
  }

  private Result compile(List<Path> only) {
    try {
      Files.createDirectories(classes);
      Files.createDirectories(generated);
      Files.createDirectories(sources);
      List<Path> files = only;
      if (files == null) {
        try (Stream<Path> walk = Files.walk(sources)) {
          files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      List<String> args = new ArrayList<>(List.of(
          "-classpath", (only == null ? "" : classes + java.io.File.pathSeparator) + System.getProperty("java.class.path"),
          "-sourcepath", sources.toString(),
          "-d", classes.toString(),
          "-s", generated.toString(),
          "--release", "17",
          "-Xlint:all,-processing"));
      if (resourcesOption) {
        Files.createDirectories(resources);
        args.add("-A" + RouteProcessor.RESOURCES_OPTION + "=" + resources);
      }
      args.addAll(options);
      StringWriter out = new StringWriter();
      try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        JavaCompiler.CompilationTask task = javac.getTask(out, fm, diagnostics, args, null, fm.getJavaFileObjectsFromPaths(files));
        List<javax.annotation.processing.Processor> processors = new ArrayList<>(extraProcessors);
        processors.add(new RouteProcessor());
        task.setProcessors(processors);
        boolean ok = task.call();
        return new Result(this, ok, diagnostics.getDiagnostics(), out.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Result(TestProject project, boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, String output) {

    List<String> messages(Diagnostic.Kind kind) {
      return diagnostics.stream().filter(d -> d.getKind() == kind).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
    }

    List<String> errors() {
      return messages(Diagnostic.Kind.ERROR);
    }

    List<String> warnings() {
      List<String> w = new ArrayList<>(messages(Diagnostic.Kind.WARNING));
      w.addAll(messages(Diagnostic.Kind.MANDATORY_WARNING));
      return w;
    }

    /** @return the file name of the source each error is reported in, e.g. {@code IndexPage.java} */
    List<String> errorFiles() {
      return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString())
          .collect(Collectors.toList());
    }

    String generatedSource(String className) {
      try {
        return Files.readString(project.generated.resolve(className.replace('.', '/') + ".java"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String classOutputFile(String path) {
      try {
        return Files.readString(project.classes.resolve(path));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String describe() {
      return "success=" + success + "\n" + diagnostics.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    /** A class loader over the compiled classes, its parent the test's (with honostar-vertx). */
    URLClassLoader loader() {
      try {
        return new URLClassLoader(new URL[] {project.classes.toUri().toURL()}, TestProject.class.getClassLoader());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
