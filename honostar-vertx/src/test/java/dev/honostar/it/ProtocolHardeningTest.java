package dev.honostar.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Redirects, request framing, protocol switches and timeouts, tested on the wire. */
class ProtocolHardeningTest extends BoardFixture {

  /** A plain form post that fails validation, sent with {@code referer}; returns the raw answer. */
  private String invalidFormWithReferer(String referer) throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    String body = "title=&_csrf=" + b.csrf;
    try (RawHttp raw = new RawHttp(server.actualPort())) {
      return raw.send("POST /items HTTP/1.1\r\nHost: localhost:" + server.actualPort() + "\r\nCookie: " + b.cookieHeader()
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
}
