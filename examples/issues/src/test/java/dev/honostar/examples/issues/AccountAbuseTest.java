package dev.honostar.examples.issues;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Password guessing and login floods against the running app, over real HTTP. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountAbuseTest {

  private Vertx vertx;
  private Path dir;
  private IssuesApp.Running app;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    dir = Files.createTempDirectory("issues-abuse-");
    Map<String, String> env = new HashMap<>();
    env.put("HONOSTAR_DATA_DIR", dir.toString());
    env.put("PORT", "0");
    // Slow enough (tens of milliseconds) that twelve logins at once overlap on this pool.
    env.put("ISSUES_BCRYPT_COST", "10");
    env.put("ISSUES_SEED", "false");
    // Each test comes from addresses of its own, so their failure counts stay apart.
    env.put("HONOSTAR_TRUST_FORWARDED_HEADERS", "true");
    // One hashing thread and one waiting hash, so a small flood shows what a large one does.
    env.put("HONOSTAR_PASSWORD_HASH_THREADS", "1");
    env.put("HONOSTAR_PASSWORD_HASH_QUEUE", "1");
    app = Browser.await(IssuesApp.start(vertx, env));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      Browser.await(app.close());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String email() {
    return "guess." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void wrongPasswordsForOneAccountAreThrottledAndTheRightOneWaitsToo() {
    String email = email();
    try (Browser owner = new Browser(vertx, app.port()).from("10.0.1.1"); Browser attacker = new Browser(vertx, app.port()).from("10.0.1.2")) {
      owner.signup("Owner", email, "the-right-one");
      attacker.get("/login");
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        statuses.add(attacker.form("/login", "/login", "email", email, "password", "wrong-" + i).statusCode());
      }
      // Five wrong passwords are checked (each answered like any wrong password); then the
      // account waits, and the answer says for how long.
      assertThat(statuses.subList(0, 5)).containsOnly(303);
      assertThat(statuses.subList(5, 8)).containsOnly(429);
      HttpResponse<Buffer> right = attacker.form("/login", "/login", "email", email.toUpperCase(), "password", "the-right-one");
      assertThat(right.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(right.getHeader("Retry-After"))).isBetween(1L, 60L);
      assertThat(right.bodyAsString()).contains("Too many failed sign-ins");
    }
  }

  @Test
  void freshSessionsFromOneAddressAreThrottledToo() {
    // 20 failures from one address over many accounts and sessions, then the address waits.
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      try (Browser b = new Browser(vertx, app.port()).from("10.0.2.1")) {
        b.get("/login");
        statuses.add(b.form("/login", "/login", "email", email(), "password", "wrong").statusCode());
      }
    }
    assertThat(statuses.subList(0, 20)).containsOnly(303);
    assertThat(statuses.subList(20, 25)).containsOnly(429);
  }

  @Test
  void aLoginFloodIsRefusedQuicklyInsteadOfQueuingBehindTheHashes() throws Exception {
    String email = email();
    try (Browser owner = new Browser(vertx, app.port()).from("10.0.3.1"); Browser b = new Browser(vertx, app.port()).from("10.0.3.2")) {
      owner.signup("Flood", email, "the-right-one");
      // Twelve Datastar logins at once with the right password (so no throttle applies): one
      // hashing thread and one queue slot take two or so, the rest are told to come back.
      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(app.port()),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
      String token = csrf(b);
      for (int i = 0; i < 12; i++) {
        all.add(client.post("/login").putHeader("Datastar-Request", "true").putHeader("X-CSRF-Token", token)
          .putHeader("Cookie", "ds_csrf=" + token).putHeader("X-Forwarded-For", "10.0.3.3")
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("email", email).add("password", "the-right-one")));
      }
      Browser.await(Future.join(all));
      long busy = all.stream().filter(f -> f.result().statusCode() == 503).count();
      assertThat(busy).isPositive();
      all.stream().filter(f -> f.result().statusCode() == 503).forEach(f -> {
        assertThat(f.result().getHeader("Retry-After")).isEqualTo("1");
        assertThat(f.result().bodyAsString()).contains("try again");
      });
      assertThat(all.stream().filter(f -> f.result().statusCode() == 200)).isNotEmpty();
      client.close();
    }
  }

  @Test
  void signUpAnswersAlikeForNewAndKnownAddresses() {
    String known = email();
    try (Browser owner = new Browser(vertx, app.port()).from("10.0.4.1");
         Browser probeKnown = new Browser(vertx, app.port()).from("10.0.4.2");
         Browser probeNew = new Browser(vertx, app.port()).from("10.0.4.3")) {
      owner.signup("Owner", known, "the-owners-one");
      probeKnown.get("/signup");
      probeNew.get("/signup");
      HttpResponse<Buffer> a = probeKnown.form("/signup", "/signup", "name", "Probe", "email", known, "password", "some-password");
      HttpResponse<Buffer> b = probeNew.form("/signup", "/signup", "name", "Probe", "email", email(), "password", "some-password");
      assertThat(a.statusCode()).isEqualTo(b.statusCode()).isEqualTo(303);
      assertThat(a.getHeader("Location")).isEqualTo(b.getHeader("Location")).isEqualTo("/login");
      String noticeA = probeKnown.page("/login").getElementById("account-notice").text();
      String noticeB = probeNew.page("/login").getElementById("account-notice").text();
      assertThat(noticeA).isEqualTo(noticeB).contains("log in");
      // The known account is untouched: the prober's password does not open it, the owner's does.
      assertThat(probeKnown.form("/login", "/login", "email", known, "password", "some-password").getHeader("Location")).isEqualTo("/login");
      try (Browser again = new Browser(vertx, app.port()).from("10.0.4.4")) {
        again.get("/login");
        assertThat(again.form("/login", "/login", "email", known, "password", "the-owners-one").getHeader("Location")).isEqualTo("/issues");
      }
    }
  }

  private static String csrf(Browser b) {
    org.jsoup.nodes.Document page = b.page("/login");
    return page.selectFirst("meta[name=csrf-token]").attr("content");
  }
}
