package dev.honostar.verticles;

import dev.honostar.HonoStar;
import dev.honostar.bus.Topic;
import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.page.Head;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A one-page live counter, deployed by class name through {@code {"app": "dev.honostar.verticles.TestApp"}}. */
public final class TestApp implements HonoStarApp {

  static final Topic COUNTER = Topic.of("counter");
  /** Shared by all instances on purpose (see HonoStarApp's comment). */
  static final AtomicLong COUNT = new AtomicLong();
  /** What the app's own readiness check answers; the config key {@code "appReady": false} starts it down. */
  final AtomicBoolean databaseUp = new AtomicBoolean(true);
  /** Set by {@link #started} to whether the app's bus was there; static because the verticle creates the app. */
  static final AtomicBoolean STARTED_WITH_BUS = new AtomicBoolean();
  private boolean startedFails;

  @Override
  public Future<Void> start(Vertx vertx, JsonObject config) {
    databaseUp.set(config.getBoolean("appReady", true));
    startedFails = config.getBoolean("startedFails", false);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> started(HonoStar honostar) {
    if (startedFails) {
      return Future.failedFuture("the outbox relay could not start");
    }
    STARTED_WITH_BUS.set(honostar.bus() != null);
    return Future.succeededFuture();
  }

  @Override
  public void configure(HonoStar honostar) {
    honostar.page("/", new CounterPage(), "ops/page").page("/where", new WherePage(), "ops/where").command("/increment", new Increment());
  }

  @Override
  public void readiness(OpsEndpoints ops) {
    ops.readiness("database", p -> p.complete(databaseUp.get() ? Status.OK() : Status.KO()));
  }

  static final class CounterPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(Map.of("count", COUNT.get()));
    }

    @Override
    public void head(Head head, Map<String, Object> model) {
      head.title("Ops test");
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(COUNTER);
    }

    @Override
    public void queries(Queries q) {
      q.on("counter", qc -> Future.succeededFuture(Map.of("count", COUNT.get())), "ops/count");
    }
  }

  /** Names the thread that served the request: which event loop took the connection. */
  static final class WherePage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(Map.of("thread", Thread.currentThread().getName()));
    }
  }

  static final class Increment implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        ctx.publish(COUNTER, "incremented", Map.of("count", COUNT.incrementAndGet()));
        return Future.succeededFuture();
      });
    }
  }
}
