package dev.honostar.view;

import io.vertx.core.Vertx;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.honostar.view.TestViews.await;
import static dev.honostar.view.TestViews.data;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemeAndLayoutTest {

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

  private Document page(Map<String, Object> data) {
    return Jsoup.parse(views.renderPage("row", Map.of("title", "t"), List.of(ViewEngine.DEFAULT_LAYOUT), data));
  }

  @ParameterizedTest
  @CsvSource({"dark,DARK", "light,LIGHT", "system,SYSTEM", "DARK,DARK", "nonsense,SYSTEM", ",SYSTEM"})
  void themeFromCookie(String cookie, Theme expected) {
    assertThat(Theme.fromCookie(cookie)).isEqualTo(expected);
  }

  @Test
  void darkCookieRendersDarkClassWithoutThemeScript() {
    Document doc = page(data("theme", Theme.fromCookie("dark"), "nonce", "n1"));
    assertThat(doc.selectFirst("html").className()).isEqualTo("dark");
    assertThat(doc.select("head script:not([src])")).isEmpty();
  }

  @Test
  void lightThemeAsStringWorksToo() {
    Document doc = page(data("theme", "light"));
    assertThat(doc.selectFirst("html").className()).isEqualTo("light");
    assertThat(doc.select("head script:not([src])")).isEmpty();
  }

  @Test
  void systemThemeGetsNoncedInlineScriptInHead() {
    for (Map<String, Object> d : List.of(data("theme", Theme.SYSTEM, "nonce", "n2"), data("nonce", "n2"))) {
      Document doc = page(d);
      assertThat(doc.selectFirst("html").className()).isEmpty();
      List<Element> inline = doc.select("head script:not([src])");
      assertThat(inline).hasSize(1);
      assertThat(inline.get(0).attr("nonce")).isEqualTo("n2");
      assertThat(inline.get(0).data()).contains("prefers-color-scheme: dark");
      // it must run before the stylesheet is applied / before paint
      assertThat(doc.select("head > *").indexOf(inline.get(0)))
          .isLessThan(doc.select("head > *").indexOf(doc.selectFirst("link[rel=stylesheet]")));
    }
  }

  @Test
  void everyScriptCarriesTheNonceAndDatastarHasSri() {
    Document doc = page(data("nonce", "n3", "csrfToken", "t"));
    assertThat(doc.select("script")).isNotEmpty().allSatisfy(s -> assertThat(s.attr("nonce")).isEqualTo("n3"));
    Element ds = doc.selectFirst("script[src*=datastar]");
    assertThat(ds.attr("type")).isEqualTo("module");
    assertThat(ds.attr("src")).isEqualTo(ViewOptions.DEFAULT_DATASTAR_SRC);
    assertThat(ds.attr("integrity")).isEqualTo(ViewOptions.DEFAULT_DATASTAR_INTEGRITY);
    assertThat(ds.attr("crossorigin")).isEqualTo("anonymous");
    // project runtime comes first so its fetch wrapper is installed before Datastar runs
    Element runtime = doc.selectFirst("script[src*=honostar/honostar]");
    assertThat(doc.select("script").indexOf(runtime)).isLessThan(doc.select("script").indexOf(ds));
    assertThat(doc.selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo("/_/assets/honostar/honostar.css");
  }

  /**
   * Chromium resolves a new page's cross-document view-transition opt-in before an external
   * stylesheet may have arrived (a first visit): in honostar.css alone, a page reached by a link
   * or a redirect rejected its transition with an uncaught InvalidStateError.
   */
  @Test
  void theViewTransitionOptInIsInlineInTheHeadBeforeAnyStylesheet() {
    Document doc = page(data("nonce", "n4"));
    Element optIn = doc.selectFirst("head > style");
    assertThat(optIn).isNotNull();
    assertThat(optIn.data()).isEqualTo("@view-transition { navigation: auto; }");
    assertThat(optIn.attr("nonce")).isEqualTo("n4");
    assertThat(doc.select("head > *").indexOf(optIn))
        .isLessThan(doc.select("head > *").indexOf(doc.selectFirst("link[rel=stylesheet]")));
  }

  @Test
  void selfHostedDatastarHasNoIntegrity() {
    Document doc = page(data("datastarSrc", "/_/assets/datastar.js"));
    Element ds = doc.selectFirst("script[src=/_/assets/datastar.js]");
    assertThat(ds).isNotNull();
    assertThat(ds.hasAttr("integrity")).isFalse();
  }

  @Test
  void liveElementIsPlacedInBody() {
    Document doc = page(data("live", "<div id=\"hs-live\" data-init=\"@get('/_/live')\"></div>"));
    assertThat(doc.select("body > #hs-live")).hasSize(1);
    assertThat(doc.select("body > #app")).hasSize(1);
    assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
  }
}
