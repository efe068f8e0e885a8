package dev.honostar.view;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static dev.honostar.view.TestViews.HOSTILE;
import static dev.honostar.view.TestViews.await;
import static dev.honostar.view.TestViews.data;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiKitAndErrorPagesTest {

  Vertx vertx;
  ViewEngine views;

  @BeforeAll
  void setUp() {
    vertx = Vertx.vertx();
    views = await(ViewEngine.create(vertx, TestViews.options()));
  }

  @AfterAll
  void tearDown() {
    await(vertx.close());
  }

  private Document kit(String label, String error) {
    Map<String, Object> model = new HashMap<>();
    model.put("label", label);
    model.put("error", error);
    return Jsoup.parse(views.render("uikit", model, data("theme", Theme.DARK)));
  }

  @Test
  void componentsRenderTheirStructure() {
    Document doc = kit("Save", "Title is required");
    Element button = doc.getElementById("btn");
    assertThat(button.tagName()).isEqualTo("button");
    assertThat(button.attr("type")).isEqualTo("submit");
    assertThat(button.classNames()).contains("hs-btn", "hs-btn--destructive");
    assertThat(button.attr("data-on:click")).isEqualTo("@post('/x')");
    assertThat(button.text()).isEqualTo("Save");

    Element card = doc.getElementById("card");
    assertThat(card.select(".hs-card__title").text()).isEqualTo("Card title");
    assertThat(card.select(".hs-card__content > p.card-body").text()).isEqualTo("Save");

    Element input = doc.selectFirst("input.hs-input");
    assertThat(input.attr("name")).isEqualTo("title");
    assertThat(input.attr("id")).isEqualTo("title");
    assertThat(input.attr("value")).isEqualTo("Save");
    assertThat(input.hasAttr("required")).isTrue();
    assertThat(input.attr("aria-invalid")).isEqualTo("true");
    assertThat(doc.getElementById(input.attr("aria-describedby")).text()).isEqualTo("Title is required");
    assertThat(doc.select("label[for=title]")).hasSizeGreaterThanOrEqualTo(1);

    Element textarea = doc.selectFirst("textarea");
    assertThat(textarea.attr("rows")).isEqualTo("3");
    assertThat(textarea.text()).isEqualTo("Save");

    assertThat(doc.select("span.hs-badge.hs-badge--success").text()).isEqualTo("Save");

    Element modal = doc.getElementById("confirm");
    assertThat(modal.hasAttr("data-hs-modal")).isTrue();
    assertThat(modal.attr("data-on:hs-close")).isEqualTo("@post('/close')");
    Element dialog = modal.selectFirst("[role=dialog]");
    assertThat(dialog.attr("aria-modal")).isEqualTo("true");
    assertThat(doc.getElementById(dialog.attr("aria-labelledby")).text()).isEqualTo("Save");
    assertThat(dialog.select("p.dialog-body").text()).isEqualTo("Sure?");
    assertThat(dialog.select("[data-hs-close]")).isNotEmpty();

    Element toast = doc.selectFirst("[data-hs-toast]");
    assertThat(toast.attr("role")).isEqualTo("status");
    assertThat(toast.attr("data-hs-timeout")).isEqualTo("3000");
    assertThat(toast.select(".hs-toast__message").text()).isEqualTo("Save");

    assertThat(doc.select("[data-hs-theme]")).extracting(e -> e.attr("data-hs-theme")).containsExactly("light", "dark", "system");
    assertThat(doc.selectFirst("[data-hs-theme=dark]").attr("aria-pressed")).isEqualTo("true");
    assertThat(doc.selectFirst("[data-hs-theme=light]").attr("aria-pressed")).isEqualTo("false");
  }

  @Test
  void inputWithoutErrorHasNoErrorSlot() {
    Document doc = kit("x", null);
    assertThat(doc.selectFirst("input.hs-input").hasAttr("aria-invalid")).isFalse();
    assertThat(doc.select(".hs-field__error")).isEmpty();
  }

  @Test
  void componentsEscapeHostileInput() {
    Document doc = kit(HOSTILE, HOSTILE);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList())
        .noneMatch(a -> a.getKey().startsWith("onmouseover")));
    assertThat(doc.selectFirst("input.hs-input").attr("value")).isEqualTo(HOSTILE);
    assertThat(doc.getElementById("btn").text()).isEqualTo(HOSTILE.strip());
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 405, 500, 403})
  void errorPagesAreFullHtmlWithoutDetails(int status) {
    String html = views.renderError(status, data("nonce", "n", "theme", "dark"));
    Document doc = Jsoup.parse(html);
    assertThat(html).startsWith("<!doctype html>");
    assertThat(doc.selectFirst("html").className()).isEqualTo("dark");
    assertThat(doc.title()).startsWith(String.valueOf(status));
    assertThat(doc.select("#app .hs-error__code").text()).isEqualTo(String.valueOf(status));
    assertThat(html).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void optionsRoundTripThroughJsonAndEnvironment() {
    ViewOptions o = new ViewOptions().setDev(true).setTemplatesDir("t").setAssetsPath("static")
        .setDatastarSrc("/ds.js").setReloadInterval(42).setCheckRegions(false);
    ViewOptions copy = new ViewOptions(o.toJson());
    assertThat(copy.toJson()).isEqualTo(o.toJson());
    assertThat(copy.getAssetsPath()).isEqualTo("/static/");
    ViewOptions env = new ViewOptions().applyEnvironment(Map.of("HONOSTAR_DEV", "true",
        "HONOSTAR_TEMPLATES_DIR", "src/main/resources/templates", "HONOSTAR_DATASTAR_SRC", "/x.js"));
    assertThat(env.isDev()).isTrue();
    assertThat(env.getTemplatesDir()).isEqualTo("src/main/resources/templates");
    assertThat(env.getDatastarSrc()).isEqualTo("/x.js");
    assertThat(new ViewOptions(new JsonObject()).getTemplatesRoot()).isEqualTo(ViewOptions.DEFAULT_TEMPLATES_ROOT);
  }
}
