package dev.honostar.codegen;

import dev.honostar.routing.RouteEntry;
import dev.honostar.routing.RouteKind;
import dev.honostar.routing.RouteTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The worked example of docs/routing.md, compiled once. */
class RouteProcessorTest {

  @TempDir
  static Path dir;
  static TestProject.Result result;

  @BeforeAll
  static void compile() {
    result = TestProject.withRoot(dir)
        .page("com.example.routes.IndexPage")
        .layout("com.example.routes.Layout")
        .page("com.example.routes.issues.IndexPage")
        .command("com.example.routes.issues.IndexCommand")
        .page("com.example.routes.issues.NewIssuePage")
        .page("com.example.routes.issues.NewPage")
        .file("com.example.routes.issues._id", "package-info",
            "@dev.honostar.routing.Param(long.class)\npackage com.example.routes.issues._id;\n")
        .page("com.example.routes.issues._id.IndexPage")
        .command("com.example.routes.issues._id.IndexCommand")
        .page("com.example.routes.issues._id.CommentsPage")
        .command("com.example.routes.issues._id.EditCommand")
        .layout("com.example.routes.issues._id.IssueLayout")
        .page("com.example.routes.admin_tools.HTMLExportPage")
        .page("com.example.routes.docs.__rest.IndexPage")
        .page("com.example.routes.LoginPage", "@dev.honostar.routing.Route(\"/sign-in\")")
        .page("com.example.routes.SearchPage", "@dev.honostar.routing.Template(\"search/results\")")
        .page("com.example.routes.ArchivedPage", "@dev.honostar.routing.Route(\"/issues/:issueId/archive\")")
        // Not routes: abstract, an interface, a helper, nested classes.
        .type("com.example.routes.issues.BasePage",
            "public abstract class %s implements dev.honostar.page.Page<String> { }\n")
        .type("com.example.routes.issues.Special", "public interface %s extends dev.honostar.page.Page<String> { }\n")
        .type("com.example.routes.issues.IssueForm", "public record %s(String title) { }\n")
        // A class outside the root that links with the generated helper: it must compile.
        .type("com.example.app.Links", """
            import com.example.routes.Routes;
            import java.util.LinkedHashMap;
            import java.util.Map;
            public final class %s implements java.util.function.Supplier<Map<String, String>> {
              public Map<String, String> get() {
                Map<String, String> links = new LinkedHashMap<>();
                links.put("index", Routes.index().href());
                links.put("issues", Routes.issues().href());
                links.put("issue", Routes.issues().byId(42).href());
                links.put("comments", Routes.issues().byId(42).comments().href());
                links.put("newIssue", Routes.issues().newIssue().href());
                links.put("new", Routes.issues().new_().href());
                links.put("edit", Routes.issues().byId(-3L).edit().href());
                links.put("archive", Routes.issues().byIssueId("a b/c").archive().href());
                links.put("signIn", Routes.signIn().href());
                links.put("search", Routes.search().href());
                links.put("export", Routes.adminTools().htmlExport().href());
                links.put("docs", Routes.docs().rest("guide", "getting started").href());
                links.put("docsRoot", Routes.docs().rest().href());
                links.put("toString", Routes.issues().byId(7).toString());
                links.put("constant", Routes.ISSUES_BY_ID_COMMENTS);
                return links;
              }
            }
            """)
        .template("index", "layout", "issues/index", "issues/new-issue", "issues/new", "issues/_id/index",
            "issues/_id/comments", "issues/_id/issue", "admin_tools/html-export", "docs/__rest/index", "login",
            "search/results", "archived")
        .compile();
  }

  private static List<RouteEntry> entries() throws Exception {
    try (URLClassLoader loader = result.loader()) {
      List<RouteTable> tables = RouteTable.discover(loader);
      assertThat(tables).hasSize(1);
      assertThat(tables.get(0).getClass().getName()).isEqualTo("com.example.routes.GeneratedRouteTable");
      return tables.get(0).routes();
    }
  }

