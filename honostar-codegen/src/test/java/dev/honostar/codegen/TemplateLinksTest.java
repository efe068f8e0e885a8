package dev.honostar.codegen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code {{route …}}} links in templates are checked when the route classes compile. */
class TemplateLinksTest {

  @TempDir
  Path dir;

  private TestProject project() {
    return TestProject.withRoot(dir)
        .page("com.example.routes.IndexPage")
        .page("com.example.routes.issues._id.IndexPage")
        .page("com.example.routes.docs.__rest.IndexPage")
        .template("issues/_id/index", "docs/__rest/index");
  }

  @Test
  void rightLinksCompile() {
    TestProject.Result r = project()
        .templateText("index", """
            <a href="{{route "index"}}">home</a>
            <a href="{{route 'issues.byId' id=issue.id}}">{{issue.title}}</a>
            {{#each issues}}<a href="{{~route "issues.byId" id=this.id ~}}">x</a>{{/each}}
            {{> ui/link href=(route "docs.rest" rest="guide/intro")}}
            {{> ui/link href=(route "docs.rest")}}
            <a href="{{route name}}">a name from data: checked when rendering</a>
            """)
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
  }

  @Test
  void aLinkToNoRouteFailsWithTheTemplateAndLine() {
    TestProject.Result r = project()
        .templateText("index", """
            <h1>Issues</h1>
            {{!-- {{route "commented.out"}} is not a link --}}
            <a href="{{route "issues.byID" id=1}}">one</a>
            """)
        .compile();
    assertThat(r.success()).isFalse();
    Path file = dir.resolve("src/main/resources/templates/index.hbs");
    assertThat(r.errors()).containsExactly("Template index (" + file + ":3): {{route \"issues.byID\" id=…}} names no route;"
        + " the routes are [index, issues.byId, docs.rest]");
  }

  @Test
  void aMissingOrUnknownParameterFails() {
    TestProject.Result r = project()
        .templateText("index", "<a href=\"{{route \"issues.byId\"}}\">x</a>\n")
        .templateText("docs/__rest/index", "\n\n<a href=\"{{route 'issues.byId' id=1 tab='x'}}\">x</a>\n")
        .compile();
    assertThat(r.success()).isFalse();
    assertThat(r.errors()).containsExactlyInAnyOrder(
        "Template index (" + dir.resolve("src/main/resources/templates/index.hbs") + ":1): {{route \"issues.byId\"}} lacks the parameter 'id'"
            + " of route issues.byId",
        "Template docs/__rest/index (" + dir.resolve("src/main/resources/templates/docs/__rest/index.hbs") + ":3): {{route \"issues.byId\""
            + " id=… tab=…}}: route issues.byId has no parameter 'tab' (it takes [id])");
  }

  @Test
  void theCheckCanBeTurnedOff() {
    TestProject.Result r = project()
        .templateText("index", "<a href=\"{{route \"handwritten\"}}\">x</a>\n")
        .option("-A" + RouteProcessor.CHECK_LINKS_OPTION + "=false")
        .compile();
    assertThat(r.success()).as(r.describe()).isTrue();
  }

  @Test
  void checkOnlyReportsAndLeavesNothingGenerated() {
    TestProject project = project().templateText("index", "<a href=\"{{route \"nope\"}}\">x</a>\n")
        .option("-proc:only")
        .option("-A" + RouteProcessor.CHECK_ONLY_OPTION + "=true");
    TestProject.Result r = project.compile();
    assertThat(r.errors()).singleElement().asString().contains("{{route \"nope\"}} names no route");
    assertThat(project.generated.resolve("com/example/routes/Routes.java")).doesNotExist();
    assertThat(project.classes.resolve(RouteProcessor.SERVICE_FILE)).doesNotExist();
  }

  /** The check runs before the real compilation, on a clean build: app code importing {@code Routes} must resolve. */
  @Test
  void checkOnlyOnACleanBuildResolvesCodeThatUsesRoutes() {
    TestProject project = project()
        .templateText("index", "<h1>home</h1>\n")
        .file("com.example", "Links", """
            package com.example;

            import com.example.routes.Routes;

            final class Links {
              static Object home() { return Routes.index(); }
            }
            """)
        .option("-proc:only")
        .option("-A" + RouteProcessor.CHECK_ONLY_OPTION + "=true");
    TestProject.Result r = project.compile();
    assertThat(r.success()).as(r.describe()).isTrue();
    // Left behind, it would be a source of the real compilation, which generates it itself.
    assertThat(project.generated.resolve("com/example/routes/Routes.java")).doesNotExist();
    assertThat(project.classes.resolve(RouteProcessor.SERVICE_FILE)).doesNotExist();
  }
}
