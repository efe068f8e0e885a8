package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.Tab;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an idle live stream keeps on the heap: no queue of its connection (strict thread mode),
 * no timer of its own (the loop's clock), no subscriber set of its own (channels group streams
 * by event loop) and no routing context. Counted from the live-object
 * histogram before and after opening streams from plain sockets, so that the client adds none
 * of the counted classes.
 */
class IdleStreamHeapTest extends BoardFixture {

  private static final int STREAMS = 100;

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().getLimits().setMaxStreamsPerSession(1000).setMaxStreamsPerAddress(1000);
    return options;
  }

  @Test
  void anIdleStreamKeepsNoQueueTimerSubscriberSetOrRoutingContext() throws Exception {
    Browser b = browser();
    Tab page = b.open("/board");
    // The streams themselves on plain sockets: an HTTP client in this JVM would add queues, timers and sets of its own
    // to the heap histogram this test counts.
    byte[] request = ("GET " + liveQuery(token(page)) + " HTTP/1.1\r\nHost: localhost\r\nDatastar-Request: true\r\nCookie: "
      + cookieHeader(b) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    // A few streams first, so that one-time state (classes, caches, the loop's clock) is not counted.
    List<Socket> warmUp = open(request, 5);
    Map<String, Long> before = histogram();
    List<Socket> sockets = new ArrayList<>();
    try {
      sockets.addAll(open(request, STREAMS));
      Map<String, Long> after = histogram();
      assertThat(delta(before, after, "dev.honostar.live.impl.LiveConnection")).as("open streams").isEqualTo(STREAMS);
      assertThat(delta(before, after, "io.netty.util.internal.shaded.org.jctools.queues.MpscUnboundedArrayQueue"))
        .as("outbound queues (strict thread mode has none)").isLessThan(STREAMS / 10);
      assertThat(delta(before, after, "io.vertx.core.impl.VertxImpl$InternalTimerHandler"))
        .as("Vert.x timers (one clock per loop)").isLessThan(STREAMS / 10);
      assertThat(delta(before, after, "java.util.LinkedHashSet"))
        .as("subscriber sets (one per channel and event loop)").isLessThan(STREAMS / 10);
      assertThat(delta(before, after, "io.vertx.ext.web.impl.RoutingContextImpl"))
        .as("routing contexts kept by open streams").isLessThan(STREAMS / 10);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
      for (Socket s : warmUp) {
        s.close();
      }
    }
  }

  /** Opens {@code n} streams on plain sockets, each once its first patch arrived. */
  private List<Socket> open(byte[] request, int n) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Socket socket = new Socket("localhost", server.actualPort());
      sockets.add(socket);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      awaitFirstPatch(socket.getInputStream());
    }
    return sockets;
  }

  /** Reads until the stream's first patch (the current state) arrived. */
  private static void awaitFirstPatch(InputStream in) throws Exception {
    StringBuilder text = new StringBuilder();
    byte[] buf = new byte[4096];
    while (!text.toString().contains("datastar-patch-elements")) {
      int n = in.read(buf);
      assertThat(n).as("stream still open").isPositive();
      text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
    }
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after, String cls) {
    return after.getOrDefault(cls, 0L) - before.getOrDefault(cls, 0L);
  }

  /**
   * Instances per class of the live objects (after a full GC), as {@code jcmd GC.class_histogram}
   * prints them. Only the classes asserted on are compared: the histogram map itself is live in
   * the second count.
   */
  private static Map<String, Long> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
      "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
    Map<String, Long> counts = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 4 && cols[0].endsWith(":")) {
        counts.merge(cols[3], Long.parseLong(cols[1]), Long::sum);
      }
    }
    return counts;
  }
}
