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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live streams of the real issue tracker's pages, opened as Datastar tabs open them, timing the
 * events the scenario publishes through the app's commands.
 *
 * <p>Each event {@code k} carries the marker {@code hsbev<kkkk>} in its text (an issue title, a
 * comment). A tab that should show it records command sent → marker parsed; a tab whose view
 * does not include it (a filter that does not match) records command sent → the next patch of
 * its region at all. Bytes are inflated as they arrive when the server compressed them, as a
 * browser does.
 */
final class IssuesLoad implements AutoCloseable {

  static final String MARKER = "hsbev";
  private static final BytePattern EVENT = new BytePattern(MARKER);
  /**
   * The signal patch that clears the page's fingerprints: a stream's first write. When the page's
   * regions were current, nothing else follows, and the tab is in step from here.
   */
  private static final BytePattern SHOWN_CLEARED = new BytePattern("\"" + dev.honostar.live.impl.LiveEndpoint.SIGNAL + "\":{\"s\":null}");
  private static final int DIGITS = 4;
  private static final int CARRY = 40;
  private static final ThreadLocal<byte[]> JOINED = ThreadLocal.withInitial(() -> new byte[CARRY + 64 * 1024]);

  /** @return the marker of event {@code k}, as it appears in titles and comments */
  static String marker(int k) {
    return MARKER + String.format("%0" + DIGITS + "d", k);
  }

  /**
   * What a tab loaded: its page's path (sent as {@code Referer}, as a browser's fetch does), its
   * cookies and live signals (token and the fingerprints of the regions its page shows, sent back as
   * the runtime does); whether the events' text should appear in its view; its view's name.
   */
  record Tab(String path, String cookies, String live, boolean expectsMarker, String view) {
  }

  final Vertx vertx;
  final int port;
  private final BytePattern region;
  private final List<HttpClient> clients = new ArrayList<>();
  private final List<io.vertx.core.Context> loops = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  final List<Stream> streams = new ArrayList<>();

  /** Command sent (nanoTime) per event. */
  private final AtomicLongArray sentAt;
  /** The slowest delivery of each measured event, in microseconds: shows whether a round's tail is every event's or a few events'. */
  final AtomicLongArray slowestMicros;
  /** The latest event sent; -1 before any. */
  private volatile int current = -1;
  /** Events from this one on are recorded (warm-up events before it are not). */
  private volatile int firstMeasured = Integer.MAX_VALUE;

  final ThreadRecorder markerDelivery = new ThreadRecorder();
  final ThreadRecorder regionDelivery = new ThreadRecorder();
  /** Stream request sent → in step: its first patch of the region, or, when the page's regions were current, the clearing of their fingerprints. */
  final ThreadRecorder initial = new ThreadRecorder();
  final LongAdder wireBytes = new LongAdder();
  final LongAdder regionPatches = new LongAdder();
  final AtomicLong errors = new AtomicLong();
  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger gzipOpens = new AtomicInteger();
  final AtomicInteger withFirstPatch = new AtomicInteger();
  volatile String lastError;

