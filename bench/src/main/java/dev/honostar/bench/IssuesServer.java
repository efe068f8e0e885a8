package dev.honostar.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real issue tracker ({@code examples/issues/target/issues-demo.jar}) in its own JVM, as it
 * ships: the launcher, one verticle instance, H2 in a fresh temporary {@code HONOSTAR_DATA_DIR},
 * production mode (cached templates), the framework's defaults, and only the per-client limits
 * lifted (the load comes from a few loopback addresses and shares sessions). Its meters are read
 * from {@code /_/metrics} (Prometheus text), its heap after {@code jcmd GC.run}, RSS and CPU
 * from {@code /proc}.
 */
final class IssuesServer implements AutoCloseable {

  final Process process;
  final int port;
  final HttpClient http;
  private final Vertx vertx;
  private final Path dataDir;

  /** The example's jar: {@code BENCH_ISSUES_JAR}, else the build's output under the working directory. */
  static Path jar() {
    String set = System.getenv("BENCH_ISSUES_JAR");
    Path p = Path.of(set != null && !set.isBlank() ? set : "examples/issues/target/issues-demo.jar");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p.toAbsolutePath() + " is missing: build it first (mvn -B -q -pl examples/issues -am package -DskipTests)"
        + " or set BENCH_ISSUES_JAR");
    }
    return p;
  }

  IssuesServer(Vertx vertx, Path results, String label) throws Exception {
    this.vertx = vertx;
    this.port = Bench.freePort();
    this.dataDir = Files.createTempDirectory("honostar-bench-issues-");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The bench server's JVM settings, so the two are comparable; the heap is pre-touched, so RSS
    // growth is native memory (Netty, sockets' Java side, metaspace), reported apart from the heap.
    // Its whole size (-Xms = -Xmx): growing a pre-touched heap touches the new part inside a GC
    // pause (a 171 ms young pause amid a measured round).
    List<String> cmd = new ArrayList<>(List.of(java, "-Xms4g", "-Xmx4g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch"));
    String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    if (System.getenv("BENCH_SERVER_JFR") != null) {
      cmd.add("-XX:StartFlightRecording=filename=" + results.resolve("server-" + label + ".jfr") + ",settings=profile");
    }
    cmd.addAll(List.of("-jar", jar().toString()));
    String args = System.getenv("BENCH_ISSUES_ARGS");
    if (args != null && !args.isBlank()) {
      // e.g. "run dev.honostar.examples.issues.IssuesVerticle -instances 2"
      cmd.addAll(List.of(args.trim().split("\\s+")));
    }
    Path log = results.resolve("server-" + label + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(environment(port, dataDir));
    process = pb.start();
    http = vertx.createHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("the issue tracker did not start: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  static Map<String, String> environment(int port, Path dataDir) {
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(port));
    env.put("HONOSTAR_DATA_DIR", dataDir.toString());
    env.put("HONOSTAR_ENV", "production");
    env.put("HONOSTAR_SIGNING_SECRET", Base64.getEncoder().encodeToString(secret));
    env.put("HONOSTAR_SECURITY_LIMITS_MAX_STREAMS_PER_SESSION", "1000000");
    env.put("HONOSTAR_SECURITY_LIMITS_MAX_STREAMS_PER_ADDRESS", "1000000");
    env.put("HONOSTAR_SECURITY_LIMITS_COMMAND_RATE_PER_SECOND", "1000000");
    env.put("HONOSTAR_SECURITY_LIMITS_COMMAND_BURST", "1000000");
    // Sign-ups are set-up, not measured: the lowest bcrypt cost keeps them from taking seconds.
    env.put("ISSUES_BCRYPT_COST", "4");
    // The generator closes its streams before stopping the server: nothing is left to drain.
    env.put("HONOSTAR_LIVE_DRAIN_MS", "500");
    // Anything else (HONOSTAR_LIVE_*, ISSUES_DB_POOL_SIZE, DATABASE_URL...) passes through from BENCH_ISSUES_ENV_*.
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("BENCH_ISSUES_ENV_")) {
        env.put(k.substring("BENCH_ISSUES_ENV_".length()), v);
      }
    });
    return env;
  }

  private boolean ready() {
    try {
      int status = LoadGen.onContext(vertx, () -> http.request(HttpMethod.GET, port, "127.0.0.1", "/_/ready")
        .compose(r -> r.send()).compose(r -> r.body().map(b -> r.statusCode()))).await(5, TimeUnit.SECONDS);
      return status == 200;
    } catch (Exception e) {
      return false;
    }
  }

  long pid() {
    return process.pid();
  }

  long cpuNanos() {
    return BenchServer.ProcStat.cpuNanos(process.pid());
  }

  long kernelNanos() {
    return BenchServer.ProcStat.kernelNanos(process.pid());
  }

  long rss() {
    return BenchServer.ProcStat.rssBytes(process.pid());
  }

  /** The Prometheus text of {@code /_/metrics}. */
  String scrape() throws Exception {
    return LoadGen.onContext(vertx, () -> http.request(HttpMethod.GET, port, "127.0.0.1", "/_/metrics")
      .compose(r -> r.send()).compose(r -> r.body()).map(b -> b.toString(StandardCharsets.UTF_8))).await(60, TimeUnit.SECONDS);
  }

  /**
   * @return the sum of every series of {@code name} whose labels contain {@code labelPart} (""
   *     for all), or NaN when the metric is absent
   */
  static double sum(String text, String name, String labelPart) {
    double total = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name) || line.length() <= name.length()) {
        continue;
      }
      char c = line.charAt(name.length());
      if (c != '{' && c != ' ') {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String labels = line.substring(name.length(), space);
      if (!labels.contains(labelPart)) {
        continue;
      }
      try {
        total += Double.parseDouble(line.substring(space + 1).trim());
        found = true;
      } catch (NumberFormatException ignored) {
        // NaN or a malformed line
      }
    }
    return found ? total : Double.NaN;
  }

  /**
   * Heap used after a full collection: {@code jcmd GC.run}, then the JVM meters of
   * {@code /_/metrics}, else {@code jcmd GC.heap_info}.
   */
  long heapAfterGc() throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    // One full collection (System.gc(): G1 collects the whole heap); each jcmd is a JVM start of its own.
    run(jcmd, String.valueOf(pid()), "GC.run");
    double heap = sum(scrape(), "jvm_memory_used_bytes", "area=\"heap\"");
    if (!Double.isNaN(heap)) {
      return (long) heap;
    }
    String info = run(jcmd, String.valueOf(pid()), "GC.heap_info");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** A snapshot of the meters the scenarios divide by events. */
  JsonObject meters() throws Exception {
    String text = scrape();
    return new JsonObject()
      .put("rendersShared", sum(text, "honostar_live_renders_total", "scope=\"shared\""))
      .put("rendersViewer", sum(text, "honostar_live_renders_total", "scope=\"viewer\""))
      .put("renders", sum(text, "honostar_live_renders_total", ""))
      .put("queries", sum(text, "honostar_live_queries_total", ""))
      .put("renderSeconds", sum(text, "honostar_live_render_time_seconds_sum", ""))
      .put("renderCount", sum(text, "honostar_live_render_time_seconds_count", ""))
      .put("bytesWritten", sum(text, "honostar_live_bytes_written_bytes_total", ""))
      .put("connections", sum(text, "honostar_live_connections", ""))
      .put("refused", sum(text, "honostar_live_refused_total", ""))
      .put("renderFailures", sum(text, "honostar_live_render_failures_total", ""))
      .put("joinsSkipped", sum(text, "honostar_live_joins_skipped_total", ""))
      .put("queriesByScope", scopes(text, "honostar_live_queries_total"))
      .put("rendersByScope", scopes(text, "honostar_live_renders_total"));
  }

  /** Every {@code scope} label value of a counter with its sum (empty when the counter is absent). */
  private static JsonObject scopes(String text, String name) {
    JsonObject out = new JsonObject();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^" + name + "\\{[^}]*scope=\"([^\"]*)\"", java.util.regex.Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      String scope = m.group(1);
      if (!out.containsKey(scope)) {
        out.put(scope, sum(text, name, "scope=\"" + scope + "\""));
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    http.close();
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    deleteTree(dataDir);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a temp dir
        }
      });
    } catch (IOException ignored) {
      // already gone
    }
  }
}
