package dev.honostar.test;

import dev.honostar.protocol.DirectReply;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import dev.honostar.protocol.PatchSignals;
import dev.honostar.protocol.SseStream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tab against a plain Vert.x router speaking Datastar: every kind of reply, and what requests carry. */
class TabRepliesTest {

  private static final String PAGE = """
    <!doctype html><html><head><meta name="csrf-token" content="tok"><title>t</title></head><body>
    <div data-signals='{"title":"", "_private": 1, "errors": {}}'></div>
    <input id="title" data-bind:title value="">
    <ul id="list"></ul>
    <p id="status">idle</p>
    <button id="html" data-on:click="@post('/html')">html</button>
    <button id="signals" data-on:click="$errors.title = null; @put('/signals')">signals</button>
    <button id="script" data-on:click="@post('/script')">script</button>
    <button id="stream" data-on:click="@get('/stream?x=1')">stream</button>
    <button id="missing" data-on:click="@post('/missing')">404</button>
    <button id="inert">nothing</button>
    <form id="f" action="/plain" method="post" data-on:submit="@post('/form', {contentType: 'form'})">
      <input name="a" value="1"><input type="checkbox" name="c" value="yes"><select name="s"><option value="o1">1</option><option value="o2" selected>2</option></select>
      <button type="submit" name="go" value="now">go</button>
    </form>
    <a id="link" href="/next">next</a>
    </body></html>""";

  private static final Map<String, MultiMap> seen = new ConcurrentHashMap<>();

