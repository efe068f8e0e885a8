package dev.honostar.verticles;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests and the ops endpoints of the ready-made verticle, on the wire. */
class ProtocolEdgesTest {

  private Vertx vertx;
  private int port;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    port = Http.freePort();
    vertx.deployVerticle("dev.honostar.verticles.HonoStarVerticle", new DeploymentOptions().setConfig(new JsonObject()
      .put("app", TestApp.class.getName()).put("http.port", port).put("http.host", "localhost"))).await();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  /** Sends {@code request} on a fresh connection (closed by us after the answer) and returns the answer's head. */
  private String exchange(String request) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      for (int n; (n = in.read(buf)) >= 0; ) {
        all.write(buf, 0, n);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        if (text.contains("\r\n\r\n")) {
          return text.substring(0, text.indexOf("\r\n\r\n"));
        }
      }
      return all.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void malformedPathsAre400AndLogOneLineEach() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 20; i++) {
        assertThat(exchange("GET /%c/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
      }
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    // The access log's one line per request, and no stack trace (vertx-web logged 54 lines each).
    assertThat(log.lines().count()).as(log).isLessThanOrEqualTo(20);
    assertThat(log).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    String close = "Connection: close\r\n\r\n";
    java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();
    answers.put("400 (undecodable header)", exchange("GET / HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n" + close));
    answers.put("414", exchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n" + close));
    answers.put("431", exchange("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(10_000) + "\r\n" + close));
    answers.put("400 (malformed URL)", exchange("GET /%c/ HTTP/1.1\r\nHost: localhost\r\n" + close));
    answers.put("404 (asset)", exchange("GET /_/assets/nope.css HTTP/1.1\r\nHost: localhost\r\n" + close));
    answers.put("200 (health)", exchange("GET /_/health HTTP/1.1\r\nHost: localhost\r\n" + close));
    answers.put("ready", exchange("GET /_/ready HTTP/1.1\r\nHost: localhost\r\n" + close));
    answers.put("200 (metrics)", exchange("GET /_/metrics HTTP/1.1\r\nHost: localhost\r\n" + close));
    answers.forEach((what, head) -> {
      String status = what.split(" ")[0];
      if (!status.equals("ready")) {
        // A request line too long to read is answered in HTTP/1.0.
        assertThat(head).as(what).matches("(?s)HTTP/1\\.[01] " + status + " .*");
      }
      assertThat(head.toLowerCase(java.util.Locale.ROOT)).as(what)
        .contains("x-content-type-options: nosniff")
        .contains("referrer-policy: strict-origin-when-cross-origin")
        .contains("cross-origin-opener-policy: same-origin");
    });
  }
}
