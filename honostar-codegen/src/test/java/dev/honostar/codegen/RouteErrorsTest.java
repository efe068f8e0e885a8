package dev.honostar.codegen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each build error, on the element that causes it. */
class RouteErrorsTest {

  @TempDir
  Path dir;

  private TestProject project() {
    return TestProject.withRoot(dir);
  }

  @Test
  void twoPagesOnOnePath() {
    TestProject.Result r = project()
        .page("com.example.routes.issues.IndexPage")
        .page("com.example.routes.OtherPage", "@dev.honostar.routing.Route(\"/issues\")")
        .template("issues/index", "other")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactlyInAnyOrder(
        "Duplicate page route /issues: com.example.routes.OtherPage and com.example.routes.issues.IndexPage (/issues) map to the same path;"
            + " move one or give it a different @Route",
        "Duplicate page route /issues: com.example.routes.issues.IndexPage and com.example.routes.OtherPage (/issues) map to the same path;"
            + " move one or give it a different @Route");
    assertThat(r.errorFiles()).containsExactlyInAnyOrder("OtherPage.java", "IndexPage.java");
  }

  @Test
  void parameterNamesDoNotMakePathsDifferent() {
    TestProject.Result r = project()
        .page("com.example.routes.issues._id.IndexPage")
        .page("com.example.routes.IssuePage", "@dev.honostar.routing.Route(\"/issues/:issueId\")")
        .template("issues/_id/index", "issue")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("Duplicate page route /issues/:issueId: com.example.routes.IssuePage and "
        + "com.example.routes.issues._id.IndexPage (/issues/:id)"));
  }

  @Test
  void aPageAndACommandShareAPath() {
    TestProject.Result r = project()
        .page("com.example.routes.issues.IndexPage")
        .command("com.example.routes.IssuesCommand", "@dev.honostar.routing.Route(\"/issues\")")
        .template("issues/index")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
  }

  @Test
  void twoLayoutsInOnePackage() {
    TestProject.Result r = project()
        .layout("com.example.routes.Layout")
        .layout("com.example.routes.AppLayout")
        .template("layout", "app")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).hasSize(2).allSatisfy(e -> assertThat(e).startsWith("Duplicate layout route /:").contains("(one layout per package)"));
  }

  @Test
  void missingTemplate() {
    TestProject.Result r = project()
        .page("com.example.routes.issues._id.IndexPage")
        .layout("com.example.routes.AppLayout")
        .compile();
    assertThat(r.success()).isFalse();
    Path templates = dir.resolve("src/main/resources/templates").toAbsolutePath().normalize();
    assertThat(r.errors()).containsExactlyInAnyOrder(
        "Missing template for page com.example.routes.issues._id.IndexPage: expected " + templates.resolve("issues/_id/index.hbs")
            + " (template 'issues/_id/index'; create it, or name another with @Template)",
        "Missing template for layout com.example.routes.AppLayout: expected " + templates.resolve("app.hbs")
            + " (template 'app'; create it, or name another with @Template)");
    assertThat(r.errorFiles()).containsExactlyInAnyOrder("IndexPage.java", "AppLayout.java");
  }

  @Test
  void missingExplicitTemplate() {
    TestProject.Result r = project()
        .page("com.example.routes.SearchPage", "@dev.honostar.routing.Template(\"search/results\")")
        .template("search")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString()
        .startsWith("Missing template for page com.example.routes.SearchPage: expected ")
        .contains("search/results.hbs (template 'search/results';");
  }

  @Test
  void templatesDirectoryOption() {
    TestProject.Result r = project()
        .page("com.example.routes.IndexPage")
        .template("index")
        .option("-Ahonostar.templates=views")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString().contains("src/main/resources/views/index.hbs");
  }

  @ParameterizedTest(name = "@Route(\"{0}\")")
  @CsvSource(delimiter = '|', value = {
      "sign-in      | it must start with /",
      "/a//b        | it has an empty segment (//)",
      "/a/          | it must not end with / (only the root path is /)",
      "/a/:1x       | parameter ':1x' needs a name matching [A-Za-z_][A-Za-z0-9_]*",
      "/a/:         | parameter ':' needs a name matching",
      "/a b         | segment 'a b' may contain only letters, digits and - . _ ~",
      "/a/*/b       | a catch-all must be the last segment, but /a/*/b continues after it",
      "/a/x*        | '*' must be a whole segment, the last one",
      "/a/:id/b/:id | duplicate path parameter :id in /a/:id/b/:id",
  })
  void badRoute(String route, String reason) {
    TestProject.Result r = project()
        .page("com.example.routes.BadPage", "@dev.honostar.routing.Route(\"" + route + "\")")
        .template("bad")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString()
        .startsWith("Bad @Route(\"" + route + "\") on com.example.routes.BadPage: " + reason);
    assertThat(r.errorFiles()).containsExactly("BadPage.java");
  }

  @Test
  void catchAllNotLast() {
    TestProject.Result r = project()
        .page("com.example.routes.docs.__rest.IndexPage")
        .page("com.example.routes.docs.__rest.PrintPage")
        .page("com.example.routes.files.__path.raw.IndexPage")
        .template("docs/__rest/index", "docs/__rest/print", "files/__path/raw/index")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactlyInAnyOrder(
        "Route class com.example.routes.docs.__rest.PrintPage: a catch-all must be the last segment, but /docs/*/print continues after it"
            + " (a __name package can hold only IndexPage/IndexCommand/layouts and no subpackages)",
        "Route class com.example.routes.files.__path.raw.IndexPage: a catch-all must be the last segment, but /files/*/raw continues after it"
            + " (a __name package can hold only IndexPage/IndexCommand/layouts and no subpackages)");
  }

  @Test
  void nonPublicClass() {
    TestProject.Result r = project()
        .type("com.example.routes.HiddenPage", "class %s implements dev.honostar.page.BlockingPage<String> {\n"
            + "  public String loadBlocking(dev.honostar.page.PageContext ctx) { return \"\"; }\n}\n")
        .template("hidden")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactly("Route class com.example.routes.HiddenPage (a page) must be public");
    assertThat(r.errorFiles()).containsExactly("HiddenPage.java");
  }

  @Test
  void noPublicConstructor() {
    TestProject.Result r = project()
        .type("com.example.routes.SaveCommand", "public class %s implements dev.honostar.command.Command {\n"
            + "  %1$s(String repository) { }\n"
            + "  public void handlers(dev.honostar.command.Handlers on) { }\n}\n")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactly("Route class com.example.routes.SaveCommand (a command) must have a public constructor");
  }

  @Test
  void aConstructorWithDependenciesIsAllowed() {
    TestProject.Result r = project()
        .type("com.example.routes.SaveCommand", "public class %s implements dev.honostar.command.Command {\n"
            + "  public %1$s(String repository) { }\n"
            + "  public void handlers(dev.honostar.command.Handlers on) { }\n}\n")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
  }

  @Test
  void moreThanOneKind() {
    TestProject.Result r = project()
        .type("com.example.routes.BothPage", "public class %s implements dev.honostar.page.BlockingPage<String>, dev.honostar.command.Command {\n"
            + "  public String loadBlocking(dev.honostar.page.PageContext ctx) { return \"\"; }\n"
            + "  public void handlers(dev.honostar.command.Handlers on) { }\n}\n")
        .template("both")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactly(
        "Route class com.example.routes.BothPage is more than one of Page, Command and Layout ([PAGE, COMMAND]); split it");
  }

  @Test
  void routeOnALayout() {
    TestProject.Result r = project()
        .layout("com.example.routes.Layout", "@dev.honostar.routing.Route(\"/app\")")
        .template("layout")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString().startsWith("@Route is not allowed on layout com.example.routes.Layout");
  }

  @Test
  void nestedRoots() {
    TestProject.Result r = project()
        .root("com.example.routes.admin")
        .page("com.example.routes.admin.IndexPage")
        .template("index")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactly("@RouteRoot package com.example.routes.admin is inside @RouteRoot package com.example.routes;"
        + " route roots cannot nest (remove one of the annotations)");
    assertThat(r.errorFiles()).containsExactly("package-info.java");
  }

  @Test
  void clashingReverseRoutingMethods() {
    TestProject.Result r = project()
        .page("com.example.routes.issues._id.IndexPage")
        .page("com.example.routes.issues.ByIdPage")
        .template("issues/_id/index", "issues/by-id")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString()
        .isEqualTo("Route /issues/:id of com.example.routes.issues._id.IndexPage: the reverse-routing method byId() for /issues/:id"
            + " clashes with the one for /issues/by-id (from com.example.routes.issues.ByIdPage); rename one or give it a @Route");
  }

  @Test
  void badPackageName() {
    TestProject.Result r = project()
        .page("com.example.routes._1st.IndexPage")
        .template("_1st/index")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString().startsWith("Route class com.example.routes._1st.IndexPage: package '_1st' does not name a path parameter");
  }

  @Test
  void unsupportedParamType() {
    TestProject.Result r = project()
        .file("com.example.routes._day", "package-info", "@dev.honostar.routing.Param(java.time.LocalDate.class)\npackage com.example.routes._day;\n")
        .command("com.example.routes._day.IndexCommand")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactly("@Param(java.time.LocalDate.class) on package com.example.routes._day: a path parameter is a String, long,"
        + " int or java.util.UUID");
    assertThat(r.errorFiles()).containsExactly("package-info.java");
  }

  @Test
  void paramOnAStaticPackage() {
    TestProject.Result r = project()
        .file("com.example.routes.issues", "package-info", "@dev.honostar.routing.Param(long.class)\npackage com.example.routes.issues;\n")
        .command("com.example.routes.issues.IndexCommand")
        .compile();
    assertThat(r.errors()).containsExactly("@Param on package com.example.routes.issues: only a _name package makes a path parameter");
  }

  @Test
  void oneParameterWithTwoTypes() {
    TestProject.Result r = project()
        .file("com.example.routes._id", "package-info", "@dev.honostar.routing.Param(long.class)\npackage com.example.routes._id;\n")
        .command("com.example.routes._id.IndexCommand")
        .command("com.example.routes.EditCommand", "@dev.honostar.routing.Route(\"/:id/edit\")")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).singleElement().asString().contains(": its parameter :id is a ").contains("declare it once, with @Param on its _id package");
  }

  @Test
  void templateOnACommandIsAWarning() {
    TestProject.Result r = project()
        .command("com.example.routes.SaveCommand", "@dev.honostar.routing.Template(\"save\")")
        .compile();
    assertThat(r.success()).isTrue();
    assertThat(r.warnings()).containsExactly("@Template on command com.example.routes.SaveCommand is ignored: commands have no template");
  }
}
