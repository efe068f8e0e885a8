package dev.honostar.examples.issues.browser;

import dev.honostar.examples.issues.IssuesApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime script adds the CSRF header to Datastar requests for this origin only. The
 * page's CSP is widened here to let requests reach a second local origin, so what keeps the
 * token home is the script itself, not the CSP.
 */
@ExtendWith(BrowserSupport.Condition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfOriginBrowserTest {

  private Vertx vertx;
  private Path dataDir;
  private IssuesApp.Running app;
  private HttpServer probe;
  @RegisterExtension
  final Windows windows = new Windows();
  /** Headers the other origin saw: preflight requests and the requests themselves. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    Path datastar = BrowserSupport.requireBrowserAndRuntime();
    vertx = Vertx.vertx();
    probe = vertx.createHttpServer().requestHandler(req -> {
      seen.add(req.method() + " csrf=" + req.getHeader("X-CSRF-Token") + " requested=" + req.getHeader("Access-Control-Request-Headers"));
      req.response().putHeader("Access-Control-Allow-Origin", "*").putHeader("Access-Control-Allow-Headers", "*")
        .setStatusCode(req.method() == HttpMethod.OPTIONS ? 204 : 200).end(req.method() == HttpMethod.OPTIONS ? "" : "ok");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    dataDir = Files.createTempDirectory("issues-csrf-");
    Map<String, String> env = new java.util.HashMap<>(BrowserSupport.env(dataDir, datastar));
    env.put("HONOSTAR_CONTENT_SECURITY_POLICY", "default-src 'self'; script-src 'self' 'nonce-${nonce}' 'unsafe-eval'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:" + probe.actualPort()
      + "; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'");
    app = BrowserSupport.start(vertx, env);
  }

  @AfterAll
  void stop() {
    try {
      if (app != null) {
        BrowserSupport.await(app.close());
      }
      if (vertx != null) {
        BrowserSupport.await(vertx.close());
      }
    } finally {
      BrowserSupport.deleteTree(dataDir);
    }
  }

  @Test
  void theTokenGoesToThisOriginOnly() {
    Window w = windows.open("http://localhost:" + app.port());
    w.signUp("Carol").open("/issues").awaitLive();
    // Same origin: the script adds the header, so this command passes the CSRF check.
    String here = String.valueOf(w.js("return fetch('/issues', {method: 'POST', headers: {'Datastar-Request': 'true', "
      + "'Content-Type': 'application/json'}, body: JSON.stringify({title: 'Via fetch', description: ''})}).then(r => String(r.status))"));
    assertThat(here).isIn("200", "204");
    String there = String.valueOf(w.js("return fetch('http://127.0.0.1:" + probe.actualPort()
      + "/probe', {headers: {'Datastar-Request': 'true'}}).then(r => r.text())"));
    assertThat(there).isEqualTo("ok");
    assertThat(seen).as("what the other origin received").isNotEmpty()
      .allSatisfy(line -> assertThat(line).contains("csrf=null").doesNotContainIgnoringCase("x-csrf-token"));
  }
}
