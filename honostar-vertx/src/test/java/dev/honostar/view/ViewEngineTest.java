package dev.honostar.view;

import dev.honostar.view.impl.ViewEngineImpl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static dev.honostar.view.TestViews.await;
import static dev.honostar.view.TestViews.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewEngineTest {

  Vertx vertx;
  ViewEngine views;

  record Issue(int id, String title) {
  }

  @BeforeAll
  void setUp() {
    vertx = Vertx.vertx();
    views = await(ViewEngine.create(vertx, TestViews.options()));
  }

  @AfterAll
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void pageIsWrappedInLayoutsInnermostFirstWithHead() {
    Map<String, Object> model = Map.of("title", "Issues", "count", 3);
    String html = views.renderPage("pages/home", model, List.of("layouts/inner", ViewEngine.DEFAULT_LAYOUT),
        data("nonce", "n0nce", "csrfToken", "tok",
            "head", Map.of("title", "My issues", "meta", List.of(Map.of("name", "description", "content", "All issues")))));

    assertThat(html).startsWith("<!doctype html>");
    Document doc = Jsoup.parse(html);
    assertThat(doc.title()).isEqualTo("My issues");
    assertThat(doc.select("meta[name=description]").attr("content")).isEqualTo("All issues");
    assertThat(doc.select("meta[name=csrf-token]").attr("content")).isEqualTo("tok");
    // page inside inner layout inside #app of the default layout
    assertThat(doc.select("#app > section.inner > h1").text()).isEqualTo("Issues");
    assertThat(doc.select("#app section.inner").attr("data-title")).isEqualTo("Issues");
    assertThat(doc.select("#app #counter").text()).isEqualTo("3");
    assertThat(doc.select("p.nonce").text()).isEqualTo("n0nce");
    assertThat(doc.select("body > #ds-overlays")).hasSize(1);
    assertThat(doc.select("body > #toast-container")).hasSize(1);
  }

  @Test
  void layoutBodyWinsOverModelPropertyCalledBody() {
    String html = views.renderPage("row", Map.of("title", "t", "body", "MODEL BODY"), List.of("layouts/inner"), Map.of());
    assertThat(html).contains("root row t").doesNotContain("MODEL BODY");
  }

  @Test
  void partialsResolveFromTheRootWhateverRenderedOrCompiledLast() {
    // Regression: vertx-web-templ-handlebars resolves {{> row}} relative to the last template's folder.
    for (String first : List.of("issues/row", "issues/explicit", "pages/home", "row")) {
      views.render(first, Map.of("count", 1), Map.of());
      String html = views.render("issues/list", Map.of("issues", List.of(Map.of("title", "a"), Map.of("title", "b"))), Map.of());
      Document doc = Jsoup.parse(html);
      assertThat(doc.select("li > p.root-row")).as("after rendering %s", first).hasSize(2);
      assertThat(doc.select("p.issues-row")).isEmpty();
    }
    Document explicit = Jsoup.parse(views.render("issues/explicit", Map.of(), Map.of()));
    assertThat(explicit.select("p.issues-row")).hasSize(1);
    assertThat(explicit.select("p.root-row")).hasSize(1);
  }

  @Test
  void templatesAndPartialsCompileOnce() {
    ViewEngineImpl impl = (ViewEngineImpl) views;
    views.render("issues/list", Map.of("issues", List.of(Map.of())), Map.of());
    long compiles = impl.compileCount();
    Object list = impl.compiled("issues/list");
    for (int i = 0; i < 200; i++) {
      views.render("issues/list", Map.of("issues", List.of(Map.of(), Map.of())), Map.of());
      views.renderPage("pages/home", Map.of("count", i), List.of(ViewEngine.DEFAULT_LAYOUT), Map.of());
      views.render("uikit", Map.of("label", "x"), Map.of());
    }
    assertThat(impl.compileCount()).isEqualTo(compiles);
    assertThat(impl.compiled("issues/list")).isSameAs(list);
    assertThat(compiles).isEqualTo(views.templateNames().size());
  }

  @Test
  void regionRendersAloneAndMustCarryAnId() {
    assertThat(views.renderRegion("regions/counter", Map.of("count", 7), Map.of()))
        .isEqualTo("<div id=\"counter\" class=\"counter\">7</div>\n");
    assertThat(views.renderRegion("regions/commented", Map.of(), Map.of())).contains("id=\"commented\"");
    assertThatThrownBy(() -> views.renderRegion("regions/bad", Map.of("count", 1), Map.of()))
        .isInstanceOf(ViewException.class)
        .hasMessageContaining("regions/bad")
        .hasMessageContaining("id");
  }

  @Test
  void listsTemplatesIncludingUiKitAndFrameworkTemplates() {
    assertThat(views.hasTemplate("regions/counter")).isTrue();
    assertThat(views.hasTemplate("/regions/counter.hbs")).isTrue();
    assertThat(views.hasTemplate("regions/nope")).isFalse();
    assertThat(views.templateNames()).contains("ui/button", "ui/dialog", "ui/theme-toggle",
        ViewEngine.DEFAULT_LAYOUT, "honostar/errors/404", "issues/list");
  }

  @Test
  void failuresNameTheTemplate() {
    assertThatThrownBy(() -> views.render("does/not/exist", Map.of(), Map.of()))
        .isInstanceOf(ViewException.class)
        .hasMessageContaining("does/not/exist")
        .satisfies(e -> assertThat(((ViewException) e).templateName()).isEqualTo("does/not/exist"));
    assertThatThrownBy(() -> views.render("broken/route", Map.of(), Map.of()))
        .isInstanceOf(ViewException.class)
        .hasMessageContaining("broken/route")
        .hasMessageContaining("nowhere");
  }

  @Test
  void modelsCanBeRecordsJsonObjectsAndMaps() {
    assertThat(views.render("helpers/plain", Map.of("value", new Issue(1, "t")), Map.of()))
        .contains("Issue[id&#x3D;1, title&#x3D;t]");
    String html = views.render("issues/list",
        new JsonObject().put("issues", new JsonArray().add(new JsonObject().put("title", "json"))), Map.of());
    assertThat(html).contains("root row json");
    String records = views.render("issues/list", Map.of("issues", List.of(new Issue(2, "rec"))), Map.of());
    assertThat(records).contains("root row rec");
  }

  @Test
  void compileErrorFailsCreationNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("oops.hbs"), "{{#if x}}never closed");
    assertThatThrownBy(() -> await(ViewEngine.create(vertx, new ViewOptions().setTemplatesDir(dir.toString()))))
        .hasStackTraceContaining("oops");
  }

  record Row(String label, String status) {
    public boolean open() {
      return "open".equals(status);
    }
  }

  @Test
  void aPartialsMissingParameterDoesNotResolveToAMethodOfTheCallersModel() {
    // Regression: with Handlebars' MethodValueResolver, {{size}} in ui/button found Map.size()
    // of the caller's model and rendered class="hs-btn--2".
    String html = views.render("ui/button", Map.of("label", "Save", "other", 1), Map.of());
    assertThat(html).contains("class=\"hs-btn hs-btn--primary\"").doesNotContain("hs-btn--2");
  }

  @Test
  void recordsExposeComponentsAndTheirOwnDerivedValues() {
    Row row = new Row("First", "open");
    assertThat(TemplatesForRecords.render(views, row)).isEqualTo("First open yes");
  }

  /** Renders a record through an inline template file of the test templates. */
  static final class TemplatesForRecords {
    static String render(ViewEngine views, Row row) {
      return views.render("records/row", row, Map.of()).strip();
    }
  }
}
