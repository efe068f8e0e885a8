package dev.honostar.it;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import dev.honostar.command.Command;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One topic rule, checked where a topic is made. Topic.isValid once took "a.", "a..b" and ".a",
 * which DomainEvent rejected (":x" the other way round), so a command publishing such a topic
 * changed its state and then failed while its events were published.
 */
class TopicRuleTest {

  private static final List<String> BAD = List.of("a.", "a..b", ".a", ":x", "", "a b", "a/b", "ümlaut", "a*", "x".repeat(201));
  private static final List<String> GOOD = List.of("a", "a.b", "issue:42", "orders.eu", "a-b_c", "issue:", "a:b:c", "x".repeat(200));

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void everyWayOfMakingATopicAppliesTheSameRule() throws Exception {
    TopicBus bus = TopicBus.create(vertx, new BusOptions()).await(10, TimeUnit.SECONDS);
    for (String bad : BAD) {
      assertThat(Topic.isValid(bad)).as("'%s' is valid", bad).isFalse();
      assertThatThrownBy(() -> Topic.of(bad)).as("Topic.of('%s')", bad)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid topic");
      assertThatThrownBy(() -> DomainEvent.of(bad, "x")).as("DomainEvent.of('%s')", bad)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid topic");
      assertThatThrownBy(() -> DomainEvent.fromJson(new JsonObject().put("topic", bad).put("name", "x")))
        .as("an event with topic '%s' on the wire", bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> bus.subscribe(bad, ev -> { })).as("subscribe('%s')", bad)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid topic");
      assertThatThrownBy(() -> HonoStar.create(vertx).page("/p", page(bad), "it/plain")).as("q.on('%s', ...)", bad)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid topic");
      assertThatThrownBy(() -> HonoStar.create(vertx).topics(bad)).as("topics('%s')", bad)
        .isInstanceOf(IllegalArgumentException.class);
    }
    for (String good : GOOD) {
      assertThat(Topic.of(good).name()).isEqualTo(good);
      assertThat(DomainEvent.of(good, "x").topic()).isEqualTo(Topic.of(good));
      assertThat(DomainEvent.fromJson(DomainEvent.of(good, "x").toJson()).topic().name()).isEqualTo(good);
    }
    // A family is a topic without a key.
    assertThatThrownBy(() -> HonoStar.create(vertx).page("/p", page("issue:42"), "it/plain"))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid topic family 'issue:42'");
    assertThatThrownBy(() -> HonoStar.create(vertx).topics("issue:42")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCommandPublishingABadTopicFailsAtThePublishCallBeforeItChangesAnything() throws Exception {
    AtomicInteger changes = new AtomicInteger();
    HonoStar app = HonoStar.create(vertx, new HonoStarOptions().setEnvironment(Map.of()))
      .page("/p", page("p"), "it/plain")
      .command("/publish", (Command) on -> on.post(ctx -> {
        ctx.publish(ctx.signals().getString("topic"), "added", Map.of());
        changes.incrementAndGet(); // the change a command makes once its events are declared
        return Future.succeededFuture();
      }));
    HttpServer server = app.router().compose(r -> vertx.createHttpServer().requestHandler(r).listen(0)).await(20, TimeUnit.SECONDS);
    List<String> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    app.bus().subscribe("a", ev -> heard.add(ev.topic().name())).await(10, TimeUnit.SECONDS);
    Browser b = BoardFixture.browserAt(vertx, server.actualPort());
    Tab tab = b.open("/p");

    for (String bad : List.of("a.", "a..b", ".a", ":x")) {
      Response[] response = new Response[1];
      String log = LogCapture.during(() -> response[0] = BoardFixture.command(tab, HttpMethod.POST, "/publish", new JsonObject().put("topic", bad)));
      assertThat(response[0].status()).as("publishing on '%s'", bad).isEqualTo(500);
      assertThat(log).as("the log of publishing on '%s'", bad).contains("Invalid topic '" + bad + "'");
    }
    assertThat(changes).as("no command went past its publish call").hasValue(0);

    assertThat(BoardFixture.command(tab, HttpMethod.POST, "/publish", new JsonObject().put("topic", "a")).status()).isEqualTo(204);
    assertThat(changes).hasValue(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heard.isEmpty() && System.nanoTime() < deadline) {
      vertx.timer(10).await(5, TimeUnit.SECONDS);
    }
    assertThat(heard).containsExactly("a");
  }

  /** A page with a query on {@code family}. */
  private static Page<Object> page(String family) {
    return new Page<>() {
      @Override
      public Future<Object> load(PageContext ctx) {
        return Future.succeededFuture(Map.of("message", "hi"));
      }

      @Override
      public Set<Topic> topics(PageContext ctx, Object model) {
        return Set.of();
      }

      @Override
      public void queries(Queries q) {
        q.on(family, qc -> Future.succeededFuture(Map.of("message", "again")), "it/plain");
      }
    };
  }
}