  /**
   * @param regionId the id of the region whose patches the tabs watch ({@code issues-list},
   *     {@code issue-comments}); its first patch is the one a stream gets on opening
   */
  IssuesLoad(Vertx vertx, int port, int sources, int maxStreams, String regionId, int maxEvents) {
    this.vertx = vertx;
    this.port = port;
    this.region = new BytePattern("id=\"" + regionId + "\"");
    this.sentAt = new AtomicLongArray(maxEvents);
    this.slowestMicros = new AtomicLongArray(maxEvents);
    // Created from a non-Vert.x thread, each new context takes the next event loop.
    for (io.netty.util.concurrent.EventExecutor ignored : ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup()) {
      loops.add(vertx.getOrCreateContext());
    }
    for (int k = 0; k < sources; k++) {
      clients.add(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0).setTcpNoDelay(true)
          .setConnectTimeout(30_000).setMaxInitialLineLength(16_384).setMaxHeaderSize(16_384).setLocalAddress("127.0.0." + (2 + k)),
        new PoolOptions().setHttp1MaxSize(maxStreams / sources + 256).setMaxWaitQueueSize(-1)));
    }
  }

  /** Marks event {@code k} as sent now; call just before sending its command. */
  void sending(int k, boolean measured) {
    if (!measured) {
      firstMeasured = Integer.MAX_VALUE;
    } else if (firstMeasured == Integer.MAX_VALUE) {
      firstMeasured = k;
    }
    sentAt.set(k, System.nanoTime());
    current = k;
  }

  /** One live stream. */
  final class Stream {
    final Tab tab;
    final boolean gzip;
    long openedNanos;
    volatile boolean gotFirst;
    /** Whether the server accepted the stream (200). */
    volatile boolean accepted;
    /** The newest event this stream has accounted for (written by its event loop, read by the harness). */
    volatile int lastSeen = -1;
    HttpConnection connection;
    io.vertx.core.http.HttpClientRequest request;
    private final byte[] carry = new byte[CARRY];
    private int carryLength;
    private final ChunkDecoder decoder = new ChunkDecoder();

    Stream(Tab tab, boolean gzip) {
      this.tab = tab;
      this.gzip = gzip;
    }

    Future<Void> open() {
      openedNanos = System.nanoTime();
      String q = URLEncoder.encode(new JsonObject().put(dev.honostar.live.impl.LiveEndpoint.SIGNAL, new JsonObject(tab.live())).encode(),
        StandardCharsets.UTF_8);
      RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/_/events?datastar=" + q).putHeader("Datastar-Request", "true")
        .putHeader("Accept", "text/event-stream, text/html, application/json").putHeader("Cookie", tab.cookies())
        .putHeader("Referer", "http://127.0.0.1:" + port + tab.path()).putHeader("Sec-Fetch-Site", "same-origin");
      if (gzip) {
        // What Chromium's fetch sends.
        o.putHeader("Accept-Encoding", "gzip, deflate, br, zstd");
      }
      HttpClient c = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
      Promise<Void> opened = Promise.promise();
      c.request(o).compose(req -> req.send()).onComplete(ar -> {
        if (ar.failed()) {
          fail(ar.cause().toString());
          opened.tryFail(ar.cause());
          return;
        }
        HttpClientResponse resp = ar.result();
        connection = resp.request().connection();
        request = resp.request();
        if (resp.statusCode() != 200) {
          fail("stream answered " + resp.statusCode());
          resp.body();
          opened.tryFail(lastError);
          return;
        }
        String encoding = resp.getHeader("Content-Encoding");
        boolean inflating = "gzip".equals(encoding);
        decoder.start(inflating);
        if (inflating) {
          gzipOpens.incrementAndGet();
        } else if (encoding != null) {
          fail("unexpected Content-Encoding " + encoding);
        }
        open.incrementAndGet();
        accepted = true;
        resp.exceptionHandler(err -> { });
        resp.endHandler(v -> open.decrementAndGet());
        resp.handler(this::onChunk);
        opened.tryComplete();
      });
      return opened.future();
    }

    private void onChunk(Buffer chunk) {
      wireBytes.add(chunk.length());
      try {
        decoder.accept(chunk, this::scan);
      } catch (java.util.zip.DataFormatException e) {
        fail(e.toString());
      }
    }

    /**
     * Scans decoded bytes behind the carried tail of the previous ones (a per-thread copy), so a
     * marker split over two chunks, however small, is found once.
     */
    private void scan(byte[] a, int off, int len) {
      byte[] buf = JOINED.get();
      if (buf.length < CARRY + len) {
        buf = new byte[CARRY + len];
        JOINED.set(buf);
      }
      System.arraycopy(carry, 0, buf, 0, carryLength);
      System.arraycopy(a, off, buf, carryLength, len);
      int end = carryLength + len;
      int done = scanRange(buf, 0, end);
      // What follows the last handled marker holds no complete one: keep its end for the next chunk.
      int tail = Math.max(done, end - CARRY);
      carryLength = end - tail;
      System.arraycopy(buf, tail, carry, 0, carryLength);
    }

    /** Handles the region and event markers of {@code a[from, end)} in order; @return the end of the last one handled */
    private int scanRange(byte[] a, int from, int end) {
      int done = from;
      if (!gotFirst) {
        int c = SHOWN_CLEARED.indexOf(a, from, end);
        if (c >= 0) {
          // Written before any region: the regions the page showed are current or follow as patches.
          first();
          done = c + SHOWN_CLEARED.length();
        }
      }
      int r = region.indexOf(a, done, end);
      int e = EVENT.indexOf(a, done, end);
      while (true) {
        boolean isRegion = r >= 0 && (e < 0 || r < e);
        int at = isRegion ? r : e;
        if (at < 0) {
          return done;
        }
        if (isRegion) {
          onRegion();
          done = r + region.length();
          r = region.indexOf(a, done, end);
          continue;
        }
        int digits = e + EVENT.length();
        if (digits + DIGITS > end) {
          return done;
        }
        int k = 0;
        boolean number = true;
        for (int i = digits; i < digits + DIGITS; i++) {
          if (a[i] < '0' || a[i] > '9') {
            number = false;
            break;
          }
          k = k * 10 + (a[i] - '0');
        }
        if (number) {
          onEvent(k);
        }
        done = number ? digits + DIGITS : digits;
        e = EVENT.indexOf(a, done, end);
      }
    }

    /** The stream is in step with the app: events already sent are part of what it shows, not awaited. */
    private void first() {
      gotFirst = true;
      lastSeen = Math.max(lastSeen, current);
      withFirstPatch.incrementAndGet();
      initial.recordValue(Math.max(0, (System.nanoTime() - openedNanos) / 1000));
    }

    private void onRegion() {
      if (!gotFirst) {
        // A stream opened without fingerprints: its first patch of the region.
        first();
        return;
      }
      regionPatches.increment();
      if (!tab.expectsMarker()) {
        delivered(current, regionDelivery);
      }
    }

    /**
     * Events after {@link #lastSeen} up to {@code k} arrived now: a patch re-renders the whole
     * region, so when events were coalesced into one render, it delivers all of them.
     */
    private void delivered(int k, ThreadRecorder recorder) {
      long now = System.nanoTime();
      for (int j = lastSeen + 1; j <= k; j++) {
        if (j >= firstMeasured) {
          long micros = Math.max(0, (now - sentAt.get(j)) / 1000);
          recorder.recordValue(micros);
          slowestMicros.accumulateAndGet(j, micros, Math::max);
        }
      }
      lastSeen = Math.max(lastSeen, k);
    }

    private void onEvent(int k) {
      if (!gotFirst || k <= lastSeen || k > current) {
        return;
      }
      if (tab.expectsMarker()) {
        delivered(k, markerDelivery);
      } else {
        lastSeen = k;
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

  private void fail(String error) {
    errors.incrementAndGet();
    lastError = error;
  }

  /**
   * Opens a stream per tab, at most {@code concurrency} opening at once, spread over the
   * generator's event loops, and waits until each is in step (see {@link #initial}).
   *
   * @return the streams, once all are open and had their first patch (or the time is up)
   */
  List<Stream> openStreams(List<Tab> tabs, boolean gzip, int concurrency, long timeoutMillis) throws Exception {
    List<Stream> mine = new ArrayList<>(tabs.size());
    for (Tab t : tabs) {
      mine.add(new Stream(t, gzip));
    }
    streams.addAll(mine);
    long t0 = System.nanoTime();
    StreamOpener.openAll(mine, loops, concurrency, Stream::open).await(timeoutMillis, TimeUnit.MILLISECONDS);
    // A stream whose first patch never comes (a failed render) must not hold the run: a minute at most.
    long deadline = Math.min(t0 + timeoutMillis * 1_000_000L, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
    while (mine.stream().anyMatch(s -> s.accepted && !s.gotFirst) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return mine;
  }

  /** Closes every stream and waits until their sockets are gone. */
  void closeStreams(long timeoutMillis) throws Exception {
    List<Future<Void>> closing = new ArrayList<>();
    for (Stream s : streams) {
      if (s.connection != null) {
        Promise<Void> closed = Promise.promise();
        s.connection.closeHandler(x -> closed.tryComplete());
        s.close();
        s.connection = null;
        closing.add(closed.future());
      }
    }
    Future.all(closing).await(timeoutMillis, TimeUnit.MILLISECONDS);
    streams.clear();
  }

  @Override
  public void close() throws Exception {
    try {
      closeStreams(30_000);
    } finally {
      for (HttpClient c : clients) {
        c.close();
      }
    }
  }
}
