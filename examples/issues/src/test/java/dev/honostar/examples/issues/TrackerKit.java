package dev.honostar.examples.issues;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.HonoStarTest;
import io.vertx.core.Vertx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The tracker on its embedded database in a directory of its own, driven by the test kit; closing deletes the directory. */
final class TrackerKit implements AutoCloseable {

  final Path data;
  final Vertx vertx;
  final Store store;
  final HonoStarTest app;
  private final IssuesApp.Opened opened;

  private TrackerKit(Path data, Vertx vertx, Store store, HonoStarTest app, IssuesApp.Opened opened) {
    this.data = data;
    this.vertx = vertx;
    this.store = store;
    this.app = app;
    this.opened = opened;
  }

  /** @param settings further variables, given the data directory */
  static TrackerKit start(String name, Function<Path, Map<String, String>> settings) throws Exception {
    Path data = Files.createTempDirectory(name);
    Vertx vertx = Vertx.vertx();
    Map<String, String> env = new HashMap<>();
    env.put("HONOSTAR_DATA_DIR", data.toString());
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_SEED", "false");
    env.putAll(settings.apply(data));
    // The database opens (and migrates) first, so that a busy machine does not eat the kit's start timeout.
    IssuesApp.Opened opened = IssuesApp.openDatabase(vertx, env).await(60, TimeUnit.SECONDS);
    Store store = new Store(opened.database().dataSource());
    HonoStarTest app = HonoStarTest.start(vertx, v -> IssuesApp.app(v, HonoStarOptions.load(null, env), store, opened.passwords()).router());
    app.timeout(Duration.ofSeconds(20));
    return new TrackerKit(data, vertx, store, app, opened);
  }

  @Override
  public void close() throws Exception {
    app.close();
    opened.database().close();
    vertx.close().await(10, TimeUnit.SECONDS);
    try (var files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