  @Test
  void compilesWithoutErrorsOrWarnings() {
    assertThat(result.success()).as(result.describe()).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).as(result.describe()).isEmpty();
  }

  @Test
  void pathsKindsAndTemplates() throws Exception {
    assertThat(entries()).extracting(RouteEntry::path, RouteEntry::kind, RouteEntry::className, RouteEntry::template)
        .containsExactly(
            tuple("/", RouteKind.PAGE, "com.example.routes.IndexPage", "index"),
            tuple("/", RouteKind.LAYOUT, "com.example.routes.Layout", "layout"),
            tuple("/admin-tools/html-export", RouteKind.PAGE, "com.example.routes.admin_tools.HTMLExportPage", "admin_tools/html-export"),
            tuple("/issues", RouteKind.PAGE, "com.example.routes.issues.IndexPage", "issues/index"),
            tuple("/issues", RouteKind.COMMAND, "com.example.routes.issues.IndexCommand", null),
            tuple("/issues/new", RouteKind.PAGE, "com.example.routes.issues.NewPage", "issues/new"),
            tuple("/issues/new-issue", RouteKind.PAGE, "com.example.routes.issues.NewIssuePage", "issues/new-issue"),
            tuple("/search", RouteKind.PAGE, "com.example.routes.SearchPage", "search/results"),
            tuple("/sign-in", RouteKind.PAGE, "com.example.routes.LoginPage", "login"),
            tuple("/issues/:id", RouteKind.PAGE, "com.example.routes.issues._id.IndexPage", "issues/_id/index"),
            tuple("/issues/:id", RouteKind.COMMAND, "com.example.routes.issues._id.IndexCommand", null),
            tuple("/issues/:id", RouteKind.LAYOUT, "com.example.routes.issues._id.IssueLayout", "issues/_id/issue"),
            tuple("/issues/:id/comments", RouteKind.PAGE, "com.example.routes.issues._id.CommentsPage", "issues/_id/comments"),
            tuple("/issues/:id/edit", RouteKind.COMMAND, "com.example.routes.issues._id.EditCommand", null),
            tuple("/issues/:issueId/archive", RouteKind.PAGE, "com.example.routes.ArchivedPage", "archived"),
            tuple("/docs/*", RouteKind.PAGE, "com.example.routes.docs.__rest.IndexPage", "docs/__rest/index"));
  }

  @Test
  void staticPathsComeBeforeDynamicOnesAndCatchAllsLast() throws Exception {
    List<String> paths = entries().stream().map(RouteEntry::path).collect(Collectors.toList());
    assertThat(paths.indexOf("/issues/new")).isLessThan(paths.indexOf("/issues/:id"));
    int lastStatic = 0;
    int firstDynamic = Integer.MAX_VALUE;
    for (int i = 0; i < paths.size(); i++) {
      if (entries().get(i).isStatic()) {
        lastStatic = i;
      } else {
        firstDynamic = Math.min(firstDynamic, i);
      }
    }
    assertThat(lastStatic).isLessThan(firstDynamic);
    assertThat(paths.get(paths.size() - 1)).endsWith("*");
  }

  @Test
  void layoutsNestInnermostFirst() throws Exception {
    Map<String, List<String>> layouts = entries().stream()
        .filter(e -> e.kind() == RouteKind.PAGE)
        .collect(Collectors.toMap(RouteEntry::className, RouteEntry::layouts));
    assertThat(layouts.get("com.example.routes.issues._id.CommentsPage"))
        .containsExactly("com.example.routes.issues._id.IssueLayout", "com.example.routes.Layout");
    assertThat(layouts.get("com.example.routes.issues._id.IndexPage"))
        .containsExactly("com.example.routes.issues._id.IssueLayout", "com.example.routes.Layout");
    assertThat(layouts.get("com.example.routes.issues.IndexPage")).containsExactly("com.example.routes.Layout");
    // Layouts follow the package, not the URL.
    assertThat(layouts.get("com.example.routes.ArchivedPage")).containsExactly("com.example.routes.Layout");
    assertThat(entries()).filteredOn(e -> e.kind() != RouteKind.PAGE).allSatisfy(e -> assertThat(e.layouts()).isEmpty());
  }

  @Test
  @SuppressWarnings("unchecked")
  void typedHelperReturnsLinks() throws Exception {
    try (URLClassLoader loader = result.loader()) {
      Supplier<Map<String, String>> links =
          (Supplier<Map<String, String>>) loader.loadClass("com.example.app.Links").getConstructor().newInstance();
      assertThat(links.get()).containsExactly(
          Map.entry("index", "/"),
          Map.entry("issues", "/issues"),
          Map.entry("issue", "/issues/42"),
          Map.entry("comments", "/issues/42/comments"),
          Map.entry("newIssue", "/issues/new-issue"),
          Map.entry("new", "/issues/new"),
          Map.entry("edit", "/issues/-3/edit"),
          Map.entry("archive", "/issues/a%20b%2Fc/archive"),
          Map.entry("signIn", "/sign-in"),
          Map.entry("search", "/search"),
          Map.entry("export", "/admin-tools/html-export"),
          Map.entry("docs", "/docs/guide/getting%20started"),
          Map.entry("docsRoot", "/docs"),
          Map.entry("toString", "/issues/7"),
          Map.entry("constant", "/issues/:id/comments"));
    }
  }

  @Test
  void intermediateNodesHaveNoHref() throws Exception {
    try (URLClassLoader loader = result.loader()) {
      Class<?> docs = loader.loadClass("com.example.routes.Routes$Docs");
      assertThat(docs.getMethods()).extracting(Method::getName).doesNotContain("href").contains("rest");
      Class<?> issues = loader.loadClass("com.example.routes.Routes$Issues");
      assertThat(issues.getMethods()).extracting(Method::getName).contains("href", "byId", "newIssue", "new_");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void namedRoutesInRegistrationOrder() throws Exception {
    try (URLClassLoader loader = result.loader()) {
      Map<String, String> named = (Map<String, String>) loader.loadClass("com.example.routes.Routes").getMethod("named").invoke(null);
      assertThat(named).containsExactly(
          Map.entry("index", "/"),
          Map.entry("adminTools.htmlExport", "/admin-tools/html-export"),
          Map.entry("issues", "/issues"),
          Map.entry("issues.new", "/issues/new"),
          Map.entry("issues.newIssue", "/issues/new-issue"),
          Map.entry("search", "/search"),
          Map.entry("signIn", "/sign-in"),
          Map.entry("issues.byId", "/issues/:id"),
          Map.entry("issues.byId.comments", "/issues/:id/comments"),
          Map.entry("issues.byId.edit", "/issues/:id/edit"),
          Map.entry("issues.byIssueId.archive", "/issues/:issueId/archive"),
          Map.entry("docs.rest", "/docs/*"));
    }
  }

  @Test
  void hrefByName() throws Exception {
    try (URLClassLoader loader = result.loader()) {
      Method href = loader.loadClass("com.example.routes.Routes").getMethod("href", String.class, Map.class);
      assertThat(href.invoke(null, "index", Map.of())).isEqualTo("/");
      assertThat(href.invoke(null, "issues.byId", Map.of("id", 42))).isEqualTo("/issues/42");
      assertThat(href.invoke(null, "issues.byId.comments", Map.of("id", "42", "ignored", 1))).isEqualTo("/issues/42/comments");
      assertThat(href.invoke(null, "issues.byIssueId.archive", Map.of("issueId", "a b/c"))).isEqualTo("/issues/a%20b%2Fc/archive");
      assertThatThrownBy(() -> invoke(href, "issues.byId", Map.of("id", "abc")))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("Path parameter 'id' must be a Long, not 'abc'");
      assertThat(href.invoke(null, "issues.new", null)).isEqualTo("/issues/new");
      assertThat(href.invoke(null, "docs.rest", Map.of("rest", "guide/intro"))).isEqualTo("/docs/guide/intro");
      assertThat(href.invoke(null, "docs.rest", Map.of("*", List.of("a b", "c")))).isEqualTo("/docs/a%20b/c");
      assertThat(href.invoke(null, "docs.rest", Map.of())).isEqualTo("/docs");
      assertThatThrownBy(() -> invoke(href, "nope", Map.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown route name 'nope'").hasMessageContaining("issues.byId");
      assertThatThrownBy(() -> invoke(href, "issues.byId", Map.of("ID", 1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Route 'issues.byId' needs the parameter 'id'");
    }
  }

  private static Object invoke(Method method, Object... args) throws Throwable {
    try {
      return method.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void typedParametersAreDeclaredOnceAndReadTyped() throws Exception {
    try (URLClassLoader loader = result.loader()) {
      Class<?> issues = loader.loadClass("com.example.routes.Routes$Issues");
      assertThat(issues.getMethod("byId", long.class).getReturnType().getSimpleName()).isEqualTo("Issues_ById");
      assertThat(issues.getMethod("byIssueId", String.class)).isNotNull();
      Object id = loader.loadClass("com.example.routes.Routes$Issues_ById").getField("ID").get(null);
      assertThat(id).isInstanceOf(dev.honostar.routing.PathParam.class).hasToString(":id (Long)");
      dev.honostar.routing.PathParam<?> param = (dev.honostar.routing.PathParam<?>) id;
      assertThat(param.parse("42")).isEqualTo(42L);
      assertThatThrownBy(() -> param.parse("abc")).isInstanceOfSatisfying(dev.honostar.page.HaltException.class,
          halt -> assertThat(halt.status()).isEqualTo(404));
    }
  }

  @Test
  void serviceFileListsTheTable() {
    assertThat(result.classOutputFile("META-INF/services/dev.honostar.routing.RouteTable").lines()
        .filter(l -> !l.startsWith("#")))
        .containsExactly("com.example.routes.GeneratedRouteTable");
  }

  @Test
  void generatedSourcesAreMarked() {
    assertThat(result.generatedSource("com.example.routes.Routes"))
        .startsWith("// Generated by dev.honostar.codegen.RouteProcessor")
        .contains("public static final class Issues_ById {")
        .contains("public static final java.lang.String ISSUES_BY_ID = \"/issues/:id\";");
    assertThat(result.generatedSource("com.example.routes.GeneratedRouteTable"))
        .startsWith("// Generated by dev.honostar.codegen.RouteProcessor")
        .contains("implements dev.honostar.routing.RouteTable");
  }
}
