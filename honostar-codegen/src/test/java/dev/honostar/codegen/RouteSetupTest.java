package dev.honostar.codegen;

import dev.honostar.routing.RouteEntry;
import dev.honostar.routing.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Roots, classes outside them, where templates are looked for, the root catch-all. */
class RouteSetupTest {

  @TempDir
  Path dir;

  @Test
  void severalRootsAreAllRegistered() throws Exception {
    TestProject.Result r = new TestProject(dir)
        .root("com.example.site")
        .root("com.example.admin")
        .page("com.example.site.IndexPage")
        .page("com.example.admin.users.IndexPage")
        .template("index", "users/index")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
    assertThat(r.classOutputFile("META-INF/services/dev.honostar.routing.RouteTable").lines().filter(l -> !l.startsWith("#")))
        .containsExactly("com.example.admin.GeneratedRouteTable", "com.example.site.GeneratedRouteTable");
    try (URLClassLoader loader = r.loader()) {
      assertThat(RouteTable.discover(loader).stream().flatMap(t -> t.routes().stream()).map(RouteEntry::path))
          .containsExactlyInAnyOrder("/", "/users");
    }
  }

  @Test
  void classesOutsideARootAreNotRoutes() throws Exception {
    TestProject.Result r = TestProject.withRoot(dir)
        .page("com.example.routes.IndexPage")
        .page("com.example.other.StrayPage")
        .template("index")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
    try (URLClassLoader loader = r.loader()) {
      assertThat(RouteTable.discover(loader).get(0).routes()).extracting(RouteEntry::className)
          .containsExactly("com.example.routes.IndexPage");
    }
  }

  @Test
  void noRootNoOutput() {
    TestProject.Result r = new TestProject(dir).page("com.example.other.StrayPage").compile();
    assertThat(r.success()).isTrue();
    assertThat(Files.exists(dir.resolve("target/classes/META-INF/services/dev.honostar.routing.RouteTable"))).isFalse();
  }

  @Test
  void rootCatchAll() throws Exception {
    TestProject.Result r = TestProject.withRoot(dir)
        .page("com.example.routes.IndexPage")
        .page("com.example.routes.__path.IndexPage")
        .template("index", "__path/index")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
    try (URLClassLoader loader = r.loader()) {
      assertThat(RouteTable.discover(loader).get(0).routes()).extracting(RouteEntry::path).containsExactly("/", "/*");
      Class<?> routes = loader.loadClass("com.example.routes.Routes");
      Object node = routes.getMethod("path", String[].class).invoke(null, (Object) new String[] {"a", "b c"});
      assertThat(node.getClass().getMethod("href").invoke(node)).isEqualTo("/a/b%20c");
      Object empty = routes.getMethod("path", String[].class).invoke(null, (Object) new String[0]);
      assertThat(empty.getClass().getMethod("href").invoke(empty)).isEqualTo("/");
      Method href = routes.getMethod("href", String.class, Map.class);
      assertThat(href.invoke(null, "path", Map.of("path", "x/y"))).isEqualTo("/x/y");
    }
  }

  @Test
  void templatesFoundBesideTheSourcesWithoutTheOption() {
    // src/main/java is the source path; its sibling src/main/resources holds the templates.
    TestProject.Result r = TestProject.withRoot(dir)
        .withoutResourcesOption()
        .page("com.example.routes.IndexPage")
        .page("com.example.routes.AboutPage")
        .template("index")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString()
        .contains(dir.resolve("src/main/resources/templates/about.hbs").toAbsolutePath().normalize().toString());
  }

  @Test
  void templatesFoundInTheClassOutputWithoutTheOption() throws Exception {
    // As after Maven's process-resources: the templates were copied to target/classes.
    TestProject project = TestProject.withRoot(dir).withoutResourcesOption()
        .page("com.example.routes.IndexPage")
        .page("com.example.routes.AboutPage");
    Files.createDirectories(project.classes.resolve("templates"));
    Files.writeString(project.classes.resolve("templates/index.hbs"), "<p>home</p>");
    TestProject.Result r = project.compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString()
        .contains(project.classes.resolve("templates/about.hbs").toAbsolutePath().normalize().toString());
  }

