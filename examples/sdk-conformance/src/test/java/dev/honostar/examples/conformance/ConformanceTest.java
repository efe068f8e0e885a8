package dev.honostar.examples.conformance;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the conformance server over real HTTP exactly as the public Datastar SDK test suite
 * does (GET with the case in the {@code datastar} query parameter, POST with it as the JSON
 * body, {@code Datastar-Request: true}), and compares the stream the way the suite does:
 * non-data fields exactly, data lines grouped by their first word, {@code elements} compared
 * as HTML with attributes sorted.
 *
 * <p>The cases live in {@code cases.json}: every case of the public suite, written out here,
 * plus the ones it does not cover (namespace, view transition selector, DELETE, ...).
 */
class ConformanceTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = ConformanceServer.start(vertx, 0).await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesItsGoldenStream() throws IOException {
    JsonArray cases;
    try (InputStream in = ConformanceTest.class.getResourceAsStream("/cases.json")) {
      cases = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return cases.stream().map(JsonObject.class::cast).map(c -> DynamicTest.dynamicTest(c.getString("method") + " " + c.getString("name"), () -> {
      HttpResponse<Buffer> resp = send(c.getString("method"), c.getJsonObject("input").encodePrettily());
      assertThat(resp.statusCode()).as("status").isEqualTo(200);
      assertThat(resp.getHeader("Content-Type")).isEqualTo("text/event-stream");
      assertSameStream(String.join("\n", c.getJsonArray("output").getList()) + "\n", resp.bodyAsString());
    }));
  }

  @Test
  void noHeartbeatAndTheResponseEnds() throws Exception {
    HttpResponse<Buffer> resp = send("GET", "{\"events\":[]}");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body() == null ? "" : resp.bodyAsString()).isEmpty();
  }

  @Test
  void anUnknownEventTypeIsAClear400BeforeTheStreamStarts() throws Exception {
    HttpResponse<Buffer> resp = send("POST", "{\"events\":[{\"type\":\"patchElements\",\"elements\":\"<p id='a'></p>\"},{\"type\":\"nope\"}]}");
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsString()).contains("unknown event type 'nope'");
  }

  @Test
  void malformedSignalsAreA400() throws Exception {
    HttpResponse<Buffer> resp = client.post("/test").putHeader("Content-Type", "application/json").putHeader("Datastar-Request", "true")
      .sendBuffer(Buffer.buffer("{\"events\": [")).await(5, TimeUnit.SECONDS);
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsString()).isEqualTo("Signals are not valid JSON");
  }

  private HttpResponse<Buffer> send(String method, String input) throws Exception {
    return switch (method) {
      case "GET" -> client.get("/test?datastar=" + URLEncoder.encode(input, StandardCharsets.UTF_8))
        .putHeader("Accept", "text/event-stream").putHeader("Datastar-Request", "true").send().await(5, TimeUnit.SECONDS);
      case "POST" -> client.post("/test").putHeader("Accept", "text/event-stream").putHeader("Datastar-Request", "true")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(input)).await(5, TimeUnit.SECONDS);
      default -> throw new IllegalArgumentException(method);
    };
  }

  /** An event as the suite sees it: fields by name, data lines grouped by their first word. */
  private record Event(Map<String, List<String>> fields, Map<String, List<String>> data) {
  }

  private static List<Event> parse(String stream) {
    List<Event> events = new ArrayList<>();
    Map<String, List<String>> fields = new LinkedHashMap<>();
    Map<String, List<String>> data = new LinkedHashMap<>();
    for (String line : stream.split("\n", -1)) {
      if (line.isEmpty()) {
        if (!fields.isEmpty() || !data.isEmpty()) {
          events.add(new Event(fields, data));
          fields = new LinkedHashMap<>();
          data = new LinkedHashMap<>();
        }
        continue;
      }
      int colon = line.indexOf(':');
      assertThat(colon).as("field line '%s'", line).isPositive();
      String name = line.substring(0, colon);
      String value = line.substring(colon + 1).trim();
      if (name.equals("data")) {
        int space = value.indexOf(' ');
        data.computeIfAbsent(space < 0 ? value : value.substring(0, space), k -> new ArrayList<>()).add(space < 0 ? "" : value.substring(space + 1));
      } else {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    assertThat(fields).as("trailing, unterminated event").isEmpty();
    return events;
  }

  private static void assertSameStream(String expected, String actual) {
    List<Event> want = parse(expected);
    List<Event> got = parse(actual);
    assertThat(got).as("events in\n%s", actual).hasSize(want.size());
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).fields()).as("fields of event %d", i + 1).isEqualTo(want.get(i).fields());
      Map<String, List<String>> wantData = new LinkedHashMap<>(want.get(i).data());
      Map<String, List<String>> gotData = new LinkedHashMap<>(got.get(i).data());
      List<String> wantElements = wantData.remove("elements");
      List<String> gotElements = gotData.remove("elements");
      assertThat(gotData).as("data of event %d", i + 1).isEqualTo(wantData);
      if (wantElements == null) {
        assertThat(gotElements).isNull();
      } else {
        assertThat(gotElements).as("elements of event %d", i + 1).isNotNull();
        assertThat(normalise(String.join("\n", gotElements))).isEqualTo(normalise(String.join("\n", wantElements)));
      }
    }
  }

  /** HTML with every element's attributes sorted by name, as the suite compares it. */
  private static String normalise(String html) {
    Document doc = Jsoup.parseBodyFragment(html);
    for (Element el : doc.body().getAllElements()) {
      List<Attribute> attrs = new ArrayList<>(el.attributes().asList());
      attrs.sort(Comparator.comparing(Attribute::getKey));
      attrs.forEach(a -> el.removeAttr(a.getKey()));
      attrs.forEach(a -> el.attr(a.getKey(), a.getValue()));
    }
    doc.outputSettings().prettyPrint(false);
    return doc.body().html().trim();
  }
}