  private static Future<Router> app(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create());
    r.route().handler(ctx -> {
      seen.put(ctx.request().method() + " " + ctx.request().path(), MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().headers())
        .add(":query", String.valueOf(ctx.request().query())).add(":body", ctx.body().asString() == null ? "" : ctx.body().asString()));
      ctx.next();
    });
    r.get("/page").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html").end(PAGE));
    r.get("/next").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html").end("<html><body><h1 id=\"next\">Next</h1></body></html>"));
    r.post("/html").handler(ctx -> DirectReply.send(ctx.response(), PatchElements.of("<li>x</li>").selector("#list").mode(PatchMode.APPEND)));
    r.put("/signals").handler(ctx -> DirectReply.send(ctx.response(),
      PatchSignals.of(new JsonObject().put("echo", ctx.body().asJsonObject()).put("errors", new JsonObject().put("title", "required")))));
    r.post("/script").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript").end("window.location.assign(\"/next\")"));
    r.get("/stream").handler(ctx -> {
      SseStream sse = SseStream.create(ctx);
      sse.write(PatchElements.of("<p id=\"status\">streamed</p>"))
        .compose(v -> sse.write(PatchSignals.of(new JsonObject().put("title", "from stream"))))
        .compose(v -> sse.end());
    });
    r.post("/form").handler(ctx -> DirectReply.send(ctx.response(), PatchSignals.of(new JsonObject().put("form", ctx.body().asString()))));
    r.post("/plain").handler(ctx -> ctx.response().setStatusCode(303).putHeader("Location", "/next").end());
    return Future.succeededFuture(r);
  }

  @Test
  void appliesEveryKindOfReply() throws Exception {
    HonoStarTest.run(TabRepliesTest::app, (app, browser) -> {
      Tab tab = browser.open("/page");
      assertThat(tab.signals()).isEqualTo(new JsonObject("{\"title\":\"\",\"_private\":1,\"errors\":{}}"));

      // Direct text/html reply with selector and mode headers; CSRF header from the meta tag; Origin.
      assertThat(tab.click("#html").status()).isEqualTo(200);
      assertThat(tab.count("#list li")).isEqualTo(1);
      MultiMap h = seen.get("POST /html");
      assertThat(h.get("X-CSRF-Token")).isEqualTo("tok");
      assertThat(h.get("Datastar-Request")).isEqualTo("true");
      assertThat(h.get("Origin")).isEqualTo(app.origin());
      assertThat(h.get("Content-Type")).isEqualTo("application/json");
      // As the runtime: leaves only (the empty "errors" object has none), nothing under "_".
      assertThat(new JsonObject(h.get(":body"))).isEqualTo(new JsonObject("{\"title\":\"\"}"));

      // Typing updates the bound signal; an assignment runs before the action; JSON reply merges signals.
      tab.fill("#title", "Hello");
      tab.click("#signals");
      tab.awaitSignal("errors.title", "required");
      assertThat(tab.signal("echo.title")).isEqualTo("Hello");

      // A stream reply: applied event by event; GET signals go in the datastar query parameter.
      tab.click("#stream");
      tab.awaitText("#status", "streamed").awaitSignal("title", "from stream");
      assertThat(tab.html("#title")).contains("value=\"from stream\"");
      assertThat(seen.get("GET /stream").get(":query")).startsWith("x=1&datastar=");
      assertThat(tab.events()).extracting(ReceivedEvent::source).contains(ReceivedEvent.Source.ACTION_STREAM, ReceivedEvent.Source.REPLY);

      // Form content: the closest form's fields with the submitter, urlencoded.
      tab.submit("#f", Map.of("a", "2"));
      assertThat(tab.signal("form")).isEqualTo("a=2&s=o2&go=now");

      // Failed requests are recorded, not thrown; clicking an element without behaviour fails clearly.
      assertThat(tab.click("#missing").status()).isEqualTo(404);
      assertThat(tab.warnings()).anyMatch(w -> w.contains("404"));
      assertThatThrownBy(() -> tab.click("#inert")).hasMessageContaining("Nothing happens on click at <button id=\"inert\">");

      // A text/javascript reply is recorded; its navigation can be followed.
      tab.click("#script");
      assertThat(tab.scripts()).last().extracting(RecordedScript::code).isEqualTo("window.location.assign(\"/next\")");
      assertThat(tab.navigation()).contains("/next");
      tab.followNavigation();
      assertThat(tab.text("#next")).isEqualTo("Next");
    });
  }

  @Test
  void plainFormsAndLinksNavigate() throws Exception {
    HonoStarTest.run(TabRepliesTest::app, (app, browser) -> {
      Tab tab = browser.open("/page");
      Response r = tab.submitWithoutJavaScript("#f", Map.of("c", "yes"));
      assertThat(r.redirects()).extracting(Response::status).containsExactly(303);
      assertThat(seen.get("POST /plain").get(":body")).isEqualTo("a=1&c=yes&s=o2&go=now");
      assertThat(tab.url()).isEqualTo(app.baseUrl() + "/next");

      tab.navigate("/page").click("#link");
      assertThat(tab.has("#next")).isTrue();
    });
  }

  @Test
  void awaitFailuresShowTheRelevantPage() throws Exception {
    HonoStarTest.run(TabRepliesTest::app, (app, browser) -> {
      Tab tab = browser.open("/page").timeout(Duration.ofMillis(200));
      assertThatThrownBy(() -> tab.awaitText("#status", "done"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Timed out after 200 ms waiting for text \"done\" in #status")
        .hasMessageContaining("<p id=\"status\">idle</p>")
        .hasMessageContaining("not connected");
      assertThatThrownBy(() -> tab.awaitElement("#list li.done"))
        .hasMessageContaining("closest ancestor found (#list)")
        .hasMessageContaining("<ul id=\"list\"></ul>");
      assertThatThrownBy(() -> tab.connect()).isInstanceOf(IllegalStateException.class).hasMessageContaining("no data-init");
    });
  }

  @Test
  void refusesToBlockAnEventLoop() throws Exception {
    HonoStarTest.run(TabRepliesTest::app, (app, browser) -> {
      Tab tab = browser.open("/page");
      Future<Throwable> onLoop = Future.future(p -> app.vertx().runOnContext(v -> {
        try {
          tab.awaitText("#status", "idle");
          p.complete(null);
        } catch (Throwable e) {
          p.complete(e);
        }
      }));
      assertThat(onLoop.await()).isInstanceOf(IllegalStateException.class).hasMessageContaining("test thread");
    });
  }
}