  @Test
  void noTemplatesDirectoryIsANoteNotAnError() {
    TestProject.Result r = TestProject.withRoot(dir).withoutResourcesOption()
        .page("com.example.routes.IndexPage")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
    List<String> notes = r.messages(Diagnostic.Kind.NOTE).stream().filter(n -> n.startsWith("honostar-codegen")).collect(Collectors.toList());
    assertThat(notes).containsExactly("honostar-codegen: cannot find the templates directory, so templates are not checked;"
        + " pass -Ahonostar.resources=<absolute path of src/main/resources> to the compiler");
  }

  @Test
  void resourcesOptionMustBeADirectory() {
    TestProject.Result r = TestProject.withRoot(dir).withoutResourcesOption()
        .option("-Ahonostar.resources=" + dir.resolve("nowhere"))
        .page("com.example.routes.IndexPage")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactly("-Ahonostar.resources=" + dir.resolve("nowhere") + " is not a directory");
  }

  @Test
  void routeClassesUseTheGeneratedHelper() throws Exception {
    TestProject.Result r = TestProject.withRoot(dir)
        .type("com.example.routes.issues.IndexPage", """
            import com.example.routes.Routes;
            public class %s implements dev.honostar.page.BlockingPage<String> {
              public String loadBlocking(dev.honostar.page.PageContext ctx) { return Routes.issues().byId("1").href(); }
              public static String link() { return Routes.issues().byId("1").href(); }
            }
            """)
        .page("com.example.routes.issues._id.IndexPage")
        .template("issues/index", "issues/_id/index")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
    try (URLClassLoader loader = r.loader()) {
      assertThat(loader.loadClass("com.example.routes.issues.IndexPage").getMethod("link").invoke(null)).isEqualTo("/issues/1");
    }
  }

  /** Generates a page under the root in its first round, so the route processor sees it only in the second. */
  @javax.annotation.processing.SupportedAnnotationTypes("*")
  static final class LatePageGenerator extends javax.annotation.processing.AbstractProcessor {
    private boolean done;

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return javax.lang.model.SourceVersion.latestSupported();
    }

    @Override
    public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> annotations,
        javax.annotation.processing.RoundEnvironment round) {
      if (!done) {
        done = true;
        try (java.io.Writer w = processingEnv.getFiler().createSourceFile("com.example.routes.LatePage").openWriter()) {
          w.write("package com.example.routes;\npublic class LatePage implements dev.honostar.page.BlockingPage<String> {\n"
              + "  public String loadBlocking(dev.honostar.page.PageContext ctx) { return \"\"; }\n}\n");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aRouteClassGeneratedInALaterRoundIsAnError() {
    TestProject.Result r = TestProject.withRoot(dir)
        .processor(new LatePageGenerator())
        .page("com.example.routes.IndexPage")
        .template("index", "late")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactly("Route class com.example.routes.LatePage appeared in a later annotation-processing round"
        + " (generated by another processor?) after com.example.routes.Routes was generated; it cannot be routed");
  }

  @Test
  void aPartialCompilationKeepsTheRoutesItDidNotSee() throws Exception {
    TestProject project = TestProject.withRoot(dir)
        .page("com.example.routes.IndexPage")
        .page("com.example.routes.issues.IndexPage")
        .command("com.example.routes.issues.IndexCommand")
        .page("com.example.routes.AboutPage")
        .template("index", "issues/index", "about");
    TestProject.Result full = project.compile();
    assertThat(full.success()).as(full.describe()).isTrue();

    // An IDE recompiles the one changed class; a class deleted since is gone from the output.
    java.nio.file.Files.delete(project.sources.resolve("com/example/routes/AboutPage.java"));
    java.nio.file.Files.delete(project.classes.resolve("com/example/routes/AboutPage.class"));
    TestProject.Result partial = project.compileOnly("com.example.routes.issues.IndexCommand");
    assertThat(partial.success()).as(partial.describe()).isTrue();
    String routes = partial.generatedSource("com.example.routes.Routes");
    assertThat(routes).as(partial.describe()).contains("named.put(\"index\", \"/\")", "named.put(\"issues\", \"/issues\")").doesNotContain("about");
    assertThat(partial.generatedSource("com.example.routes.GeneratedRouteTable"))
        .contains("com.example.routes.IndexPage", "com.example.routes.issues.IndexPage", "com.example.routes.issues.IndexCommand");
  }
}
