package dev.honostar.it;

import com.github.jknack.handlebars.Helper;
import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.command.Command;
import dev.honostar.command.Effect;
import dev.honostar.command.Handlers;
import dev.honostar.page.Page;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Forms over real HTTP: errors scoped to the form that was submitted, a reset after success
 * (unless the command keeps the form), unknown fields ignored, the kit's fields showing their
 * message from signals and from a plain-form redirect, app helpers, and the configured CSRF
 * cookie in replies. (The browser side is IssuesFormsBrowserTest in the issue tracker.)
 */
class FormsTest {

  record Thing(@NotBlank(message = "Give it a title") @Size(max = 20, message = "Too long") String title, String notes) {
  }

  private final List<String> things = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    // Its own templates: they use the app's helper, which other apps of the suite do not have.
    options.getView().setTemplatesRoot("forms-test/");
    options.getSecurity().setCsrfCookieName("my_csrf").setCsrfExemptPaths(List.of("/token"));
    HonoStar app = HonoStar.create(vertx, options)
      .helper("shout", (Helper<Object>) (value, o) -> String.valueOf(value).toUpperCase(Locale.ROOT))
      .page("/two", (Page<Object>) ctx -> Future.succeededFuture(Map.of()), "forms/two")
      .command("/things", (Command) on -> on.post(ctx -> {
        Thing thing = ctx.input(Thing.class);
        things.add(thing.title());
        if (thing.title().startsWith("keep")) {
          ctx.keepForm();
        }
        return Future.succeededFuture();
      }))
      .command("/token", (Command) on -> on.post(ctx -> {
        ctx.reply(Effect.region("forms/token", Map.of()));
        return Future.succeededFuture();
      }));
    server = app.router().compose(router -> vertx.createHttpServer().requestHandler(router).listen(0)).await(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private TestBrowser testBrowser() throws Exception {
    TestBrowser b = new TestBrowser(vertx, server.actualPort());
    b.open("/two");
    return b;
  }

  /** A Datastar form post ({@code contentType: 'form'}), as the page's forms send it. */
  private static HttpResponse<Buffer> datastarForm(TestBrowser b, String... fields) throws Exception {
    return b.datastarForm("/things", fields);
  }

  @Test
  void aNamedFormGetsItsErrorsUnderItsOwnKeyOnly() throws Exception {
    TestBrowser b = testBrowser();
    HttpResponse<Buffer> resp = datastarForm(b, "_form", "quick", "title", " ");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("errors",
      new JsonObject().put("quick", new JsonObject().put("title", "Give it a title").put("notes", ""))));
    assertThat(things).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnoredNotEchoed() throws Exception {
    TestBrowser b = testBrowser();
    HttpResponse<Buffer> resp = b.command(HttpMethod.POST, "/things", new JsonObject().put("titel", "hi"));
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("errors",
      new JsonObject().put("title", "Give it a title").put("notes", "")));
    // A control character in an unknown field is ignored with it.
    assertThat(b.command(HttpMethod.POST, "/things", new JsonObject().put("title", "ok").put("junk", "a\u0000b")).statusCode()).isEqualTo(204);
    assertThat(things).containsExactly("ok");
  }

  @Test
  void aSuccessResetsTheNamedFormItCameFrom() throws Exception {
    TestBrowser b = testBrowser();
    HttpResponse<Buffer> resp = datastarForm(b, "_form", "full", "title", "milk", "notes", "two litres");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Content-Type")).startsWith("text/event-stream");
    String body = resp.bodyAsString();
    assertThat(body).contains("event: datastar-patch-signals")
      .contains("data: signals {\"errors\":{\"full\":{\"title\":\"\",\"notes\":\"\"}}}");
    String element = body.substring(body.indexOf("data: elements ") + "data: elements ".length()).strip();
    assertThat(org.jsoup.Jsoup.parseBodyFragment(element).selectFirst("div[hidden]").attr("data-init"))
      .isEqualTo("document.querySelectorAll('input[name=_form][value=\"full\"]').forEach(i => i.form && i.form.reset()); el.remove()");
    assertThat(things).containsExactly("milk");
  }

