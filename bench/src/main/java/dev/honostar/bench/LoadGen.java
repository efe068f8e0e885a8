package dev.honostar.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load generator that behaves like Datastar tabs: it GETs the page (cookies, CSRF token, the
 * {@code #hs-live} topic token), opens {@code GET /_/events?datastar={"_hslive":{"t":…}}} with
 * {@code Datastar-Request: true}, parses the SSE bytes incrementally and records, per patch, the
 * publish-to-delivery latency from the region's {@code data-ts} (wall-clock microseconds; the
 * server runs on the same machine). Connections come from several loopback source addresses.
 */
final class LoadGen implements AutoCloseable {

  private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern SIGNALS = Pattern.compile("id=\"hs-live\" hidden data-signals='([^']+)'");
  private static final byte[] MARKER = "data-ts=\"".getBytes(StandardCharsets.US_ASCII);
  private static final int CARRY = 32;
  /** Stop scanning a chunk at its first marker, as a probe that found the new title does ({@code BENCH_SCAN_ALL=1}: scan everything). */
  private static final boolean FIRST_MARKER_ONLY = System.getenv("BENCH_SCAN_ALL") == null;
  private static final int JOINED = CARRY + 64;

  /** What a tab needs: its cookies, CSRF token and topic token. */
  record Tab(String cookies, String csrf, String token) {
  }

  final Vertx vertx;
  final int port;
  private final List<HttpClient> clients = new ArrayList<>();
  private final HttpClient slowClient;
  /** Pages and commands go through their own pool, never queued behind stream connections. */
  private final HttpClient requests;
  final ThreadRecorder delivery = new ThreadRecorder();
  final ThreadRecorder initial = new ThreadRecorder();
  // Adders, not atomics: every event loop of the generator counts here.
  final LongAdder patches = new LongAdder();
  final LongAdder wireBytes = new LongAdder();
  final AtomicLong errors = new AtomicLong();
  final AtomicInteger open = new AtomicInteger();
  /** Stream opens the server answered with gzip. */
  final AtomicInteger gzipOpens = new AtomicInteger();
  final AtomicInteger withFirstPatch = new AtomicInteger();
  final List<Stream> streams = new CopyOnWriteArrayList<>();
  /** One context per event loop of the generator; streams are spread over them. */
  private final List<io.vertx.core.Context> loops = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  volatile String lastError;

  LoadGen(Vertx vertx, int port, int sources, int maxStreams) {
    this.vertx = vertx;
    this.port = port;
    // Created from a non-Vert.x thread, each new context takes the next event loop.
    for (io.netty.util.concurrent.EventExecutor ignored : ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup()) {
      loops.add(vertx.getOrCreateContext());
    }
    for (int k = 0; k < sources; k++) {
      clients.add(vertx.createHttpClient(base().setLocalAddress("127.0.0." + (2 + k)),
        new PoolOptions().setHttp1MaxSize(maxStreams / sources + 256).setMaxWaitQueueSize(-1)));
    }
    requests = vertx.createHttpClient(base().setLocalAddress("127.0.0.250"), new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    // Slow consumers: tiny receive buffers, so the server's socket fills quickly.
    slowClient = vertx.createHttpClient(base().setLocalAddress("127.0.0." + (2 + sources)).setReceiveBufferSize(4096),
      new PoolOptions().setHttp1MaxSize(maxStreams + 256).setMaxWaitQueueSize(-1));
  }

  private static HttpClientOptions base() {
    return new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0).setTcpNoDelay(true).setConnectTimeout(30_000)
      .setMaxInitialLineLength(16_384).setMaxHeaderSize(16_384);
  }

  private HttpClient client() {
    return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
  }

  /** GETs the page like a browser tab and extracts cookies and tokens. */
  Future<Tab> fetchPage() {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI("/");
    return onContext(() -> requests.request(o).compose(req -> req.send()).compose(resp -> resp.body().map(body -> {
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("page answered " + resp.statusCode());
      }
      StringBuilder cookies = new StringBuilder();
      for (String c : resp.cookies()) {
        if (cookies.length() > 0) {
          cookies.append("; ");
        }
        cookies.append(c, 0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
      }
      String html = body.toString(StandardCharsets.UTF_8);
      Matcher csrf = CSRF.matcher(html);
      Matcher signals = SIGNALS.matcher(html);
      if (!csrf.find() || !signals.find()) {
        throw new IllegalStateException("no CSRF or live token in the page");
      }
      String json = signals.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
      return new Tab(cookies.toString(), csrf.group(1), new JsonObject(json).getJsonObject(dev.honostar.live.impl.LiveEndpoint.SIGNAL).getString("t"));
    })));
  }

  /** Fetches {@code n} pages, {@code concurrency} at a time. */
  List<Tab> fetchPages(int n, int concurrency) throws Exception {
    List<Tab> tabs = new CopyOnWriteArrayList<>();
    AtomicInteger started = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      if (started.getAndIncrement() >= n) {
        return;
      }
      fetchPage().onComplete(ar -> {
        if (ar.succeeded()) {
          tabs.add(ar.result());
        } else {
          errors.incrementAndGet();
          lastError = ar.cause().toString();
        }
        if (finished.incrementAndGet() == n) {
          done.tryComplete();
        } else {
          step[0].run();
        }
      });
    };
    vertx.runOnContext(v -> {
      for (int i = 0; i < Math.min(concurrency, n); i++) {
        step[0].run();
      }
    });
    done.future().await(600, java.util.concurrent.TimeUnit.SECONDS);
    if (tabs.isEmpty()) {
      throw new IllegalStateException("no page could be fetched: " + lastError);
    }
    return tabs;
  }

  /** POSTs the bench command (changes the rows and publishes) as a Datastar tab does. */
  Future<Integer> publish(Tab tab) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI("/publish")
      .putHeader("Datastar-Request", "true").putHeader("X-CSRF-Token", tab.csrf()).putHeader("Cookie", tab.cookies())
      .putHeader("Content-Type", "application/json");
    return onContext(() -> requests.request(o).compose(req -> req.send("{}")).compose(resp -> resp.body().map(b -> resp.statusCode())));
  }

  /**
   * Runs a request from an event loop: issued from another thread (the harness's main thread),
   * a small response could end before {@code body()} was asked for, and the publish then hung
   * until its 30 s timeout (seen in full runs).
   */
  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> request) {
    return onContext(vertx, request);
  }

  static <T> Future<T> onContext(Vertx vertx, java.util.function.Supplier<Future<T>> request) {
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> request.get().onComplete(result));
    return result.future();
  }

  /** One live stream. */
  final class Stream {
    final Tab tab;
    final boolean paused;
    final boolean gzip;
    long openedNanos;
    volatile boolean gotFirst;
    long lastTs = -1;
    HttpConnection connection;
    /** The stream's request: resetting it drops an HTTP/1.1 connection at once (close() waits for the response). */
    io.vertx.core.http.HttpClientRequest request;
    /** The last bytes of the previous chunk ({@code joined[0, carryLength)}), then this chunk's head. */
    private final byte[] joined = new byte[JOINED];
    private int carryLength;
    /** Inflates when the server answered with gzip (it may not compress even when asked). */
    private final ChunkDecoder decoder = new ChunkDecoder();

    Stream(Tab tab, boolean paused, boolean gzip) {
      this.tab = tab;
      this.paused = paused;
      this.gzip = gzip;
    }

    Future<Void> open() {
      openedNanos = System.nanoTime();
      gotFirst = false;
      lastTs = -1;
      carryLength = 0;
      String q = URLEncoder.encode(new JsonObject().put(dev.honostar.live.impl.LiveEndpoint.SIGNAL, new JsonObject().put("t", tab.token())).encode(), StandardCharsets.UTF_8);
      RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/_/events?datastar=" + q).putHeader("Datastar-Request", "true")
        .putHeader("Accept", "text/event-stream, text/html, application/json").putHeader("Cookie", tab.cookies());
      if (gzip) {
        // What Chromium's fetch sends.
        o.putHeader("Accept-Encoding", "gzip, deflate, br, zstd");
      }
      HttpClient c = paused ? slowClient : client();
      Promise<Void> opened = Promise.promise();
      c.request(o).compose(req -> req.send()).onComplete(ar -> {
        if (ar.failed()) {
          errors.incrementAndGet();
          lastError = ar.cause().toString();
          opened.tryFail(ar.cause());
          return;
        }
        HttpClientResponse resp = ar.result();
        connection = resp.request().connection();
        request = resp.request();
        if (resp.statusCode() != 200) {
          errors.incrementAndGet();
          lastError = "stream answered " + resp.statusCode();
          resp.body();
          opened.tryFail(lastError);
          return;
        }
        String encoding = resp.getHeader("Content-Encoding");
        boolean inflating = "gzip".equals(encoding);
        decoder.start(inflating);
        if (inflating) {
          gzipOpens.incrementAndGet();
        }
        if (encoding != null && !inflating) {
          errors.incrementAndGet();
          lastError = "unexpected Content-Encoding " + encoding;
        }
        open.incrementAndGet();
        resp.exceptionHandler(err -> { });
        resp.endHandler(v -> open.decrementAndGet());
        if (paused) {
          resp.pause();
        } else {
          resp.handler(this::onChunk);
        }
        opened.tryComplete();
      });
      return opened.future();
    }

    private void onChunk(Buffer chunk) {
      wireBytes.add(chunk.length());
      try {
        decoder.accept(chunk, this::scan);
      } catch (java.util.zip.DataFormatException e) {
        errors.incrementAndGet();
        lastError = e.toString();
      }
    }

    /**
     * Finds {@code data-ts="<micros>"} in {@code a[off, off+len)} with a plain loop (Netty's
     * indexOf checks the buffer on every byte and cost the generator more CPU than the server
     * spent); only a short tail is carried over to the next chunk.
     */
    private void scan(byte[] a, int off, int len) {
      int end = off + len;
      if (carryLength > 0) {
        // A marker (or its number) may straddle the chunks: look at the carried tail and this chunk's head.
        int head = Math.min(len, JOINED - CARRY);
        System.arraycopy(a, off, joined, carryLength, head);
        scanJoined(joined, carryLength, carryLength + head);
        carryLength = 0;
      }
      int from = off;
      while (true) {
        int i = indexOf(a, from, end);
        if (i < 0) {
          break;
        }
        int pos = i + MARKER.length;
        long ts = 0;
        while (pos < end && a[pos] >= '0' && a[pos] <= '9') {
          ts = ts * 10 + (a[pos] - '0');
          pos++;
        }
        if (pos >= end) {
          break;
        }
        onPatch(ts);
        from = pos;
        if (FIRST_MARKER_ONLY) {
          // The marker opens the patch and a chunk holds one patch at these rates (a second
          // one would be missed, and the delivery count would show it): skip the rest.
          carryLength = 0;
          return;
        }
      }
      // The tail goes into a buffer the stream owns (no allocation: a new array per chunk kept the
      // old generation's remembered sets busy).
      int tail = Math.max(from, end - CARRY);
      carryLength = end - tail;
      System.arraycopy(a, tail, joined, 0, carryLength);
    }

    /** A marker that starts in the carried tail ({@code joined[0, carried)}) and ends after it. */
    private void scanJoined(byte[] joined, int carried, int length) {
      int i = indexOf(joined, 0, length);
      if (i < 0 || i >= carried) {
        return;
      }
      int end = i + MARKER.length;
      long ts = 0;
      while (end < length && joined[end] >= '0' && joined[end] <= '9') {
        ts = ts * 10 + (joined[end] - '0');
        end++;
      }
      if (end < length) {
        onPatch(ts);
      }
    }


    private void onPatch(long ts) {
      long now = BenchModel.nowMicros();
      patches.increment();
      if (!gotFirst) {
        gotFirst = true;
        lastTs = ts;
        withFirstPatch.incrementAndGet();
        initial.recordValue(Math.max(0, (System.nanoTime() - openedNanos) / 1000));
        return;
      }
      // Newer stamps only: a long patch arrives in several chunks, and a later chunk's first
      // marker belongs to an older item of the same patch.
      if (ts > lastTs) {
        lastTs = ts;
        delivery.recordValue(Math.max(0, now - ts));
      }
    }

    void close() {
      if (request != null) {
        request.reset();
      } else if (connection != null) {
        connection.close();
      }
    }
  }

  /** Boyer-Moore-Horspool shifts for {@link #MARKER}: most bytes of a patch are skipped, not compared. */
  private static final int[] SHIFT = new int[256];

  static {
    java.util.Arrays.fill(SHIFT, MARKER.length);
    for (int i = 0; i < MARKER.length - 1; i++) {
      SHIFT[MARKER[i] & 0xff] = MARKER.length - 1 - i;
    }
  }

  /** @return the index of {@link #MARKER} in {@code a[from, end)}, or -1 */
  private static int indexOf(byte[] a, int from, int end) {
    int m = MARKER.length;
    int i = from;
    while (i <= end - m) {
      byte last = a[i + m - 1];
      if (last == MARKER[m - 1]) {
        int j = m - 2;
        while (j >= 0 && a[i + j] == MARKER[j]) {
          j--;
        }
        if (j < 0) {
          return i;
        }
      }
      i += SHIFT[last & 0xff];
    }
    return -1;
  }

  /**
   * Opens {@code n} streams over the tabs (round robin), at most {@code concurrency} opening at
   * once ({@code concurrency <= 0}: all at once), and waits until each received its first patch.
   */
  List<Stream> openStreams(List<Tab> tabs, int n, boolean paused, boolean gzip, int concurrency, long timeoutMillis) throws Exception {
    List<Stream> mine = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      mine.add(new Stream(tabs.get(i % tabs.size()), paused, gzip));
    }
    streams.addAll(mine);
    reopen(mine, concurrency, timeoutMillis, paused);
    return mine;
  }

  /** (Re)opens the given streams; returns the wall time until all had their first patch (ms). */
  long reopen(List<Stream> list, int concurrency, long timeoutMillis, boolean paused) throws Exception {
    long t0 = System.nanoTime();
    StreamOpener.openAll(list, loops, concurrency, Stream::open).await(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    if (!paused) {
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      while (list.stream().anyMatch(s -> !s.gotFirst) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Closes the streams and waits until their sockets are gone, so their descriptors are free again. */
  void closeStreamsAndWait(List<Stream> list, long timeoutMillis) throws Exception {
    List<io.vertx.core.Future<Void>> closing = new java.util.ArrayList<>();
    for (Stream s : list) {
      if (s.connection != null) {
        io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
        s.connection.closeHandler(v -> closed.tryComplete());
        s.close();
        closing.add(closed.future());
        s.connection = null;
        s.request = null;
      }
    }
    io.vertx.core.Future.all(closing).await(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  void closeStreams(List<Stream> list) {
    for (Stream s : list) {
      s.close();
    }
  }

  @Override
  public void close() {
    closeStreams(streams);
    streams.clear();
    for (HttpClient c : clients) {
      c.close();
    }
    slowClient.close();
    requests.close();
  }
}
