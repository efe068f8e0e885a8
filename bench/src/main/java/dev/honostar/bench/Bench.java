package dev.honostar.bench;

import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.bus.HazelcastClustering;
import dev.honostar.bus.TopicBus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The load harness: starts the bench server as its own process (so its CPU and memory are
 * measured apart from the generator's), drives it with {@link LoadGen}, and writes the results
 * as JSON to {@code bench/results/}.
 *
 * <pre>
 * java -jar bench/target/bench.jar run quick                 # all scenarios, reduced scale (about a minute)
 * java -jar bench/target/bench.jar run full                  # all scenarios at the issue's scale
 * java -jar bench/target/bench.jar run full fanout bus       # some scenarios
 * </pre>
 *
 * <p>{@code issues-list} and {@code issues-detail} ({@link IssuesScenarios}) drive the real issue
 * tracker's jar instead of the bench server.
 */
public final class Bench {

  /** Scales of one mode. */
  record Scale(String mode, int fanoutSubs, int fanoutEvents, int idleStreams, long idleHoldMillis, int avalanche,
               int slowSubs, int slowEvents, long slowIntervalMillis, int busRate, int busSeconds, boolean hazelcast,
               int wrkSeconds, int compressionSubs, int compressionEvents, int streamsPerPage, int sources,
               IssuesScenarios.Config issues) {
  }

  // The issue tracker: quick loads five tabs per page so that its 100 list pages cover all twenty other views.
  static final Scale QUICK = new Scale("quick", 500, 5, 1000, 1000, 1000, 500, 5, 500, 1000, 2, false, 3, 200, 5, 10, 4,
    new IssuesScenarios.Config(500, 200, 5, 5, 500, 1, 4));
  /** For CI: every scenario runs, at a tiny scale, in well under a minute on an idle node. */
  static final Scale SMOKE = new Scale("smoke", 100, 2, 200, 200, 200, 100, 2, 300, 200, 1, false, 1, 50, 2, 10, 2,
    new IssuesScenarios.Config(100, 50, 5, 2, 500, 1, 2));
  static final Scale FULL = new Scale("full", 10_000, 30, 15_000, 10_000, 10_000, 10_000, 20, 500, 1000, 10, true, 10, 2000, 20, 10, 8,
    new IssuesScenarios.Config(10_000, 1_000, 10, 30, 1000, 3, 8));

  private final Scale scale;
  private final Vertx vertx;
  private final Path results;
  private final JsonObject report = new JsonObject();
  /** The issue scenarios and their server, while consecutive issue scenarios run. */
  private IssuesScenarios issues;

  Bench(Scale scale, Path results) {
    this.scale = scale;
    this.results = results;
    this.vertx = Vertx.vertx(BenchServer.vertxOptions("BENCH_EVENT_LOOPS", Runtime.getRuntime().availableProcessors()).setBlockedThreadCheckInterval(10_000));
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "quick";
    Scale scale = switch (mode) {
      case "full" -> FULL;
      case "smoke" -> SMOKE;
      default -> QUICK;
    };
    List<String> chosen = args.length > 1 ? List.of(args).subList(1, args.length)
      : List.of("fanout", "fanout-identity", "connections", "slow", "compression", "bus", "wrk", "issues-list", "issues-detail");
    Path results = Path.of(System.getProperty("bench.results", "bench/results"));
    Files.createDirectories(results);
    Bench bench = new Bench(scale, results);
    int code = 0;
    try {
      code = bench.run(chosen);
    } finally {
      if (bench.issues != null) {
        bench.issues.close();
      }
      bench.vertx.close().await(30, TimeUnit.SECONDS);
    }
    System.exit(code);
  }

  int run(List<String> chosen) throws Exception {
    report.put("mode", scale.mode()).put("started", Instant.now().toString()).put("machine", machine())
      .put("scale", JsonObject.mapFrom(scale)).put("transport", vertx.isNativeTransportEnabled() ? "epoll" : "nio");
    // Scenarios run separately accumulate in one file per mode; a scenario run again replaces its entry.
    JsonObject scenarios = new JsonObject();
    Path previous = results.resolve(scale.mode() + ".json");
    if (Files.exists(previous)) {
      try {
        JsonObject old = new JsonObject(Files.readString(previous)).getJsonObject("scenarios");
        if (old != null) {
          scenarios = old;
        }
      } catch (RuntimeException ignored) {
        // a broken file is replaced
      }
    }
    report.put("scenarios", scenarios);
    int failures = 0;
    for (int at = 0; at < chosen.size(); at++) {
      String name = chosen.get(at);
      log("== " + name);
      long t0 = System.nanoTime();
      String loadBefore = loadavg();
      JsonObject r;
      try {
        r = switch (name) {
          case "fanout" -> fanout(true);
          case "fanout-identity" -> fanout(false);
          case "connections" -> connections();
          case "slow" -> slow();
          case "compression" -> compression();
          case "bus" -> bus();
          case "wrk" -> wrk();
          case "keyed-list" -> keyedList();
          case "issues-list" -> issues().list();
          case "issues-detail" -> issues().detail();
          default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
      } catch (Exception e) {
        e.printStackTrace();
        r = new JsonObject().put("error", e.toString());
        failures++;
        if (issues != null) {
          // A failed issue scenario may leave the tracker in any state: the next one starts afresh.
          issues.close();
          issues = null;
        }
      }
      // The issue tracker stays up for the next issue scenario only: it must not idle beside another scenario's server.
      if (issues != null && (at + 1 >= chosen.size() || !chosen.get(at + 1).startsWith("issues-"))) {
        issues.close();
        issues = null;
      }
      r.put("seconds", (System.nanoTime() - t0) / 1_000_000_000.0);
      // Other work on the machine skews every number: record the load around the scenario.
      r.put("loadavgBefore", loadBefore).put("loadavgAfter", loadavg());
      scenarios.put(name, r);
      log(name + ": " + r.encode());
      write();
    }
    report.put("finished", Instant.now().toString());
    write();
    return failures == 0 ? 0 : 1;
  }

  private IssuesScenarios issues() {
    if (issues == null) {
      issues = new IssuesScenarios(vertx, results, scale.issues());
    }
    return issues;
  }

  private void write() throws Exception {
    String text = report.encodePrettily();
    Files.writeString(results.resolve(scale.mode() + ".json"), text);
  }

  /** @return this process's open file descriptors */
  static long openFds() {
    String[] fds = new java.io.File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  static void log(String s) {
    System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + s);
    System.out.flush();
  }

  static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "";
    }
  }

  static JsonObject machine() throws Exception {
    JsonObject m = new JsonObject()
      .put("cpus", Runtime.getRuntime().availableProcessors())
      .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
      .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          m.put("cpu", line.substring(line.indexOf(':') + 2));
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal")) {
          m.put("memKiB", Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    } catch (Exception ignored) {
      // not Linux
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // The server process

  /** The bench server in its own JVM. */
  final class Server implements AutoCloseable {
    final Process process;
    final int port;
    final HttpClient http;

    Server(String label, Map<String, String> env) throws Exception {
      port = freePort();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(java, "-Xms4g", "-Xmx4g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch",
        "-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), String.valueOf(port)));
      String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
      if (extra != null && !extra.isBlank()) {
        cmd.addAll(cmd.indexOf(java) + 1, List.of(extra.trim().split("\\s+")));
      }
      if (System.getenv("BENCH_SERVER_JFR") != null) {
        // A CPU profile of the server: jfr print --events jdk.ExecutionSample server-<label>.jfr
        cmd.add(cmd.indexOf(java) + 1, "-XX:StartFlightRecording=filename=" + results.resolve("server-" + label + ".jfr") + ",settings=profile");
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(results.resolve("server-" + label + ".log").toFile());
      pb.environment().putAll(env);
      process = pb.start();
      Path logFile = results.resolve("server-" + label + ".log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        if (Files.exists(logFile) && Files.readString(logFile).contains("READY")) {
          break;
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("bench server did not start: " + Files.readString(logFile));
        }
        Thread.sleep(100);
      }
      http = vertx.createHttpClient();
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

    JsonObject metrics(boolean gc) throws Exception {
      return LoadGen.onContext(vertx, () -> http.request(io.vertx.core.http.HttpMethod.GET, port, "127.0.0.1", "/bench/metrics?gc=" + gc)
        .compose(r -> r.send()).compose(r -> r.body()).map(b -> b.toJsonObject())).await(60, TimeUnit.SECONDS);
    }

    double meter(JsonObject metrics, String name) {
      JsonObject meters = metrics.getJsonObject("meters");
      Object v = meters.getValue(name);
      return v instanceof Number n ? n.doubleValue() : 0;
    }

    @Override
    public void close() throws Exception {
      http.close();
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static JsonObject percentiles(Histogram h, double unit) {
    return new JsonObject()
      .put("count", h.getTotalCount())
      .put("p50", h.getValueAtPercentile(50) / unit)
      .put("p90", h.getValueAtPercentile(90) / unit)
      .put("p99", h.getValueAtPercentile(99) / unit)
      .put("p999", h.getValueAtPercentile(99.9) / unit)
      .put("max", h.getMaxValue() / unit)
      .put("mean", Math.round(h.getMean() / unit * 1000) / 1000.0);
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  /** Publishes {@code events} once per {@code intervalMillis} through the command and measures delivery. */
  private JsonObject publishRun(Server server, LoadGen gen, LoadGen.Tab tab, int events, long intervalMillis, int subscribers)
    throws Exception {
    // Warm-up events (not measured): the JIT compiles the hot path.
    for (int e = 0; e < 3; e++) {
      gen.publish(tab).await(30, TimeUnit.SECONDS);
      Thread.sleep(Math.min(intervalMillis, 500));
    }
    Thread.sleep(1000);
    JsonObject m0 = server.metrics(false);
    long cpu0 = server.cpuNanos();
    long own0 = ownCpuNanos();
    long kernel0 = server.kernelNanos();
    long ownKernel0 = BenchServer.ProcStat.kernelNanos(ProcessHandle.current().pid());
    long bytes0 = gen.wireBytes.sum();
    gen.delivery.getIntervalHistogram();
    long t0 = System.nanoTime();
    for (int e = 0; e < events; e++) {
      long at = t0 + e * intervalMillis * 1_000_000L;
      long wait = at - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      int status = gen.publish(tab).await(30, TimeUnit.SECONDS);
      if (status >= 300) {
        throw new IllegalStateException("publish answered " + status);
      }
    }
    // Wait for the last deliveries (bounded).
    long expected = (long) subscribers * events;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Histogram h = new Histogram(3_600_000_000L, 3);
    while (System.nanoTime() < deadline) {
      Thread.sleep(200);
      h.add(gen.delivery.getIntervalHistogram());
      if (h.getTotalCount() >= expected) {
        Thread.sleep(200);
        h.add(gen.delivery.getIntervalHistogram());
        break;
      }
    }
    long elapsed = System.nanoTime() - t0;
    long cpu = server.cpuNanos() - cpu0;
    long own = ownCpuNanos() - own0;
    long kernel = server.kernelNanos() - kernel0;
    long ownKernel = BenchServer.ProcStat.kernelNanos(ProcessHandle.current().pid()) - ownKernel0;
    JsonObject m1 = server.metrics(false);
    double renders = server.meter(m1, "honostar.live.renders[tag(scope=shared)]") - server.meter(m0, "honostar.live.renders[tag(scope=shared)]");
    double written = server.meter(m1, "honostar.live.bytes.written") - server.meter(m0, "honostar.live.bytes.written");
    return new JsonObject()
      .put("subscribers", subscribers)
      .put("events", events)
      .put("deliveries", h.getTotalCount())
      .put("expectedDeliveries", expected)
      .put("latencyMs", percentiles(h, 1000.0))
      .put("sharedRenders", renders)
      .put("rendersPerEvent", renders / events)
      .put("serverCpuMsPerEvent", cpu / 1e6 / events)
      .put("serverCpuPercentOfOneCore", 100.0 * cpu / elapsed)
      .put("serverKernelCpuMsPerEvent", kernel / 1e6 / events)
      .put("generatorCpuMsPerEvent", own / 1e6 / events)
      .put("generatorKernelCpuMsPerEvent", ownKernel / 1e6 / events)
      .put("sseBytesHandedToSockets", written)
      .put("wireBytesReceivedPerDelivery", h.getTotalCount() == 0 ? 0 : (gen.wireBytes.sum() - bytes0) / (double) h.getTotalCount())
      .put("renderMeanMicros", server.meter(m1, "honostar.live.render.time.meanMicros"));
  }

  private int pages(int streams) {
    return Math.max(1, (streams + scale.streamsPerPage() - 1) / scale.streamsPerPage());
  }

  /**
   * @param browser send {@code Accept-Encoding} as Chromium does (the server then applies its
   *     default compression); without it the streams are plain
   */
  JsonObject fanout(boolean browser) throws Exception {
    int n = scale.fanoutSubs();
    try (Server server = new Server(browser ? "fanout" : "fanout-identity", Map.of());
         LoadGen gen = new LoadGen(vertx, server.port, scale.sources(), n)) {
      List<LoadGen.Tab> tabs = gen.fetchPages(pages(n), 64);
      long t0 = System.nanoTime();
      gen.openStreams(tabs, n, false, browser, 1000, 120_000);
      long openMs = (System.nanoTime() - t0) / 1_000_000;
      log("fanout: " + gen.open.get() + " streams open, " + gen.withFirstPatch.get() + " with their first patch");
      JsonObject r = publishRun(server, gen, tabs.get(0), scale.fanoutEvents(), 1000, n);
      return r.put("openStreams", gen.open.get()).put("gzipStreams", gen.gzipOpens.get()).put("openMillis", openMs).put("errors", gen.errors.get()).put("lastError", gen.lastError)
        .put("targetP99Ms", 250).put("pass", r.getJsonObject("latencyMs").getDouble("p99") <= 250 && r.getDouble("rendersPerEvent") == 1.0
          && r.getLong("deliveries") >= r.getLong("expectedDeliveries"));
    }
  }

  /** Items in the list of the {@code keyed-list} scenario. */
  static final int LIST_ITEMS = 1000;

  /**
   * A 1,000-item list with one new item per event, sent to every tab as a keyed list (the new
   * item and the removal of the oldest) and as a fat region (the whole list): bytes handed to
   * sockets, server CPU and latency per event, compressed streams as Chromium opens them.
   */
  JsonObject keyedList() throws Exception {
    int n = scale.compressionSubs();
    JsonObject out = new JsonObject().put("items", LIST_ITEMS).put("subscribers", n);
    for (boolean keyed : List.of(true, false)) {
      String label = "keyed-list-" + (keyed ? "keyed" : "fat");
      try (Server server = new Server(label, Map.of("BENCH_LIST_ITEMS", String.valueOf(LIST_ITEMS), "BENCH_LIST_KEYED", String.valueOf(keyed)));
           LoadGen gen = new LoadGen(vertx, server.port, scale.sources(), n)) {
        List<LoadGen.Tab> tabs = gen.fetchPages(pages(n), 64);
        gen.openStreams(tabs, n, false, true, 1000, 120_000);
        JsonObject r = publishRun(server, gen, tabs.get(0), scale.compressionEvents(), 1000, n);
        r.put("sseBytesPerEvent", r.getDouble("sseBytesHandedToSockets") / r.getInteger("events"));
        log(label + ": " + r.getLong("deliveries") + "/" + r.getLong("expectedDeliveries") + " delivered, "
          + Math.round(r.getDouble("sseBytesPerEvent")) + " B handed to sockets per event, server CPU "
          + r.getDouble("serverCpuMsPerEvent") + " ms/event, p99 " + r.getJsonObject("latencyMs").getDouble("p99") + " ms");
        out.put(keyed ? "keyed" : "fat", r);
      }
    }
    return out;
  }

  /** Idle streams and their heap; then all of them reconnect at once (the avalanche). */
  JsonObject connections() throws Exception {
    int n = scale.idleStreams();
    try (Server server = new Server("connections", Map.of()); LoadGen gen = new LoadGen(vertx, server.port, scale.sources(), n)) {
      List<LoadGen.Tab> tabs = gen.fetchPages(pages(n), 64);
      JsonObject before = server.metrics(true);
      long t0 = System.nanoTime();
      List<LoadGen.Stream> streams = gen.openStreams(tabs, n, false, true, 1000, 300_000);
      long openMillis = (System.nanoTime() - t0) / 1_000_000;
      Thread.sleep(scale.idleHoldMillis());
      JsonObject after = server.metrics(true);
      if (System.getenv("BENCH_HISTO") != null) {
        // What the idle streams hold: the live-object histogram of the server (jmap).
        Process jmap = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jmap").toString(), "-histo:live",
          String.valueOf(server.pid())).redirectErrorStream(true).redirectOutput(results.resolve("histo-connections.txt").toFile()).start();
        jmap.waitFor(120, TimeUnit.SECONDS);
      }
      int open = gen.open.get();
      double heapPerStream = (after.getLong("heapUsed") - before.getLong("heapUsed")) / (double) open;
      double rssPerStream = (after.getLong("rss") - before.getLong("rss")) / (double) open;
      JsonObject idle = new JsonObject()
        .put("streams", n)
        .put("open", open)
        .put("serverConnections", server.meter(after, "honostar.live.connections"))
        .put("openMillis", openMillis)
        .put("baselineHeapBytes", before.getLong("heapUsed"))
        .put("heapAfterBytes", after.getLong("heapUsed"))
        .put("heapPerStreamBytes", Math.round(heapPerStream))
        .put("baselineRssBytes", before.getLong("rss"))
        .put("rssPerStreamBytes", Math.round(rssPerStream))
        .put("serverFds", after.getLong("fds"))
        .put("sessions", tabs.size())
        .put("errors", gen.errors.get())
        .put("targetStreams", 15_000).put("targetHeapPerStreamBytes", 8192)
        .put("pass", open >= scale.idleStreams() && heapPerStream <= 8192);

      // The avalanche: every client drops and reconnects at once; each must get the current state within 5 s.
      int m = Math.min(scale.avalanche(), streams.size());
      List<LoadGen.Stream> some = streams.subList(0, m);
      long errors0 = gen.errors.get();
      gen.initial.getIntervalHistogram();
      // The generator holds 20,000 descriptors at most: let the idle streams that are not part
      // of the avalanche go, and wait until the avalanche's own sockets are closed.
      log("avalanche: generator descriptors before closing " + openFds());
      gen.closeStreamsAndWait(streams.subList(m, streams.size()), 60_000);
      gen.closeStreamsAndWait(some, 60_000);
      log("avalanche: generator descriptors after closing " + openFds());
      long wall = gen.reopen(some, 0, 60_000, false);
      Histogram h = gen.initial.getIntervalHistogram();
      long got = some.stream().filter(s -> s.gotFirst).count();
      JsonObject avalanche = new JsonObject()
        .put("clients", m)
        .put("receivedFreshPatch", got)
        .put("errors", gen.errors.get() - errors0)
        .put("lastError", gen.lastError)
        .put("allWithinMillis", wall)
        .put("connectToFirstPatchMs", percentiles(h, 1000.0))
        .put("targetMillis", 5000)
        .put("pass", got == m && gen.errors.get() == errors0 && h.getMaxValue() <= 5_000_000);
      return new JsonObject().put("idle", idle).put("avalanche", avalanche);
    }
  }

  /** The same fan-out with and without 10% of clients that never read. */
  JsonObject slow() throws Exception {
    int readers = scale.slowSubs() * 9 / 10;
    int slow = scale.slowSubs() - readers;
    try (Server server = new Server("slow", Map.of()); LoadGen gen = new LoadGen(vertx, server.port, scale.sources(), scale.slowSubs())) {
      List<LoadGen.Tab> tabs = gen.fetchPages(pages(scale.slowSubs()), 64);
      gen.openStreams(tabs, readers, false, true, 1000, 120_000);
      JsonObject heap0 = server.metrics(true);
      JsonObject base = publishRun(server, gen, tabs.get(0), scale.slowEvents(), scale.slowIntervalMillis(), readers);
      JsonObject heap1 = server.metrics(true);
      gen.openStreams(tabs, slow, true, true, 1000, 120_000);
      JsonObject withSlow = publishRun(server, gen, tabs.get(0), scale.slowEvents(), scale.slowIntervalMillis(), readers);
      JsonObject heap2 = server.metrics(true);
      double p99a = base.getJsonObject("latencyMs").getDouble("p99");
      double p99b = withSlow.getJsonObject("latencyMs").getDouble("p99");
      return new JsonObject()
        .put("readers", readers).put("slowClients", slow)
        .put("withoutSlow", base).put("withSlow", withSlow)
        .put("p99Ratio", p99b / p99a)
        .put("heapAfterGcBytes", new JsonArray().add(heap0.getLong("heapUsed")).add(heap1.getLong("heapUsed")).add(heap2.getLong("heapUsed")))
        .put("superseded", server.meter(heap2, "honostar.live.patches.superseded"))
        .put("slowDisconnects", server.meter(heap2, "honostar.live.slow.disconnects"))
        .put("pass", p99b <= p99a * 1.2 || p99b - p99a < 5);
    }
  }

  /**
   * Wire bytes, latency and CPU per event with plain streams, shared gzip (each event compressed
   * once) and per-stream gzip (a compressor per stream); heap and RSS per stream.
   */
  JsonObject compression() throws Exception {
    JsonObject out = new JsonObject();
    for (String variant : List.of("identity", "shared", "stream")) {
      int n = scale.compressionSubs();
      boolean gzip = !variant.equals("identity");
      Map<String, String> env = gzip ? Map.of("HONOSTAR_LIVE_COMPRESSION_ENABLED", "true", "HONOSTAR_LIVE_COMPRESSION_MODE", variant)
        : Map.of("HONOSTAR_LIVE_COMPRESSION_ENABLED", "false");
      try (Server server = new Server("compression-" + variant, env);
           LoadGen gen = new LoadGen(vertx, server.port, scale.sources(), n)) {
        List<LoadGen.Tab> tabs = gen.fetchPages(pages(n), 64);
        JsonObject before = server.metrics(true);
        gen.openStreams(tabs, n, false, gzip, 1000, 120_000);
        JsonObject r = publishRun(server, gen, tabs.get(0), scale.compressionEvents(), 500, n);
        JsonObject after = server.metrics(true);
        r.put("rssPerStreamBytes", (after.getLong("rss") - before.getLong("rss")) / n)
          .put("heapPerStreamBytes", (after.getLong("heapUsed") - before.getLong("heapUsed")) / n)
          .put("errors", gen.errors.get()).put("lastError", gen.lastError);
        out.put(variant, r);
      }
    }
    return out;
  }

  /** Added latency of a node-to-node hop through each bus at a fixed event rate. */
  JsonObject bus() throws Exception {
    JsonObject out = new JsonObject();
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    out.put("local", busRun(BusKind.LOCAL, new BusOptions().setKind(BusKind.LOCAL).setPrefix(prefix), null, null));
    out.put("redis", busRun(BusKind.REDIS, new BusOptions().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:6379").setPrefix(prefix), null, null));
    out.put("nats", busRun(BusKind.NATS, new BusOptions().setKind(BusKind.NATS).setNatsUrl("nats://127.0.0.1:4222").setPrefix(prefix), null, null));
    if (scale.hazelcast()) {
      int pa = freePort();
      int pb = freePort();
      List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
      String cluster = prefix;
      Vertx a = HazelcastClustering.clusteredVertx(new HazelcastClusterOptions().setClusterName(cluster).setHost("127.0.0.1").setPort(pa)
        .setMembers(members), new VertxOptions()).await(60, TimeUnit.SECONDS);
      Vertx b = HazelcastClustering.clusteredVertx(new HazelcastClusterOptions().setClusterName(cluster).setHost("127.0.0.1").setPort(pb)
        .setMembers(members), new VertxOptions()).await(60, TimeUnit.SECONDS);
      try {
        out.put("hazelcast", busRun(BusKind.CLUSTERED, new BusOptions().setKind(BusKind.CLUSTERED).setPrefix(prefix), a, b));
      } finally {
        Future.join(a.close(), b.close()).await(60, TimeUnit.SECONDS);
      }
    }
    return out;
  }

  private JsonObject busRun(BusKind kind, BusOptions options, Vertx givenA, Vertx givenB) throws Exception {
    Vertx a = givenA != null ? givenA : Vertx.vertx();
    Vertx b = givenB != null ? givenB : kind == BusKind.LOCAL ? a : Vertx.vertx();
    try {
      TopicBus busA = TopicBus.create(a, new BusOptions(options)).await(30, TimeUnit.SECONDS);
      TopicBus busB = kind == BusKind.LOCAL ? busA : TopicBus.create(b, new BusOptions(options)).await(30, TimeUnit.SECONDS);
      Recorder rec = new Recorder(3_600_000_000L, 3);
      java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
      busB.subscribe("lat", ev -> {
        rec.recordValue(Math.max(0, (System.nanoTime() - ev.payload().getLong("t")) / 1000));
        received.incrementAndGet();
      }).await(30, TimeUnit.SECONDS);
      Thread.sleep(300);
      int rate = scale.busRate();
      // Warm-up second, then the measured run; events are spread evenly (one per tick of 1 ms at 1000/s).
      for (int phase = 0; phase < 2; phase++) {
        int seconds = phase == 0 ? 1 : scale.busSeconds();
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        int[] count = {0};
        long timer = a.setPeriodic(1, id -> {
          long due = (System.nanoTime() - t0) / periodNanos + 1;
          while (count[0] < Math.min(due, total)) {
            busA.publish(DomainEvent.of("lat", "tick", new JsonObject().put("t", System.nanoTime())));
            count[0]++;
          }
          if (count[0] >= total) {
            a.cancelTimer(id);
            sent.countDown();
          }
        });
        sent.await(seconds + 30L, TimeUnit.SECONDS);
        Thread.sleep(500);
        if (phase == 0) {
          rec.getIntervalHistogram();
          received.set(0);
        }
      }
      Histogram h = rec.getIntervalHistogram();
      if (busB != busA) {
        busB.close().await(10, TimeUnit.SECONDS);
      }
      busA.close().await(10, TimeUnit.SECONDS);
      return new JsonObject().put("kind", kind.name()).put("rate", rate).put("seconds", scale.busSeconds())
        .put("published", (long) rate * scale.busSeconds()).put("received", received.get())
        .put("latencyMs", percentiles(h, 1000.0)).put("targetP99Ms", 20).put("pass", h.getValueAtPercentile(99) <= 20_000);
    } finally {
      if (givenA == null) {
        a.close().await(10, TimeUnit.SECONDS);
        if (b != a) {
          b.close().await(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** Requests per second for the page and for the command, measured with wrk. */
  JsonObject wrk() throws Exception {
    if (!new File("/usr/bin/wrk").canExecute() && !new File("/usr/local/bin/wrk").canExecute()) {
      return new JsonObject().put("skipped", "wrk is not installed (apt-get install -y wrk)");
    }
    try (Server server = new Server("wrk", Map.of()); LoadGen gen = new LoadGen(vertx, server.port, 1, 16)) {
      LoadGen.Tab tab = gen.fetchPage().await(30, TimeUnit.SECONDS);
      String url = "http://127.0.0.1:" + server.port;
      Path script = results.resolve("command.lua");
      Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = \"{}\"\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Datastar-Request\"] = \"true\"\n"
        + "wrk.headers[\"X-CSRF-Token\"] = \"" + tab.csrf() + "\"\nwrk.headers[\"Cookie\"] = \"" + tab.cookies() + "\"\n");
      JsonObject out = new JsonObject();
      // Warm up the JIT, then measure.
      runWrk(List.of("-t2", "-c32", "-d2s", "-H", "Cookie: " + tab.cookies(), url + "/"));
      long cpu0 = server.cpuNanos();
      out.put("page", runWrk(List.of("-t2", "-c64", "-d" + scale.wrkSeconds() + "s", "--latency", "-H", "Cookie: " + tab.cookies(), url + "/"))
        .put("serverCpuMs", (server.cpuNanos() - cpu0) / 1e6));
      runWrk(List.of("-t2", "-c32", "-d2s", "-s", script.toString(), url + "/publish"));
      cpu0 = server.cpuNanos();
      out.put("command", runWrk(List.of("-t2", "-c64", "-d" + scale.wrkSeconds() + "s", "--latency", "-s", script.toString(), url + "/publish"))
        .put("serverCpuMs", (server.cpuNanos() - cpu0) / 1e6));
      return out;
    }
  }

  private JsonObject runWrk(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("wrk");
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder text = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        text.append(line).append('\n');
      }
    }
    p.waitFor(120, TimeUnit.SECONDS);
    JsonObject out = new JsonObject().put("command", String.join(" ", cmd)).put("output", text.toString());
    Map<String, Double> pct = new LinkedHashMap<>();
    for (String line : text.toString().split("\n")) {
      String t = line.trim();
      if (t.startsWith("Requests/sec:")) {
        out.put("requestsPerSecond", Double.parseDouble(t.substring(13).trim()));
      } else if (t.matches("(50|75|90|99)%\\s+\\S+")) {
        String[] f = t.split("\\s+");
        pct.put("p" + f[0].replace("%", ""), millis(f[1]));
      } else if (t.startsWith("Non-2xx")) {
        out.put("non2xx", Long.parseLong(t.replaceAll("\\D", "")));
      }
    }
    out.put("latencyMs", new JsonObject(new LinkedHashMap<>(pct)));
    return out;
  }

  private static double millis(String v) {
    if (v.endsWith("us")) {
      return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000;
    }
    if (v.endsWith("ms")) {
      return Double.parseDouble(v.substring(0, v.length() - 2));
    }
    if (v.endsWith("s")) {
      return Double.parseDouble(v.substring(0, v.length() - 1)) * 1000;
    }
    return Double.parseDouble(v);
  }
}
