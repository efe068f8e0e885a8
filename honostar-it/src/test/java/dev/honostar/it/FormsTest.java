package dev.honostar.it;

import com.github.jknack.handlebars.Helper;
import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.command.Command;
import dev.honostar.command.Effect;
import dev.honostar.command.Handlers;
import dev.honostar.page.Page;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
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
import org.jsoup.nodes.Document;
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
    options.getSecurity().getCsrf().setCookieName("my_csrf").setExemptPaths(List.of("/token"));
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

  /** A tab on the page with the forms. */
  private Tab tab() {
    return BoardFixture.browserAt(vertx, server.actualPort()).open("/two");
  }

  @Test
  void aNamedFormGetsItsErrorsUnderItsOwnKeyOnly() throws Exception {
    // The form's own data-on:submit: a Datastar post of its fields (contentType: 'form').
    Response resp = tab().submit("#quick", Map.of("title", " "));
    assertThat(resp.status()).isEqualTo(200);
    assertThat(new JsonObject(resp.body())).isEqualTo(new JsonObject().put("errors",
      new JsonObject().put("quick", new JsonObject().put("title", "Give it a title").put("notes", ""))));
    assertThat(things).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnoredNotEchoed() throws Exception {
    Tab b = tab();
    Response resp = BoardFixture.command(b, HttpMethod.POST, "/things", new JsonObject().put("titel", "hi"));
    assertThat(new JsonObject(resp.body())).isEqualTo(new JsonObject().put("errors",
      new JsonObject().put("title", "Give it a title").put("notes", "")));
    // A control character in an unknown field is ignored with it.
    assertThat(BoardFixture.command(b, HttpMethod.POST, "/things", new JsonObject().put("title", "ok").put("junk", "a\u0000b")).status())
      .isEqualTo(204);
    assertThat(things).containsExactly("ok");
  }

  @Test
  void aSuccessResetsTheNamedFormItCameFrom() throws Exception {
    Response resp = tab().submit("#full", Map.of("title", "milk", "notes", "two litres"));
    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.header("Content-Type")).startsWith("text/event-stream");
    String body = resp.body();
    assertThat(body).contains("event: datastar-patch-signals")
      .contains("data: signals {\"errors\":{\"full\":{\"title\":\"\",\"notes\":\"\"}}}");
    String element = body.substring(body.indexOf("data: elements ") + "data: elements ".length()).strip();
    assertThat(org.jsoup.Jsoup.parseBodyFragment(element).selectFirst("div[hidden]").attr("data-init"))
      .isEqualTo("document.querySelectorAll('input[name=_form][value=\"full\"]').forEach(i => i.form && i.form.reset()); el.remove()");
    assertThat(things).containsExactly("milk");
  }

  @Test
  void aCommandCanKeepTheFormsFields() throws Exception {
    Response resp = tab().submit("#full", Map.of("title", "keep me"));
    assertThat(resp.status()).as("only the messages are cleared").isEqualTo(200);
    assertThat(new JsonObject(resp.body())).isEqualTo(new JsonObject().put("errors",
      new JsonObject().put("full", new JsonObject().put("title", "").put("notes", ""))));
  }

  @Test
  void anUnnamedDatastarFormHasItsStaleMessagesClearedOnSuccess() throws Exception {
    Tab b = tab();
    // No message showing: nothing to clear.
    assertThat(BoardFixture.command(b, HttpMethod.POST, "/things", new JsonObject().put("title", "a")).status()).isEqualTo(204);
    Response resp = BoardFixture.command(b, HttpMethod.POST, "/things", new JsonObject().put("title", "b")
      .put("errors", new JsonObject().put("title", "Give it a title").put("notes", "")));
    assertThat(resp.status()).isEqualTo(200);
    assertThat(new JsonObject(resp.body())).isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "")));
  }

  @Test
  void kitFieldsOfANamedFormShowTheirSignal() throws Exception {
    Document page = tab().document();
    assertThat(page.selectFirst("h1").text()).as("the app's helper").isEqualTo("TWO FORMS");
    Element field = page.getElementById("quick-title").parent();
    assertThat(field.attr("data-signals")).isEqualTo("{\"errors\":{\"quick\":{\"title\":\"\"}}}");
    assertThat(field.attr("data-class")).isEqualTo("{'hs-field--invalid': $errors.quick.title}");
    Element error = page.getElementById("quick-title-error");
    assertThat(error.attr("data-show")).isEqualTo("$errors.quick.title");
    assertThat(error.attr("data-text")).isEqualTo("$errors.quick.title");
    assertThat(page.getElementById("quick-title").attr("data-attr:aria-invalid")).isEqualTo("$errors.quick.title ? 'true' : false");
    assertThat(page.select("input[name=_form]").eachAttr("value")).containsExactly("quick", "full");
    assertThat(page.getElementById("plain-title-error")).as("an unnamed field without a message has no slot").isNull();
  }

  @Test
  void aPlainFormRedirectedBackShowsItsErrorsInThatFormOnly() throws Exception {
    Tab b = tab();
    // Posted without JavaScript (the hidden _csrf and _form fields with it); the 303 is followed back to the page.
    Response bad = b.submitWithoutJavaScript("#full", Map.of("title", "x".repeat(30), "notes", "kept")).redirects().get(0);
    assertThat(bad.status()).isEqualTo(303);
    Document page = b.document();
    assertThat(page.getElementById("full-title-error").text()).isEqualTo("Too long");
    assertThat(page.getElementById("full-title").val()).isEqualTo("x".repeat(30));
    assertThat(page.getElementById("full-notes").text()).isEqualTo("kept");
    assertThat(page.getElementById("full-title").parent().attr("data-signals"))
      .as("the signal starts with the message, so data-show keeps it visible").contains("Too long");
    assertThat(page.getElementById("quick-title-error").text()).as("no bleed into the other form").isEmpty();
    assertThat(page.getElementById("quick-title").val()).isEmpty();
    assertThat(page.getElementById("plain-title-error")).isNull();

    assertThat(b.submitWithoutJavaScript("#plain", Map.of("title", "")).redirects().get(0).status()).isEqualTo(303);
    page = b.document();
    assertThat(page.getElementById("plain-title-error").text()).isEqualTo("Give it a title");
    assertThat(page.getElementById("full-title-error").text()).isEmpty();

    assertThat(b.navigate("/two").document().getElementById("plain-title-error")).as("the flash shows once").isNull();
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
