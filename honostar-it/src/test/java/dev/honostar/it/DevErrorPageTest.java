package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure's 500 page: in development it shows the exception, its stack and the request; in
 * production only a reference. Both show the request id the log line carries.
 */
class DevErrorPageTest extends BoardFixture {

  @Test
  void developmentShowsTheExceptionItsStackAndTheRequestWithTheLoggedRequestId() throws Exception {
    HttpResponse<Buffer>[] resp = new HttpResponse[1];
    String log = LogCapture.during(() -> resp[0] = WebClient.create(vertx).get(server.actualPort(), "localhost", "/typo/7?x=1")
      .putHeader("Cookie", "ds_session=secret-session").putHeader("Accept", "text/html").send().await(10, TimeUnit.SECONDS));
    assertThat(resp[0].statusCode()).isEqualTo(500);
    Document page = Jsoup.parse(resp[0].bodyAsString());
    assertThat(page.selectFirst("#dev-error h2").text()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(page.selectFirst(".hs-dev-error__message").text()).contains("Route /typo/:id has no path parameter 'itemId'; its parameters are id");
    assertThat(page.selectFirst(".hs-dev-error__stack").text()).contains("at dev.honostar.it.BoardApp");
    assertThat(page.selectFirst("#dev-error").text()).contains("GET /typo/7?x=1").contains("Accept").doesNotContain("secret-session");
    String id = page.getElementById("request-id").text();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(log).contains("GET /typo/7 failed (request " + id + ")").contains("java.lang.IllegalArgumentException")
      .contains("at dev.honostar.it.BoardApp");
  }

  @Test
  void aRequestIdSetBeforeTheAppIsTheOneShownAndLogged() throws Exception {
    Router root = Router.router(vertx);
    root.route().handler(ctx -> ctx.put("honostar.requestId", "upstream-42").next());
    root.route("/*").subRouter(app.router(vertx, options(), new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS));
    HttpServer mounted = vertx.createHttpServer().requestHandler(root).listen(0).await(10, TimeUnit.SECONDS);
    HttpResponse<Buffer>[] resp = new HttpResponse[1];
    String log = LogCapture.during(() -> resp[0] = WebClient.create(vertx).get(mounted.actualPort(), "localhost", "/typo/7").send().await(10, TimeUnit.SECONDS));
    assertThat(Jsoup.parse(resp[0].bodyAsString()).getElementById("request-id").text()).isEqualTo("upstream-42");
    assertThat(log).contains("(request upstream-42)");
  }

  @Test
  void productionShowsOnlyTheReference() throws Exception {
    HonoStarOptions production = new HonoStarOptions().setProduction(true)
      .setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", "0123456789abcdef0123456789abcdef"));
    Router router = new BoardApp().router(vertx, production, new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    HttpResponse<Buffer>[] resp = new HttpResponse[1];
    String log = LogCapture.during(() -> resp[0] = WebClient.create(vertx).get(server.actualPort(), "localhost", "/typo/7").send().await(10, TimeUnit.SECONDS));
    assertThat(resp[0].statusCode()).isEqualTo(500);
    Document page = Jsoup.parse(resp[0].bodyAsString());
    assertThat(page.getElementById("dev-error")).isNull();
    assertThat(page.text()).doesNotContain("itemId").doesNotContain("IllegalArgumentException");
    String id = page.getElementById("request-id").text();
    assertThat(log).contains("(request " + id + ")").contains("at dev.honostar.it.BoardApp");
  }
}
