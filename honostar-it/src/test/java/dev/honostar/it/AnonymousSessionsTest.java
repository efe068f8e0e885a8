package dev.honostar.it;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.sstore.LocalSessionStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading pages anonymously leaves no session on the server and sets no session cookie. */
class AnonymousSessionsTest extends BoardFixture {

  private LocalSessionStore store;

  @Override
  void startApp() throws Exception {
    // Not used: each test starts the app with its own store (see start()).
  }

  private void start() throws Exception {
    vertx = io.vertx.core.Vertx.vertx();
    store = LocalSessionStore.create(vertx, "anonymous-sessions-" + java.util.UUID.randomUUID());
    app = new BoardApp();
    app.sessionStore = store;
    meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    var options = options();
    server = app.router(vertx, options, meters)
      .compose(router -> vertx.createHttpServer(options.applyTo(new io.vertx.core.http.HttpServerOptions())).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);
  }

  private WebClient client() {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()).setFollowRedirects(false));
  }

  private static boolean setsSessionCookie(HttpResponse<Buffer> r) {
    List<String> cookies = r.cookies();
    return cookies.stream().anyMatch(c -> c.startsWith("ds_session="));
  }

  @Test
  void cookieLessReadsMakeNoSessions() throws Exception {
    start();
    WebClient client = client();
    for (int i = 0; i < 50; i++) {
      HttpResponse<Buffer> r = client.get("/board").send().await(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(setsSessionCookie(r)).as("Set-Cookie of GET %d", i).isFalse();
    }
    assertThat(store.size().await(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aSessionIsMadeWhenSomethingIsPutIntoItAndThenKept() throws Exception {
    start();
    WebClient client = client();
    HttpResponse<Buffer> named = client.get("/board?name=Ann").send().await(10, TimeUnit.SECONDS);
    assertThat(setsSessionCookie(named)).isTrue();
    assertThat(store.size().await(10, TimeUnit.SECONDS)).isEqualTo(1);
    String cookie = named.cookies().stream().filter(c -> c.startsWith("ds_session=")).findFirst().orElseThrow().split(";")[0];
    HttpResponse<Buffer> again = client.get("/board").putHeader("Cookie", cookie).send().await(10, TimeUnit.SECONDS);
    assertThat(again.bodyAsString()).contains("Ann");
    assertThat(store.size().await(10, TimeUnit.SECONDS)).isEqualTo(1);
  }
}
