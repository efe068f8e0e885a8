package dev.honostar.bench;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.Topic;
import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.page.Region;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench app: one page subscribed to one topic with one shared ~8 KB region (50 rows), a
 * command that changes the rows and publishes, and {@code /bench/metrics} exposing the
 * framework's meters, heap (optionally after GC), CPU and RSS of this process.
 *
 * <pre>
 * java -cp bench.jar dev.honostar.bench.BenchServer [port]   # HONOSTAR_LIVE_COMPRESSION_ENABLED=true to compress
 * </pre>
 */
public final class BenchServer {

  static final Topic FEED = Topic.of("feed");

  private final AtomicLong version = new AtomicLong();
  private final AtomicLong publishedAtMicros = new AtomicLong(BenchModel.nowMicros());
  private final MeterRegistry registry = new SimpleMeterRegistry();
  /** The long list of the list scenarios, or {@code null} for the 50-row page. */
  private final BenchList list = System.getenv("BENCH_LIST_ITEMS") == null ? null : new BenchList(Integer.parseInt(System.getenv("BENCH_LIST_ITEMS")));
  private final boolean keyed = Boolean.parseBoolean(System.getenv("BENCH_LIST_KEYED"));

  final class FeedPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(BenchModel.rows(version.get(), publishedAtMicros.get()));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(FEED);
    }

    @Override
    public void queries(Queries q) {
      // Shared: rendered once per event for every subscriber on this node.
      q.on("feed", qc -> Future.succeededFuture(BenchModel.rows(version.get(), publishedAtMicros.get())), "bench/rows");
    }
  }

  /**
   * With {@code BENCH_LIST_ITEMS=n}: the page is an n-item list, one new item per event, as a
   * keyed list ({@code BENCH_LIST_KEYED=true}) or a fat region.
   */
  final class ListPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(list.model());
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(FEED);
    }

    @Override
    public void queries(Queries q) {
      Region items = keyed ? Region.keyedList("bench/items") : Region.of("bench/items");
      q.on("feed", qc -> Future.succeededFuture(list.model()), items);
    }
  }

  final class PublishCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        long v = version.incrementAndGet();
        publishedAtMicros.set(BenchModel.nowMicros());
        if (list != null) {
          list.add(publishedAtMicros.get());
        }
        ctx.publish(FEED, "changed", Map.of("version", v));
        return Future.succeededFuture();
      });
    }
  }

  static HonoStarOptions options(Map<String, String> env) {
    Map<String, String> e = new HashMap<>(env);
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    e.putIfAbsent("HONOSTAR_SIGNING_SECRET", Base64.getEncoder().encodeToString(secret));
    e.putIfAbsent("HONOSTAR_ENV", "production");
    HonoStarOptions options = HonoStarOptions.load(null, e).setEnvironment(e);
    // The load comes from a few loopback addresses and shares sessions: lift the per-client limits.
    options.getSecurity().getLimits().setMaxStreamsPerAddress(1_000_000).setMaxStreamsPerSession(1_000_000)
      .setCommandRatePerSecond(1_000_000).setCommandBurst(1_000_000);
    return options;
  }

  Future<HttpServer> start(Vertx vertx, int port) {
    HonoStarOptions options = options(System.getenv());
    HonoStar app = HonoStar.create(vertx, options)
      .meterRegistry(registry)
      .page("/", list == null ? new FeedPage() : new ListPage(), list == null ? "bench/page" : "bench/list-page")
      .command("/publish", new PublishCommand());
    return app.router().compose(hs -> {
      Router root = Router.router(vertx);
      root.get("/bench/metrics").handler(ctx -> {
        boolean gc = "true".equals(ctx.request().getParam("gc"));
        vertx.<JsonObject>executeBlocking(() -> metrics(gc)).onSuccess(json -> ctx.json(json)).onFailure(ctx::fail);
      });
      root.route("/*").subRouter(hs);
      HttpServerOptions so = options.applyTo(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
          .setTcpNoDelay(true).setAcceptBacklog(16_384).setIdleTimeout(0));
      // One app (one hub: one render per event) served on one event loop per core: a small
      // verticle deployed once per core listens with the shared router (Vert.x shares the port
      // and spreads connections over the instances). BENCH_SERVERS overrides the count.
      int n = Integer.parseInt(System.getenv().getOrDefault("BENCH_SERVERS", String.valueOf(Runtime.getRuntime().availableProcessors())));
      java.util.List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
      return vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.createHttpServer(so).requestHandler(root).listen().onSuccess(servers::add);
        }
      }, new io.vertx.core.DeploymentOptions().setInstances(n)).map(id -> servers.get(0));
    });
  }

  JsonObject metrics(boolean gc) throws Exception {
    if (gc) {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
    }
    JsonObject meters = new JsonObject();
    for (Meter m : registry.getMeters()) {
      String name = m.getId().getName();
      if (!name.startsWith("honostar.")) {
        continue;
      }
      String tags = m.getId().getTags().isEmpty() ? "" : m.getId().getTags().toString();
      if (m instanceof Counter c) {
        meters.put(name + tags, c.count());
      } else if (m instanceof Gauge g) {
        meters.put(name + tags, g.value());
      } else if (m instanceof io.micrometer.core.instrument.Timer t) {
        meters.put(name + tags + ".count", t.count());
        meters.put(name + tags + ".meanMicros", t.mean(java.util.concurrent.TimeUnit.MICROSECONDS));
        meters.put(name + tags + ".maxMicros", t.max(java.util.concurrent.TimeUnit.MICROSECONDS));
      }
    }
    var memory = ManagementFactory.getMemoryMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new JsonObject()
      .put("meters", meters)
      .put("heapUsed", memory.getHeapMemoryUsage().getUsed())
      .put("nonHeapUsed", memory.getNonHeapMemoryUsage().getUsed())
      .put("rss", ProcStat.rssBytes(ProcessHandle.current().pid()))
      .put("cpuNanos", os.getProcessCpuTime())
      .put("fds", ProcStat.openFds())
      .put("version", version.get());
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    Vertx vertx = Vertx.vertx(vertxOptions("BENCH_SERVER_EVENT_LOOPS", 0));
    new BenchServer().start(vertx, port).onSuccess(server -> {
      // The harness waits for this line.
      System.out.println("READY " + server.actualPort() + " transport=" + (vertx.isNativeTransportEnabled() ? "epoll" : "nio"));
      System.out.flush();
    }).onFailure(err -> {
      err.printStackTrace();
      System.exit(1);
    });
  }

  /** Netty's native epoll transport when it loads, unless {@code BENCH_TRANSPORT=nio}; event loops from {@code loopsVariable} if set. */
  /** @param defaultLoops event loops when the variable is unset; 0 keeps Vert.x's default (two per core) */
  static io.vertx.core.VertxOptions vertxOptions(String loopsVariable, int defaultLoops) {
    io.vertx.core.VertxOptions o = new io.vertx.core.VertxOptions().setPreferNativeTransport(!"nio".equalsIgnoreCase(System.getenv("BENCH_TRANSPORT")));
    String loops = System.getenv(loopsVariable);
    if (loops != null) {
      o.setEventLoopPoolSize(Integer.parseInt(loops.trim()));
    } else if (defaultLoops > 0) {
      o.setEventLoopPoolSize(defaultLoops);
    }
    return o;
  }

  /** Reads /proc for RSS, CPU and descriptors (Linux). */
  static final class ProcStat {
    private ProcStat() {
    }

    static long rssBytes(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
          }
        }
      } catch (Exception ignored) {
        // not Linux
      }
      return -1;
    }

    /** utime + stime of a process, in nanoseconds (clock ticks of 10 ms on Linux). */
    static long cpuNanos(long pid) {
      return ticks(pid, true);
    }

    /** @return the kernel part of {@link #cpuNanos}: system calls, and loopback TCP work done on the process's behalf */
    static long kernelNanos(long pid) {
      return ticks(pid, false);
    }

    private static long ticks(long pid, boolean withUser) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = (withUser ? Long.parseLong(f[11]) : 0) + Long.parseLong(f[12]);
        return ticks * 10_000_000L;
      } catch (Exception e) {
        return -1;
      }
    }

    static long openFds() {
      String[] list = new java.io.File("/proc/self/fd").list();
      return list == null ? -1 : list.length;
    }
  }
}
