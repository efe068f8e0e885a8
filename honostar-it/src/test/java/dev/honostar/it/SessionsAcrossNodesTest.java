package dev.honostar.it;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.ExternalProcess;
import dev.honostar.bus.TestSupport;
import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.security.SessionStoreOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.client.spi.CookieStore;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes behind a round-robin client: a signed-in user's requests alternate between them and
 * stay signed in, with the sessions in Redis (the bus's own on a Redis bus, a Redis for sessions
 * next to a NATS bus). A session store outage answers a clear 503, never a silent sign-out.
 */
class SessionsAcrossNodesTest {

  private static final String SECRET = "sessions-across-nodes-secret-0123456789abcdef";

  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<ExternalProcess> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : vertxes) {
      v.close().await(20, TimeUnit.SECONDS);
    }
    servers.forEach(ExternalProcess::kill);
  }

  /** A page saying who is signed in, and a sign-in command that rotates the session id as a login must. */
  static final class SignInApp {
    static final class Me implements Page<Map<String, Object>> {
      @Override
      public Future<Map<String, Object>> load(PageContext ctx) {
        Object name = ctx.session().get("name");
        return Future.succeededFuture(Map.of("message", name == null ? "anonymous" : "signed in as " + name));
      }
    }

    static final class SignIn implements Command {
      @Override
      public void handlers(Handlers on) {
        on.post(ctx -> {
          ctx.session().regenerateId();
          ctx.session().put("name", ctx.signals().getString("name"));
          return Future.succeededFuture();
        });
      }
    }

    static Future<HttpServer> start(Vertx vertx, HonoStarOptions options) {
      return HonoStar.create(vertx, options).meterRegistry(new SimpleMeterRegistry())
        .page("/me", new Me(), "it/plain")
        .command("/sign-in", new SignIn())
        .router()
        .compose(router -> vertx.createHttpServer(options.applyTo(new HttpServerOptions())).requestHandler(router).listen(0));
    }
  }

  private HonoStarOptions options(BusKind bus, String brokerUrl, String sessionRedisUrl, String prefix) {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", SECRET));
    options.getBus().setKind(bus).setPrefix(prefix);
    if (bus == BusKind.REDIS) {
      options.getBus().setRedisUrl(brokerUrl);
    } else if (bus == BusKind.NATS) {
      options.getBus().setNatsUrl(brokerUrl);
    }
    if (sessionRedisUrl != null) {
      options.getSessionStore().setRedisUrl(sessionRedisUrl);
    }
    options.getSessionStore().setPrefix(prefix + ":session:");
    return options;
  }

  private int node(HonoStarOptions options) throws Exception {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    return SignInApp.start(vertx, options).await(20, TimeUnit.SECONDS).actualPort();
  }

  private String redis() {
    int port = TestSupport.freePort();
    servers.add(ExternalProcess.redis(port));
    return "redis://127.0.0.1:" + port;
  }

  /** One browser (one cookie jar) whose requests a load balancer sends to each node in turn. */
  static final class RoundRobin {
    final List<WebClientSession> nodes = new ArrayList<>();
    final CookieStore jar = CookieStore.build();
    int next;
    String csrf;

    RoundRobin(Vertx vertx, int... ports) {
      for (int port : ports) {
        nodes.add(WebClientSession.create(WebClient.create(vertx,
          new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port).setFollowRedirects(false)), jar));
      }
    }

    WebClientSession pick() {
      return nodes.get(next++ % nodes.size());
    }

    HttpResponse<Buffer> get(String path) throws Exception {
      HttpResponse<Buffer> r = pick().get(path).send().await(10, TimeUnit.SECONDS);
      if (r.statusCode() == 200) {
        var meta = Jsoup.parse(r.bodyAsString()).selectFirst("meta[name=csrf-token]");
        csrf = meta == null ? csrf : meta.attr("content");
      }
      return r;
    }

    String whoAmI() throws Exception {
      HttpResponse<Buffer> r = get("/me");
      assertThat(r.statusCode()).as("GET /me: %s", r.bodyAsString()).isEqualTo(200);
      Document doc = Jsoup.parse(r.bodyAsString());
      return doc.getElementById("plain").text();
    }

    HttpResponse<Buffer> signIn(String name) throws Exception {
      return pick().post("/sign-in").putHeader("Datastar-Request", "true").putHeader("X-CSRF-Token", csrf)
        .putHeader("Content-Type", "application/json").sendBuffer(new JsonObject().put("name", name).toBuffer()).await(10, TimeUnit.SECONDS);
    }

    String sessionId() {
      for (var c : jar.get(false, "localhost", "/")) {
        if (c.name().equals("ds_session")) {
          return c.value();
        }
      }
      return null;
    }
  }

  @ParameterizedTest
  @EnumSource(value = BusKind.class, names = {"REDIS", "NATS"})
  void aSignedInUserStaysSignedInWhicheverNodeAnswers(BusKind bus) throws Exception {
    String prefix = "sessions" + TestSupport.uniquePrefix();
    String redisUrl = redis();
    String brokerUrl = redisUrl;
    if (bus == BusKind.NATS) {
      int natsPort = TestSupport.freePort();
      servers.add(ExternalProcess.nats(natsPort));
      brokerUrl = "nats://127.0.0.1:" + natsPort;
    }
    // On a Redis bus the sessions share its Redis; next to NATS they get a Redis of their own.
    String sessionRedis = bus == BusKind.NATS ? redisUrl : null;
    int a = node(options(bus, brokerUrl, sessionRedis, prefix));
    int b = node(options(bus, brokerUrl, sessionRedis, prefix));
    Vertx client = Vertx.vertx();
    vertxes.add(client);
    RoundRobin browser = new RoundRobin(client, a, b);

    assertThat(browser.whoAmI()).isEqualTo("anonymous");
    assertThat(browser.signIn("ann").statusCode()).isBetween(200, 299);
    String first = browser.sessionId();
    assertThat(first).as("signed in: a session cookie").isNotNull();
    for (int i = 0; i < 6; i++) {
      assertThat(browser.whoAmI()).as("request %d, node %s", i, i % 2 == 0 ? "A" : "B").isEqualTo("signed in as ann");
    }

    // Rotation at sign-in: a new id, and the old one opens nothing any more.
    assertThat(browser.signIn("bob").statusCode()).isBetween(200, 299);
    String second = browser.sessionId();
    assertThat(second).isNotEqualTo(first);
    Redis redis = Redis.createClient(client, redisUrl);
    String key = prefix + ":session:";
    assertThat(redis.send(Request.cmd(io.vertx.redis.client.Command.EXISTS).arg(key + first)).await(5, TimeUnit.SECONDS).toInteger())
      .as("the session before sign-in is gone").isZero();
    // The time to live is the session timeout, refreshed as the session is used.
    long ttl = redis.send(Request.cmd(io.vertx.redis.client.Command.PTTL).arg(key + second)).await(5, TimeUnit.SECONDS).toLong();
    assertThat(ttl).isPositive().isLessThanOrEqualTo(TimeUnit.SECONDS.toMillis(new HonoStarOptions().getSecurity().getSessionCookie().getTimeoutSeconds()));
    assertThat(browser.whoAmI()).isEqualTo("signed in as bob");
    assertThat(browser.whoAmI()).isEqualTo("signed in as bob");
  }

  @Test
  void aPerViewerRegionOnAnotherNodeRendersForTheSignedInViewer() throws Exception {
    String prefix = "viewer" + TestSupport.uniquePrefix();
    String redisUrl = redis();
    List<String> database = new java.util.concurrent.CopyOnWriteArrayList<>();
    int[] ports = new int[2];
    Vertx[] nodes = new Vertx[2];
    for (int i = 0; i < 2; i++) {
      nodes[i] = Vertx.vertx();
      vertxes.add(nodes[i]);
      HonoStarOptions options = options(BusKind.REDIS, redisUrl, null, prefix);
      options.getLive().setCoalesceMillis(0);
      Vertx v = nodes[i];
      ports[i] = new BoardApp(database).router(v, options, new SimpleMeterRegistry())
        .compose(router -> v.createHttpServer(options.applyTo(new HttpServerOptions())).requestHandler(router).listen(0))
        .await(20, TimeUnit.SECONDS).actualPort();
    }
    // Ann names herself on node A (a session value); her tab's stream lands on node B.
    dev.honostar.test.Browser annOnA = BoardFixture.browserAt(nodes[0], ports[0]);
    dev.honostar.test.Tab page = annOnA.open("/board?name=Ann");
    // The same browser (its cookies), now sent to node B, as a load balancer does.
    dev.honostar.test.Browser onB = BoardFixture.browserAt(nodes[1], ports[1]);
    annOnA.cookies().forEach(onB::cookie);
    try (dev.honostar.test.SseRecorder stream = onB.record(BoardFixture.liveQuery(BoardFixture.token(page)))) {
      // The page's command, sent to node B: no page there, so the request a Datastar action would send.
      onB.request("POST", "/items", io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Datastar-Request", "true")
        .add("X-CSRF-Token", BoardFixture.csrf(page)).add("Content-Type", "application/json"), new JsonObject().put("title", "one").toBuffer());
      stream.awaitEvent(e -> e.raw().contains("Seen by Ann"));
    }
  }

  @Test
  void aSessionStoreOutageAnswersAClearErrorNotASignOut() throws Exception {
    int redisPort = TestSupport.freePort();
    ExternalProcess redis = ExternalProcess.redis(redisPort);
    servers.add(redis);
    String prefix = "outage" + TestSupport.uniquePrefix();
    int a = node(options(BusKind.LOCAL, null, "redis://127.0.0.1:" + redisPort, prefix));
    Vertx client = Vertx.vertx();
    vertxes.add(client);
    RoundRobin browser = new RoundRobin(client, a);
    browser.whoAmI();
    assertThat(browser.signIn("ann").statusCode()).isBetween(200, 299);
    assertThat(browser.whoAmI()).isEqualTo("signed in as ann");

    redis.kill();
    HttpResponse<Buffer> during = browser.get("/me");
    assertThat(during.statusCode()).as("not a page rendered for an anonymous user: %s", during.bodyAsString()).isEqualTo(503);
    assertThat(during.bodyAsString()).contains("still signed in");
    assertThat(during.getHeader("Retry-After")).isNotNull();
  }

  @Test
  void anUnreachableSessionStoreFailsTheStartWithAClearMessage() {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    HonoStarOptions options = options(BusKind.LOCAL, null, "redis://:hunter2@127.0.0.1:1", "unreachable");
    assertThatThrownBy(() -> SignInApp.start(vertx, options).await(20, TimeUnit.SECONDS))
      .hasMessageContaining("Cannot connect the redis session store to redis://***@127.0.0.1:1")
      .hasMessageNotContaining("hunter2");
  }

  @Test
  void theStoreFollowsTheBusUnlessTold() {
    SessionStoreOptions auto = new SessionStoreOptions();
    assertThat(auto.resolveKind(BusKind.REDIS, false)).isEqualTo(SessionStoreOptions.Kind.REDIS);
    assertThat(auto.resolveKind(BusKind.CLUSTERED, true)).isEqualTo(SessionStoreOptions.Kind.CLUSTERED);
    assertThat(auto.resolveKind(BusKind.NATS, false)).as("NATS has no store of its own").isEqualTo(SessionStoreOptions.Kind.LOCAL);
    assertThat(auto.resolveKind(BusKind.LOCAL, false)).isEqualTo(SessionStoreOptions.Kind.LOCAL);
    SessionStoreOptions fromEnv = new SessionStoreOptions().applyEnvironment(Map.of(SessionStoreOptions.ENV_REDIS_URL, "redis://sessions:6379"));
    assertThat(fromEnv.resolveKind(BusKind.NATS, false)).isEqualTo(SessionStoreOptions.Kind.REDIS);
    assertThat(new SessionStoreOptions(new JsonObject().put("kind", "local")).resolveKind(BusKind.REDIS, false))
      .isEqualTo(SessionStoreOptions.Kind.LOCAL);
    assertThatThrownBy(() -> new SessionStoreOptions().applyEnvironment(Map.of(SessionStoreOptions.ENV_KIND, "memcached")))
      .hasMessageContaining(SessionStoreOptions.ENV_KIND);
  }
}
