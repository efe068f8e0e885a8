package dev.honostar.examples.issues;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.page.Layout;
import dev.honostar.page.PageContext;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import dev.honostar.security.LoginThrottle;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.PasswordHashing;
import dev.honostar.routing.RouteFactory;
import dev.honostar.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A live, multi-user issue tracker: sign up, file issues, comment, label, close; every open
 * tab sees each change at once, across nodes. Embedded H2 by default, PostgreSQL with
 * {@code DATABASE_URL}.
 *
 * <pre>
 * java -jar examples/issues/target/issues-demo.jar        # PORT (8080), HONOSTAR_DATA_DIR (./data)
 * </pre>
 */
public final class IssuesApp {

  private static final Logger log = LoggerFactory.getLogger(IssuesApp.class);

  /** Custom effect: renders a template into {@code #ds-overlays} (dialogs). */
  static final String OVERLAY_EFFECT = "overlay";

  /** A running app: close it to stop the server, the framework and the pool. */
  public record Running(HttpServer server, HonoStar honostar, Database database, OutsideChanges outside) {
    public Running(HttpServer server, HonoStar honostar, Database database) {
      this(server, honostar, database, null);
    }

    public int port() {
      return server.actualPort();
    }

    public Future<Void> close() {
      Future<Void> first = outside == null ? Future.succeededFuture() : outside.close();
      return first.eventually(server::close).eventually(honostar::close).eventually(() -> {
        database.close();
        return Future.succeededFuture();
      });
    }
  }

  /** Puts the signed-in user into {@code @layout.user} for the navigation bar. */
  public static class AppLayout implements Layout {
    @Override
    public Future<Map<String, Object>> data(PageContext ctx) {
      Long id = Auth.userId(ctx.session());
      if (id == null) {
        return Future.succeededFuture(Map.of());
      }
      return Future.succeededFuture(Map.of("user", Map.of("id", id, "name", String.valueOf(Auth.userName(ctx.session())))));
    }
  }

  private IssuesApp() {
  }

  static int intEnv(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + v + "'");
    }
  }

  /** Builds the HonoStar app over an open database. */
  static HonoStar app(Vertx vertx, HonoStarOptions options, Store store, Passwords passwords) {
    return register(HonoStar.create(vertx, options), store, passwords);
  }

  /** Registers the app's effects and its routes: pages, commands and the layout. */
  static HonoStar register(HonoStar honostar, Store store, Passwords passwords) {
    // bcrypt runs on a pool of its own, so a login flood cannot starve page loads.
    PasswordHashing hashing = PasswordHashing.create(honostar.options().getSecurity());
    LoginThrottle throttle = LoginThrottle.create(honostar.options().getSecurity());
    Attachments attachments = Attachments.from(honostar.options().getEnvironment(), store);
    return honostar
      // Checked at startup against the pages' queries (docs/pages-and-commands.md).
      .topics("issues", "issue", "labels")
      .effect(OVERLAY_EFFECT, (payload, view) -> List.of(
        PatchElements.of(view.render(payload.getString("template"), new Model.Blank()))
          .selector("#ds-overlays").mode(PatchMode.INNER)))
      // File-based routes: the classes under dev.honostar.examples.issues.routes (docs/routing.md).
      .routes(RouteTable.discover(), RouteFactory.of(store, passwords, hashing, throttle, attachments, honostar))
      .download("/issues/:id/attachments/:attachment", attachments::download);
  }

  /**
   * Opens (and migrates) the database, then serves the app on {@code PORT} (0 picks a free
   * port). Everything is read from {@code env}, so tests pass their own.
   */
  public static Future<Running> start(Vertx vertx, Map<String, String> env) {
    int port = intEnv(env, "PORT", 8080);
    int cost = intEnv(env, "ISSUES_BCRYPT_COST", 12);
    int poolSize = intEnv(env, "ISSUES_DB_POOL_SIZE", 10);
    boolean seed = !"false".equalsIgnoreCase(env.getOrDefault("ISSUES_SEED", "true").trim());
    HonoStarOptions options;
    Database.Jdbc jdbc;
    try {
      options = HonoStarOptions.load(null, env);
      jdbc = Database.resolve(env);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return openDatabase(vertx, env, jdbc, poolSize, cost, seed).compose(opened -> {
      Database db = opened.database();
      Store store = new Store(db.dataSource());
      HonoStar app;
      try {
        app = app(vertx, options, store, opened.passwords());
      } catch (RuntimeException e) {
        db.close();
        return Future.failedFuture(e);
      }
      return app.router()
        .compose(router -> OutsideChanges.start(vertx, env, app, db, store)
          .compose(outside -> vertx.createHttpServer(serverOptions(options))
            .invalidRequestHandler(SecurityHandlers.invalidRequestHandler(options.getSecurity()))
            .requestHandler(router).listen(port)
            .map(server -> new Running(server, app, db, outside))))
        .onFailure(err -> app.close().onComplete(v -> db.close()));
    });
  }

  /** An open, migrated (and on first start seeded) database with the app's password hasher. */
  record Opened(Database database, Passwords passwords) {
  }

  /** Opens the database {@code env} names, off the event loop. */
  static Future<Opened> openDatabase(Vertx vertx, Map<String, String> env) {
    try {
      return openDatabase(vertx, env, Database.resolve(env), intEnv(env, "ISSUES_DB_POOL_SIZE", 10),
        intEnv(env, "ISSUES_BCRYPT_COST", 12), !"false".equalsIgnoreCase(env.getOrDefault("ISSUES_SEED", "true").trim()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<Opened> openDatabase(Vertx vertx, Map<String, String> env, Database.Jdbc jdbc, int poolSize, int cost, boolean seed) {
    return vertx.executeBlocking(() -> {
      Database db = Database.open(jdbc, poolSize);
      try {
        Passwords passwords = new Passwords(cost);
        if (seed && db.fresh()) {
          Seed.run(new Store(db.dataSource()), passwords);
        }
        return new Opened(db, passwords);
      } catch (Exception | Error e) {
        db.close();
        throw e;
      }
    });
  }

  private static io.vertx.core.http.HttpServerOptions serverOptions(HonoStarOptions options) {
    return options.applyTo(new io.vertx.core.http.HttpServerOptions());
  }

  public static void main(String[] args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    Vertx vertx = Vertx.vertx();
    start(vertx, env).onSuccess(running -> {
      Database.Jdbc jdbc = running.database().jdbc();
      System.out.println("HonoStar Issues: http://localhost:" + running.port() + "/issues  (database: "
        + (jdbc.isPostgres() ? "PostgreSQL " : "H2 ") + jdbc + ")");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          running.close().toCompletionStage().toCompletableFuture().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          log.warn("Shutdown did not finish cleanly: {}", e.getMessage());
        }
      }));
    }).onFailure(err -> {
      log.error("Could not start", err);
      System.err.println("Could not start: " + err.getMessage());
      vertx.close();
      System.exit(1);
    });
  }
}
