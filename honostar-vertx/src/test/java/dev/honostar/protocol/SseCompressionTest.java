package dev.honostar.protocol;

import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import dev.honostar.protocol.compression.SseCompressors;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compressed SSE: a standard decompressor, fed the bytes as they arrive, decodes event N before
 * the server sends event N+1 (the server sends the next event only once the client decoded the
 * previous one, so a compressor that held bytes back would stall the test).
 */
@ExtendWith(VertxExtension.class)
public class SseCompressionTest {

  private static final int EVENTS = 20;
  private HttpServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close().await(5, TimeUnit.SECONDS);
    }
  }

  /** A fat patch: a 50-row list that changes a little between events, as live regions do. */
  static PatchElements patch(int n) {
    StringBuilder html = new StringBuilder("<ul id=\"rows\" data-n=\"" + n + "\">\n");
    for (int i = 0; i < 50; i++) {
      html.append("  <li id=\"row-").append(i).append("\" class=\"row\"><span class=\"title\">Row ").append(i)
        .append("</span> <span class=\"value\">").append(i * 31 + n).append("</span></li>\n");
    }
    return PatchElements.of(html.append("</ul>").toString());
  }

  /** Serves /sse; the returned holder gets a sender that sends event n on the stream's context. */
  private int serve(Vertx vertx, SseCompression compression, HttpServerOptions serverOptions, AtomicReference<Consumer<Integer>> sender)
    throws Exception {
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> {
      SseStream sse = SseStream.create(ctx, new SseOptions().setCompression(compression));
      Context context = vertx.getOrCreateContext();
      sender.set(n -> context.runOnContext(v -> {
        if (n < EVENTS) {
          sse.write(patch(n));
        } else {
          sse.end();
        }
      }));
      sse.heartbeat();
    });
    server = vertx.createHttpServer(serverOptions).requestHandler(router).listen(0).await(5, TimeUnit.SECONDS);
    return server.actualPort();
  }

  /** Decodes bytes as they arrive; returns the text decoded so far. */
  interface Decoder {
    String feed(byte[] chunk) throws Exception;
  }

  /** The JDK's {@link Inflater}, fed as bytes arrive; also used by the live tests' browser. */
  public static final class InflaterDecoder implements Decoder {
    private final Inflater inflater;
    private final boolean gzip;
    private int headerLeft = 10;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    /** @param gzip skip gzip's 10-byte header and inflate raw deflate; else zlib (deflate) */
    public InflaterDecoder(boolean gzip) {
      this.gzip = gzip;
      this.inflater = new Inflater(gzip);
    }

    /** @return the text these bytes decode to (what they complete of earlier ones included) */
    public String inflate(byte[] chunk) throws java.util.zip.DataFormatException {
      int offset = 0;
      if (gzip && headerLeft > 0) {
        offset = Math.min(headerLeft, chunk.length);
        headerLeft -= offset;
      }
      inflater.setInput(chunk, offset, chunk.length - offset);
      ByteArrayOutputStream decoded = new ByteArrayOutputStream();
      byte[] out = new byte[8192];
      int n;
      while ((n = inflater.inflate(out)) > 0) {
        decoded.write(out, 0, n);
      }
      return decoded.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String feed(byte[] chunk) throws Exception {
      byte[] decoded = inflate(chunk).getBytes(StandardCharsets.UTF_8);
      text.write(decoded, 0, decoded.length);
      return text.toString(StandardCharsets.UTF_8);
    }
  }

  /** {@link GZIPInputStream}, the JDK's stream decoder, reading on its own thread from a pipe. */
  static final class GzipStreamDecoder implements Decoder {
    private final PipedOutputStream pipe = new PipedOutputStream();
    private final StringBuffer text = new StringBuffer();

    private final PipedInputStream in;
    private final Thread reader;

    GzipStreamDecoder() throws IOException {
      in = new PipedInputStream(pipe, 1 << 20);
      reader = new Thread(() -> {
        try (InputStream gz = new GZIPInputStream(in, 512)) {
          byte[] buf = new byte[8192];
          int n;
          while ((n = gz.read(buf)) > 0) {
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          }
        } catch (IOException ignored) {
          // the pipe closes at the end of the test
        }
      }, "gzip-reader");
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public String feed(byte[] chunk) throws Exception {
      pipe.write(chunk);
      pipe.flush();
      // The reader decodes on its own thread: wait until it consumed every byte and blocks for more,
      // i.e. it decoded all that the bytes so far allow.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline && (in.available() > 0 || reader.getState() == Thread.State.RUNNABLE)) {
        Thread.sleep(1);
      }
      return text.toString();
    }
  }

  static final class BrotliDecoder implements Decoder {
    private final DecoderJNI.Wrapper decoder;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    BrotliDecoder() throws IOException {
      decoder = new DecoderJNI.Wrapper(16 * 1024);
    }

    @Override
    public String feed(byte[] chunk) {
      int offset = 0;
      while (offset < chunk.length) {
        ByteBuffer in = decoder.getInputBuffer();
        in.clear();
        int n = Math.min(in.remaining(), chunk.length - offset);
        in.put(chunk, offset, n);
        offset += n;
        decoder.push(n);
        boolean more = true;
        while (more) {
          switch (decoder.getStatus()) {
            case OK -> decoder.push(0);
            case NEEDS_MORE_OUTPUT -> pull();
            case NEEDS_MORE_INPUT, DONE -> {
              if (decoder.hasOutput()) {
                pull();
              } else {
                more = false;
              }
            }
            default -> throw new IllegalStateException("brotli decoding failed");
          }
        }
      }
      return text.toString(StandardCharsets.UTF_8);
    }

    private void pull() {
      ByteBuffer out = decoder.pull();
      byte[] b = new byte[out.remaining()];
      out.get(b);
      text.write(b, 0, b.length);
    }
  }

  /**
   * Opens /sse, decodes every chunk as it arrives, and asks for event n+1 only once event n
   * decoded completely; fails if any event does not decode before the next one is sent.
   */
  private void lockstep(Vertx vertx, int port, String acceptEncoding, String expectedEncoding, Decoder decoder,
                        AtomicReference<Consumer<Integer>> sender) throws Exception {
    lockstep(vertx, port, acceptEncoding, expectedEncoding, decoder, sender, true, 5);
  }

  /** @param ratio the least compression ratio expected over the twenty events */
  private void lockstep(Vertx vertx, int port, String acceptEncoding, String expectedEncoding, Decoder decoder,
                        AtomicReference<Consumer<Integer>> sender, boolean expectVary, int ratio) throws Exception {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    int[] next = {0};
    long[] wire = {0};
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setPort(port).setHost("localhost").setURI("/sse")
      .putHeader("Accept", "text/event-stream").putHeader("Accept-Encoding", acceptEncoding);
    // From a Vert.x context, so the callbacks below run on the connection's own event loop
    // before any chunk is delivered; from the test thread the first chunks could be lost.
    io.vertx.core.http.HttpClient client = vertx.createHttpClient();
    vertx.getOrCreateContext().runOnContext(x -> client.request(options).compose(r -> r.send()).onSuccess((HttpClientResponse resp) -> {
      try {
        assertThat(resp.getHeader("Content-Encoding")).isEqualTo(expectedEncoding);
        if (expectVary) {
          assertThat(resp.getHeader("Vary")).isEqualTo("Accept-Encoding");
        }
      } catch (AssertionError e) {
        done.completeExceptionally(e);
        return;
      }
      resp.handler((Buffer chunk) -> {
        wire[0] += chunk.length();
        try {
          String text = decoder.feed(chunk.getBytes());
          // Event n is complete when its closing "</ul>" and blank line decoded.
          while (next[0] < EVENTS && text.contains("data-n=\"" + next[0] + "\"") && countEvents(text) > next[0]) {
            next[0]++;
            sender.get().accept(next[0]);
          }
        } catch (Throwable e) {
          done.completeExceptionally(e);
        }
      });
      resp.endHandler(v -> done.complete(next[0]));
      sender.get().accept(0);
    }).onFailure(done::completeExceptionally));
    int decoded;
    try {
      decoded = done.get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("stalled after decoding " + next[0] + " events: an event was not flushed", e);
    }
    assertThat(decoded).isEqualTo(EVENTS);
    // Twenty 2.9 KB patches that barely change compress to a small fraction.
    long plain = 0;
    for (int i = 0; i < EVENTS; i++) {
      plain += patch(i).toSseEvent().length();
    }
    assertThat(wire[0]).isLessThan(plain / ratio);
  }

  private static int countEvents(String text) {
    int n = 0;
    int i = 0;
    while ((i = text.indexOf("</ul>\n\n", i)) >= 0) {
      n++;
      i++;
    }
    return n;
  }

  /** Each event compressed once and shared compresses less than a stream with its own window. */
  private static int expectedRatio(SseCompression.Mode mode) {
    return mode == SseCompression.Mode.STREAM ? 5 : 3;
  }

  @ParameterizedTest
  @CsvSource({"gzip,SHARED", "deflate,SHARED", "gzip,STREAM", "deflate,STREAM"})
  void everyEventDecodesWithTheJdkInflaterBeforeTheNextIsSent(String encoding, SseCompression.Mode mode, Vertx vertx) throws Exception {
    AtomicReference<Consumer<Integer>> sender = new AtomicReference<>();
    SseCompression compression = new SseCompression().setEnabled(true).setMode(mode).setEncodings(java.util.List.of(encoding));
    int port = serve(vertx, compression, new HttpServerOptions(), sender);
    lockstep(vertx, port, "gzip, deflate, br", encoding, new InflaterDecoder(encoding.equals("gzip")), sender, true, expectedRatio(mode));
  }

  @ParameterizedTest
  @EnumSource(SseCompression.Mode.class)
  void everyEventDecodesWithGzipInputStreamBeforeTheNextIsSent(SseCompression.Mode mode, Vertx vertx) throws Exception {
    AtomicReference<Consumer<Integer>> sender = new AtomicReference<>();
    int port = serve(vertx, new SseCompression().setEnabled(true).setMode(mode), new HttpServerOptions(), sender);
    lockstep(vertx, port, "gzip", "gzip", new GzipStreamDecoder(), sender, true, expectedRatio(mode));
  }

  @Test
  void everyEventDecodesWithBrotliBeforeTheNextIsSent(Vertx vertx) throws Exception {
    assertThat(SseCompressors.brotliAvailable()).as("brotli4j loads on this platform").isTrue();
    AtomicReference<Consumer<Integer>> sender = new AtomicReference<>();
    SseCompression br = new SseCompression().setEnabled(true).setMode(SseCompression.Mode.STREAM).setEncodings(java.util.List.of("br", "gzip"))
      .setMemoryBudgetBytes(1 << 20);
    int port = serve(vertx, br, new HttpServerOptions(), sender);
    lockstep(vertx, port, "gzip, deflate, br", "br", new BrotliDecoder(), sender);
  }

  @Test
  void negotiationFollowsQValuesAndTheMemoryBudget() {
    SseCompression on = new SseCompression().setEnabled(true).setMode(SseCompression.Mode.STREAM);
    assertThat(SseCompressors.negotiate("gzip, deflate, br", on)).isEqualTo("gzip");
    assertThat(SseCompressors.negotiate("deflate, br", on)).isEqualTo("deflate");
    assertThat(SseCompressors.negotiate("br", on)).as("brotli 5 (~440 KiB) is over the default budget").isNull();
    SseCompression roomy = new SseCompression().setEnabled(true).setMode(SseCompression.Mode.STREAM).setMemoryBudgetBytes(1 << 20)
      .setEncodings(java.util.List.of("br", "gzip"));
    assertThat(SseCompressors.negotiate("gzip, deflate, br", roomy)).isEqualTo("br");
    assertThat(SseCompressors.negotiate("gzip;q=1, br;q=0.5", roomy)).isEqualTo("gzip");
    assertThat(SseCompressors.negotiate("br;q=0, *", roomy)).isEqualTo("gzip");
    assertThat(SseCompressors.negotiate("identity", on)).isNull();
    assertThat(SseCompressors.negotiate("", on)).isNull();
    assertThat(SseCompressors.negotiate("gzip", new SseCompression())).as("on by default, shared gzip").isEqualTo("gzip");
    assertThat(SseCompressors.negotiate("gzip", new SseCompression().setEnabled(false))).isNull();
    // gzip's zlib state (~160 KiB resident) does not fit a 100 KiB budget; brotli 1 with a small window does.
    SseCompression tight = new SseCompression().setEnabled(true).setMode(SseCompression.Mode.STREAM).setMemoryBudgetBytes(100 * 1024)
      .setBrotliQuality(1).setBrotliWindowBits(14);
    assertThat(SseCompressors.negotiate("gzip", tight)).isNull();
    assertThat(SseCompressors.negotiate("gzip, br", tight)).isEqualTo("br");
  }

  @Test
  void uncompressedWhenTheClientAcceptsNoEncoding(Vertx vertx) throws Exception {
    AtomicReference<Consumer<Integer>> sender = new AtomicReference<>();
    int port = serve(vertx, new SseCompression().setEnabled(true), new HttpServerOptions(), sender);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setPort(port).setHost("localhost").setURI("/sse");
    HttpClientResponse resp = vertx.createHttpClient().request(options).compose(r -> r.send()).await(5, TimeUnit.SECONDS);
    assertThat(resp.getHeader("Content-Encoding")).isNull();
    assertThat(resp.getHeader("Vary")).isEqualTo("Accept-Encoding");
    resp.request().connection().close();
  }

  /** With Vert.x's compression also on, Netty's compressor leaves our gzip alone: decoded once, it reads. */
  @Test
  void ourCompressionAndVertxsDoNotStack(Vertx vertx) throws Exception {
    AtomicReference<Consumer<Integer>> sender = new AtomicReference<>();
    int port = serve(vertx, new SseCompression(), new HttpServerOptions().setCompressionSupported(true), sender);
    lockstep(vertx, port, "gzip", "gzip", new InflaterDecoder(true), sender, true, expectedRatio(SseCompression.Mode.SHARED));
  }

  /**
   * Vert.x's own compression (Netty's HttpContentCompressor, {@code setCompressionSupported})
   * compresses SSE too; this records whether it flushes every write as well.
   */
  @Test
  void vertxServerCompressionAlsoFlushesEveryWrite(Vertx vertx) throws Exception {
    AtomicReference<Consumer<Integer>> sender = new AtomicReference<>();
    int port = serve(vertx, null, new HttpServerOptions().setCompressionSupported(true), sender);
    lockstep(vertx, port, "gzip", "gzip", new InflaterDecoder(true), sender, false, 5);
  }
}