  @Test
  void aCommandCanKeepTheFormsFields() throws Exception {
    TestBrowser b = testBrowser();
    HttpResponse<Buffer> resp = datastarForm(b, "_form", "full", "title", "keep me");
    assertThat(resp.statusCode()).as("only the messages are cleared").isEqualTo(200);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("errors",
      new JsonObject().put("full", new JsonObject().put("title", "").put("notes", ""))));
  }

  @Test
  void anUnnamedDatastarFormHasItsStaleMessagesClearedOnSuccess() throws Exception {
    TestBrowser b = testBrowser();
    // No message showing: nothing to clear.
    assertThat(b.command(HttpMethod.POST, "/things", new JsonObject().put("title", "a")).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> resp = b.command(HttpMethod.POST, "/things", new JsonObject().put("title", "b")
      .put("errors", new JsonObject().put("title", "Give it a title").put("notes", "")));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "")));
  }

  @Test
  void kitFieldsOfANamedFormShowTheirSignal() throws Exception {
    TestBrowser b = testBrowser();
    assertThat(b.document.selectFirst("h1").text()).as("the app's helper").isEqualTo("TWO FORMS");
    Element field = b.document.getElementById("quick-title").parent();
    assertThat(field.attr("data-signals")).isEqualTo("{\"errors\":{\"quick\":{\"title\":\"\"}}}");
    assertThat(field.attr("data-class")).isEqualTo("{'hs-field--invalid': $errors.quick.title}");
    Element error = b.document.getElementById("quick-title-error");
    assertThat(error.attr("data-show")).isEqualTo("$errors.quick.title");
    assertThat(error.attr("data-text")).isEqualTo("$errors.quick.title");
    assertThat(b.document.getElementById("quick-title").attr("data-attr:aria-invalid")).isEqualTo("$errors.quick.title ? 'true' : false");
    assertThat(b.document.select("input[name=_form]").eachAttr("value")).containsExactly("quick", "full");
    assertThat(b.document.getElementById("plain-title-error")).as("an unnamed field without a message has no slot").isNull();
  }

  @Test
  void aPlainFormRedirectedBackShowsItsErrorsInThatFormOnly() throws Exception {
    TestBrowser b = testBrowser();
    HttpResponse<Buffer> bad = b.form("/things", "_csrf", b.csrf, "_form", "full", "title", "x".repeat(30), "notes", "kept");
    assertThat(bad.statusCode()).isEqualTo(303);
    b.open(bad.getHeader("Location"));
    assertThat(b.document.getElementById("full-title-error").text()).isEqualTo("Too long");
    assertThat(b.document.getElementById("full-title").val()).isEqualTo("x".repeat(30));
    assertThat(b.document.getElementById("full-notes").text()).isEqualTo("kept");
    assertThat(b.document.getElementById("full-title").parent().attr("data-signals"))
      .as("the signal starts with the message, so data-show keeps it visible").contains("Too long");
    assertThat(b.document.getElementById("quick-title-error").text()).as("no bleed into the other form").isEmpty();
    assertThat(b.document.getElementById("quick-title").val()).isEmpty();
    assertThat(b.document.getElementById("plain-title-error")).isNull();

    HttpResponse<Buffer> plain = b.form("/things", "_csrf", b.csrf, "title", "");
    b.open(plain.getHeader("Location"));
    assertThat(b.document.getElementById("plain-title-error").text()).isEqualTo("Give it a title");
    assertThat(b.document.getElementById("full-title-error").text()).isEmpty();

    b.open("/two");
    assertThat(b.document.getElementById("plain-title-error")).as("the flash shows once").isNull();
  }

  @Test
  void aHelperCannotReplaceABuiltInOne() {
    Vertx other = Vertx.vertx();
    try {
      Future<?> router = HonoStar.create(other, new HonoStarOptions().setEnvironment(Map.of()))
        .helper("csrfField", (Helper<Object>) (v, o) -> "")
        .router();
      assertThatThrownBy(() -> router.await(20, TimeUnit.SECONDS)).hasMessageContaining("A helper named 'csrfField' is built in");
    } finally {
      other.close();
    }
  }

  @Test
  void repliesReadTheConfiguredCsrfCookieNotTheDefaultName() throws Exception {
    WebClient client = WebClient.create(vertx);
    // An exempt path has no checked token: the reply's csrfField comes from the cookie.
    HttpResponse<Buffer> other = client.post(server.actualPort(), "localhost", "/token").putHeader("Datastar-Request", "true")
      .putHeader("Cookie", "ds_csrf=someone-elses").send().await(10, TimeUnit.SECONDS);
    assertThat(other.bodyAsString()).doesNotContain("someone-elses");
    HttpResponse<Buffer> own = client.post(server.actualPort(), "localhost", "/token").putHeader("Datastar-Request", "true")
      .putHeader("Cookie", "my_csrf=mine; ds_csrf=someone-elses").send().await(10, TimeUnit.SECONDS);
    assertThat(own.bodyAsString()).contains("value=\"mine\"").doesNotContain("someone-elses");
  }
}
