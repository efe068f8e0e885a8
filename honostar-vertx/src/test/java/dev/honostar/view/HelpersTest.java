package dev.honostar.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.honostar.view.TestViews.HOSTILE;
import static dev.honostar.view.TestViews.await;
import static dev.honostar.view.TestViews.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every helper must keep hostile input inert: no new elements, no new attributes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpersTest {

  Vertx vertx;
  ViewEngine views;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  void setUp() {
    vertx = Vertx.vertx();
    // A deliberately careless resolver that does not encode its parameters.
    RouteResolver routes = (name, params) -> {
      if (!name.equals("issue")) throw new IllegalArgumentException("unknown route " + name);
      return "/issues/" + params.get("id");
    };
    AssetResolver assets = name -> "/_/assets/" + name;
    views = await(ViewEngine.create(vertx, TestViews.options(), routes, assets, Map.of()));
  }

  @AfterAll
  void tearDown() {
    await(vertx.close());
  }

  private static void assertInert(Document doc) {
    assertThat(doc.select("script:not([type=application/json]):not([nonce])")).isEmpty();
    assertThat(doc.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList())
        .noneMatch(a -> a.getKey().startsWith("onmouseover") || a.getKey().contains("<")));
  }

  @Test
  void routeIsAttributeSafe() {
    String html = views.render("helpers/route", Map.of("value", HOSTILE), Map.of());
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("a")).hasSize(1);
    assertThat(doc.select("a").attr("href")).isEqualTo("/issues/" + HOSTILE);
    assertInert(doc);
    assertThat(views.render("helpers/route", Map.of("value", 42), Map.of())).contains("href=\"/issues/42\"");
  }

  @Test
  void csrfFieldAndMetaEscapeTheToken() {
    String html = views.render("helpers/csrf", Map.of(), data("csrfToken", HOSTILE));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("input[type=hidden][name=_csrf]").attr("value")).isEqualTo(HOSTILE);
    assertThat(doc.select("meta[name=csrf-token]").attr("content")).isEqualTo(HOSTILE);
    assertInert(doc);
    assertThat(views.render("helpers/csrf", Map.of(), Map.of())).isBlank();
  }

  @Test
  void nonceEscapesAndIsEmptyWithoutNonce() {
    String html = views.render("helpers/nonce", Map.of(), data("nonce", HOSTILE));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("script").attr("nonce")).isEqualTo(HOSTILE);
    assertInert(doc);
    assertThat(views.render("helpers/nonce", Map.of(), data("nonce", "abc"))).isEqualTo("<script nonce=\"abc\"></script>\n");
    assertThat(views.render("helpers/nonce", Map.of(), Map.of())).isEqualTo("<script ></script>\n");
  }

  @Test
  void jsonInAttributeAndScriptRoundTrips() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("title", HOSTILE + "</script><!-- \u2028\u2029&");
    value.put("n", 3);
    value.put("tags", List.of("a", "</SCRIPT>"));
    String html = views.render("helpers/json", Map.of("value", value), data("nonce", "n"));
    assertThat(html.toLowerCase()).doesNotContain("</script><").doesNotContain("<!--");
    Document doc = Jsoup.parse(html);
    assertThat(mapper.readValue(doc.select("div").attr("data-json"), Map.class)).isEqualTo(value);
    Element script = doc.getElementById("data");
    assertThat(script).isNotNull();
    assertThat(mapper.readValue(script.data(), Map.class)).isEqualTo(value);
    assertInert(doc);
  }

  @Test
  void signalsRendersSingleQuotedJsonAttribute() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("query", HOSTILE);
    value.put("count", 1);
    String html = views.render("helpers/signals", Map.of("value", value), Map.of());
    assertThat(html).contains("data-signals='{\"query\":");
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("div")).hasSize(2);
    assertThat(mapper.readValue(doc.select("div").get(0).attr("data-signals"), Map.class)).isEqualTo(value);
    assertThat(mapper.readValue(doc.select("div.hash").attr("data-signals"), Map.class))
        .isEqualTo(Map.of("open", false, "label", Map.of("query", HOSTILE, "count", 1)));
    assertInert(doc);
  }

  @Test
  void attrsEscapesValuesAndRefusesEventHandlers() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("data-on:click__debounce.500ms", HOSTILE);
    attrs.put("disabled", true);
    attrs.put("hidden", false);
    Document doc = Jsoup.parse(views.render("helpers/attrs", Map.of("value", attrs), Map.of()));
    Element div = doc.selectFirst("div");
    assertThat(div.attr("data-on:click__debounce.500ms")).isEqualTo(HOSTILE);
    assertThat(div.hasAttr("disabled")).isTrue();
    assertThat(div.hasAttr("hidden")).isFalse();
    assertInert(doc);
    assertThatThrownBy(() -> views.render("helpers/attrs", Map.of("value", Map.of("onclick", "x")), Map.of()))
        .isInstanceOf(ViewException.class).hasMessageContaining("helpers/attrs");
    assertThatThrownBy(() -> views.render("helpers/attrs", Map.of("value", Map.of("x\" onload=\"y", "x")), Map.of()))
        .isInstanceOf(ViewException.class);
  }

  @Test
  void assetIsAttributeSafe() {
    Document doc = Jsoup.parse(views.render("helpers/asset", Map.of("value", HOSTILE), Map.of()));
    assertThat(doc.select("a").attr("href")).isEqualTo("/_/assets/" + HOSTILE);
    assertInert(doc);
  }

  /**
   * One escaper: a value reads the same whichever writer put it in the page, a template's
   * {{value}}, a helper's attribute, the live element or a tag of the protocol's own. (The
   * protocol once wrote ' as &#39; where templates wrote &#x27;.)
   */
  @Test
  void everyWriterEscapesAValueAlike() {
    String value = HOSTILE + " & = done";
    String escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#x27; onmouseover&#x3D;x &#x60; &amp; &#x3D; done";
    Map<String, String> written = new LinkedHashMap<>();
    written.put("template", between(views.render("helpers/plain", Map.of("value", value), Map.of()), "<p>", "</p>"));
    written.put("attrs helper", between(views.render("helpers/attrs", Map.of("value", Map.of("title", value)), Map.of()), "title=\"", "\""));
    written.put("csrfField helper", between(views.render("helpers/csrf", Map.of(), data("csrfToken", value)), "value=\"", "\""));
    written.put("protocol", between(dev.honostar.protocol.ExecuteScript.of("go()").attribute("title", value).scriptTag(), "title=\"", "\""));
    written.put("live element", between(new dev.honostar.view.impl.LiveElement("/_/events/" + value, "_hslive", "t").html(),
      "data-init=\"@get(&#x27;/_/events/", "&#x27;,"));
    assertThat(written).allSatisfy((writer, out) -> assertThat(out).as(writer).isEqualTo(escaped));
    // The live element renders through the {{live}} helper as it renders by itself.
    dev.honostar.view.impl.LiveElement element = new dev.honostar.view.impl.LiveElement("/_/events", "_hslive", value);
    assertThat(views.render("helpers/live", Map.of(), data("live", element))).isEqualTo("<body>" + element.html() + "</body>\n");
    assertThat(Jsoup.parse(element.html()).getElementById("hs-live").attr("data-signals")).contains(value);
  }

  private static String between(String html, String start, String end) {
    int from = html.indexOf(start);
    assertThat(from).as("'%s' in %s", start, html).isNotNegative();
    from += start.length();
    return html.substring(from, html.indexOf(end, from));
  }

  @Test
  void livePlacesTrustedRuntimeHtmlOrNothing() {
    String live = "<div id=\"ds-live\" data-init=\"@get('/live')\"></div>";
    assertThat(views.render("helpers/live", Map.of(), data("live", live))).contains(live);
    assertThat(views.render("helpers/live", Map.of(), Map.of())).isEqualTo("<body></body>\n");
  }

  @Test
  void plainVariablesEscapeHostileInput() {
    Document doc = Jsoup.parse(views.render("helpers/plain", Map.of("value", HOSTILE), Map.of()));
    assertThat(doc.select("p").text()).isEqualTo(HOSTILE.strip());
    assertInert(doc);
  }

  @Test
  void logicHelpers() {
    assertThat(logic("x", "x")).isEqualTo("eq and or |");
    assertThat(logic("x", "y")).isEqualTo("and or |");
    assertThat(logic(1, 1L)).isEqualTo("eq and or |");
    assertThat(logic("", null)).isEqualTo("not |");
    assertThat(logic(null, "y")).isEqualTo("not or |");
    assertThat(logic(Theme.DARK, "dark")).startsWith("eq ");
  }

  private String logic(Object a, Object b) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("a", a);
    m.put("b", b);
    return views.render("helpers/logic", m, Map.of()).strip();
  }

  @Test
  void routeParamsAreEncodedByTheResolverNotTheHelper() {
    // The helper only HTML-escapes; this documents that encoding is the resolver's job.
    String encoded = URLEncoder.encode("a b", StandardCharsets.UTF_8);
    assertThat(views.render("helpers/route", Map.of("value", encoded), Map.of())).contains("/issues/a+b");
  }
}
