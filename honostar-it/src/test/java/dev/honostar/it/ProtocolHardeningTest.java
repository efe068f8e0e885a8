package dev.honostar.it;

import dev.honostar.test.Browser;
import dev.honostar.test.Tab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Redirects, request framing, protocol switches and timeouts, tested on the wire. */
class ProtocolHardeningTest extends BoardFixture {

  /**
   * A plain form post that fails validation, sent with {@code referer}; returns the raw answer.
   * Raw HTTP, as all of this class: a hostile client's referers, framings and targets are what no
   * browser (and so not the test kit) sends.
   */
  private String invalidFormWithReferer(String referer) throws Exception {
    Browser b = browser();
    Tab page = b.open("/board");
    String body = "title=&_csrf=" + csrf(page);
    try (RawHttp raw = new RawHttp(server.actualPort())) {
      return raw.send("POST /items HTTP/1.1\r\nHost: localhost:" + server.actualPort() + "\r\nCookie: " + cookieHeader(b)
        + "\r\nReferer: " + referer + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body).readAll(10_000);
    }
  }

  private static String location(String response) {
    for (String line : response.split("\r\n")) {
      if (line.regionMatches(true, 0, "Location:", 0, 9)) {
        return line.substring(9).trim();
      }
    }
    return null;
  }

  @Test
  void aFormErrorNeverRedirectsOffTheSite() throws Exception {
    String host = "http://localhost:" + server.actualPort();
    String same = invalidFormWithReferer(host + "/board?x=1");
    assertThat(same).startsWith("HTTP/1.1 303");
    assertThat(location(same)).isEqualTo("/board?x=1");
    // Paths that browsers read as another host ("//evil", "/\evil") go to the site root.
    assertThat(location(invalidFormWithReferer(host + "//evil.example/x"))).isEqualTo("/");
    assertThat(location(invalidFormWithReferer(host + "/\\evil.example/x"))).isEqualTo("/");
    assertThat(location(invalidFormWithReferer(host + "/%5Cevil.example/x"))).doesNotStartWith("//").doesNotStartWith("/\\");
    assertThat(location(invalidFormWithReferer("http://evil.example/board"))).isEqualTo("/");
  }

  private String raw(String request) throws Exception {
    try (RawHttp raw = new RawHttp(server.actualPort())) {
      String answer = raw.send(request).readAll(5_000);
      assertThat(raw.closedByServer()).as("connection closed after: %s", answer).isTrue();
      return answer;
    }
  }

  @Test
  void contentLengthWithChunkedClosesTheConnectionSoNothingPipelinedIsServed() throws Exception {
    String smuggled = "GET /board?smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String answer = raw("GET /board HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (5 + smuggled.length())
      + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
    assertThat(RawHttp.responses(answer)).isEqualTo(1);
  }

  @Test
  void unknownTransferEncodingsTwoHostsAndForeignAbsoluteTargetsAre400AndClose() throws Exception {
    assertThat(raw("POST /items HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\nContent-Length: 3\r\n\r\nabc"
      + "GET /board HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 400").satisfies(a -> assertThat(RawHttp.responses(a)).isEqualTo(1));
    assertThat(raw("GET /board HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(raw("GET http://evil.example/board HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 400");
    // The same host in absolute form is fine (RFC 9112 requires servers to accept it).
    try (RawHttp ok = new RawHttp(server.actualPort())) {
      assertThat(ok.send("GET http://localhost/board HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").readAll(5_000))
        .startsWith("HTTP/1.1 200");
    }
  }
}
