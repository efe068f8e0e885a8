package dev.honostar.it;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.Topic;
import dev.honostar.command.Command;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.test.Browser;
import dev.honostar.test.Tab;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Topics and queries that do not meet are logged, not silent: at startup, and once per family at run time. */
class TopicChecksTest {

  private Vertx vertx;

  /** A page subscribing to {@code subscribes} with a query for {@code queries} (none when null). */
  private static Page<Object> page(String subscribes, String queries) {
    return new Page<>() {
      @Override
      public Future<Object> load(PageContext ctx) {
        return Future.succeededFuture(Map.of("message", "hi"));
      }

      @Override
      public Set<Topic> topics(PageContext ctx, Object model) {
        return Set.of(Topic.of(subscribes));
      }

      @Override
      public void queries(Queries q) {
        if (queries != null) {
          q.on(queries, qc -> Future.succeededFuture(Map.of("message", "again")), "it/plain");
        }
      }
    };
  }

  private HonoStar app(HonoStarOptions options) {
    return HonoStar.create(vertx, options)
      .page("/todos", page("todos", null), "it/plain")
      .page("/notes", page("notes", "notes"), "it/plain")
      .command("/publish", (Command) on -> on.post(ctx -> {
        ctx.publish(Topic.of("todo-items"), "added", Map.of());
        return Future.succeededFuture();
      }));
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void declaredFamiliesAreCheckedAgainstThePagesQueriesAtStartup() throws Exception {
    String log = LogCapture.during(() -> app(new HonoStarOptions().setEnvironment(Map.of()))
      .topics("todos", "note")
      .router().await(20, TimeUnit.SECONDS));
    assertThat(log).contains("Page /notes has a query for topic family 'notes', which is not declared (declared: [note, todos])")
      .contains("Topic family 'note' is declared but no page has a query for it")
      .contains("Topic family 'todos' is declared but no page has a query for it");
  }

  @Test
  void mismatchesAreLoggedOncePerFamilyAtRunTime() throws Exception {
    HonoStar app = app(new HonoStarOptions().setEnvironment(Map.of()));
    HttpServer server = app.router().compose(r -> vertx.createHttpServer().requestHandler(r).listen(0)).await(20, TimeUnit.SECONDS);
    Browser b = BoardFixture.browserAt(vertx, server.actualPort());
    String log = LogCapture.during(() -> {
      b.open("/todos");
      b.open("/todos");
      Tab notes = b.open("/notes");
      BoardFixture.command(notes, HttpMethod.POST, "/publish", new JsonObject());
      BoardFixture.command(notes, HttpMethod.POST, "/publish", new JsonObject());
    });
    assertThat(log).containsOnlyOnce("Page /todos subscribes to topic family 'todos' but has no query for it: add q.on(\"todos\", ...)")
      .doesNotContain("Page /notes subscribes")
      .containsOnlyOnce("Command POST /publish published 'added' on topic family 'todo-items', which no page has a query for: nothing re-renders");

    // A tab subscribed to 'todos' whose page has no query for it: the event reaches the hub and no query.
    Tab stream = b.open("/todos").connect();
    String unheard;
    try (LogCapture log2 = LogCapture.start()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      // The hub subscribes once the stream attaches; an event before that reaches nothing at all.
      while (!log2.text().contains("reached no query") && System.nanoTime() < deadline) {
        app.publish(Topic.of("todos"), "added", new JsonObject()).await(5, TimeUnit.SECONDS);
        vertx.timer(20).await(5, TimeUnit.SECONDS);
      }
      unheard = log2.text();
    }
    assertThat(unheard).contains("Event 'added' on topic todos reached no query: the pages subscribed to it have no q.on(\"todos\", ...)");
    stream.disconnect();
  }
}
