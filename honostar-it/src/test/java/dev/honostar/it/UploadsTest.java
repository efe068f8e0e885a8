package dev.honostar.it;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.command.Command;
import dev.honostar.page.Page;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import dev.honostar.upload.Download;
import dev.honostar.upload.Upload;
import dev.honostar.upload.UploadOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File uploads over real HTTP, with raw sockets so the bad inputs are really bad: a file streamed
 * to disk and deleted after its command (or kept when moved), each refusal (too large, declared
 * too large, wrong type, too many at once, no CSRF field) answered as the client can use it, and
 * no temporary file left behind by any of them, a body cut off half way included.
 */
class UploadsTest {

  private static final String BOUNDARY = "----hsBoundary7MA4YWxkTrZu0gW";

  @TempDir
  Path temp;

  private Path uploads;
  private Path kept;
  private Vertx vertx;
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private String csrf;

  @BeforeEach
  void start() throws Exception {
    uploads = temp.resolve("incoming");
    kept = Files.createDirectories(temp.resolve("kept"));
    vertx = Vertx.vertx();
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    options.getUpload().setDirectory(uploads.toString()).setMaxFileBytes(1024).setMaxTotalBytes(4096).setMaxFiles(3)
      .setMaxParallelPerClient(2);
    HonoStar app = HonoStar.create(vertx, options)
      .page("/", (Page<Object>) ctx -> Future.succeededFuture(Map.of("message", "hi")), "it/plain")
      .page("/form", (Page<Object>) ctx -> Future.succeededFuture(Map.of()), "it/upload-form")
      .command("/upload", (Command) on -> on.uploads().post(ctx -> {
        for (Upload u : ctx.uploads()) {
          seen.add(u.field() + ":" + u.fileName() + ":" + u.contentType() + ":" + u.size() + ":" + ctx.signals().getString("title"));
        }
        Upload keep = ctx.upload("keep");
        return keep == null ? Future.succeededFuture() : keep.moveTo(kept.resolve("kept.bin"));
      }))
      .download("/files/:name", ctx -> {
        Path file = kept.resolve(ctx.pathParam("name").replace("/", ""));
        return Future.succeededFuture(Files.exists(file) ? Download.of(file, "r\u00e9sum\u00e9 \"final\".html", "text/html") : null);
      })
      .command("/big", (Command) on -> on.uploads(new UploadOptions(options.getUpload()).setMaxTotalBytes(50L * 1024 * 1024))
        .post(ctx -> {
          seen.add("big");
          return Future.succeededFuture();
        }))
      .command("/images", (Command) on -> on.uploads(new UploadOptions(options.getUpload()).setAllowedTypes(List.of("image/*")))
        .post(ctx -> Future.succeededFuture()));
    server = app.router().compose(router -> vertx.createHttpServer().requestHandler(router).listen(0)).await(20, TimeUnit.SECONDS);
    String head = request("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null);
    int at = head.indexOf("ds_csrf=");
    csrf = head.substring(at + "ds_csrf=".length(), head.indexOf(';', at));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void aFileIsStreamedToDiskHandedToTheCommandAndDeletedAfterIt() throws Exception {
    String resp = post("/upload", datastar(), body(field("title", "notes"), file("attachment", "a.txt", "text/plain", "x".repeat(1000))));
    assertThat(status(resp)).isEqualTo(204);
    assertThat(seen).containsExactly("attachment:a.txt:text/plain:1000:notes");
    awaitEmpty(uploads);
  }

  @Test
  void aClientThatAsksToContinueIsToldTo() throws Exception {
    byte[] whole = body(file("attachment", "c.txt", "text/plain", "continue"));
    try (RawHttp http = new RawHttp(server.actualPort())) {
      http.out().write(headers("/upload", datastar() + "Expect: 100-continue\r\n", whole.length).getBytes(StandardCharsets.ISO_8859_1));
      byte[] interim = new byte["HTTP/1.1 100 Continue\r\n\r\n".length()];
      new java.io.DataInputStream(http.in()).readFully(interim);
      assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      http.out().write(whole);
      assertThat(status(http.readAll(10_000))).isEqualTo(204);
    }
    assertThat(seen).containsExactly("attachment:c.txt:text/plain:8:null");
  }

  @Test
  void aFileTheCommandMovedStaysWhereItWent() throws Exception {
    String resp = post("/upload", datastar(), body(file("keep", "k.bin", "application/octet-stream", "keep me")));
    assertThat(status(resp)).isEqualTo(204);
    assertThat(Files.readString(kept.resolve("kept.bin"))).isEqualTo("keep me");
    awaitEmpty(uploads);
  }

  @Test
  void aKeptFileIsDownloadedAsAnAttachmentThatCannotRunScript() throws Exception {
    Files.writeString(kept.resolve("k.bin"), "<script>alert(1)</script>");
    String resp = request("GET /files/k.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null);
    assertThat(status(resp)).isEqualTo(200);
    assertThat(resp).contains("Content-Disposition: attachment; filename=\"r_sum_ _final_.html\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.html")
      .contains("X-Content-Type-Options: nosniff").contains("Content-Security-Policy: default-src 'none'; sandbox");
    assertThat(bodyOf(resp)).isEqualTo("<script>alert(1)</script>");
    assertThat(status(request("GET /files/none HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null))).isEqualTo(404);
  }

  @Test
  void aFileNameIsReducedToItsLastSegment() throws Exception {
    post("/upload", datastar(), body(file("attachment", "../../etc/pass\u0001wd", "text/plain", "x")));
    assertThat(seen).containsExactly("attachment:passwd:text/plain:1:null");
  }

  @Test
  void anOversizedFileIsA413ForAClientAndAFieldErrorForAForm() throws Exception {
    String big = "y".repeat(2000);
    String plain = post("/upload", "", body(file("attachment", "big.txt", "text/plain", big)));
    assertThat(status(plain)).isEqualTo(413);
    assertThat(plain).contains("The file is larger than 1 KB");

    String datastar = post("/upload", datastar(), body(field("_form", "attach"), file("attachment", "big.txt", "text/plain", big)));
    assertThat(status(datastar)).as("Datastar applies only 200 answers").isEqualTo(200);
    assertThat(new JsonObject(bodyOf(datastar))).isEqualTo(new JsonObject().put("errors",
      new JsonObject().put("attach", new JsonObject().put("attachment", "The file is larger than 1 KB"))));

    String form = post("/upload", "Accept: text/html\r\nReferer: http://localhost/\r\n", body(field("_csrf", csrf), file("attachment", "big.txt", "text/plain", big)));
    assertThat(status(form)).as("a plain form goes back to its page with the message").isEqualTo(303);
    assertThat(seen).as("the command never ran").isEmpty();
    awaitEmpty(uploads);
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitsIsRefusedBeforeItIsRead() throws Exception {
    String headers = "POST /upload HTTP/1.1\r\nHost: localhost\r\nCookie: ds_csrf=" + csrf + "\r\nX-CSRF-Token: " + csrf
      + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: 100000000\r\n\r\n";
    try (RawHttp http = new RawHttp(server.actualPort())) {
      http.out().write(headers.getBytes(StandardCharsets.ISO_8859_1));
      String resp = http.readAll(10_000);
      assertThat(status(resp)).isEqualTo(413);
      assertThat(resp).containsIgnoringCase("connection: close");
    }
    assertThat(Files.exists(uploads) ? list(uploads) : List.of()).isEmpty();
  }

  @Test
  void aChunkedBodyBeyondTheLimitsIsCutOff() throws Exception {
    // No length declared: past the files' total and the fields' body limit, the stream is cut off and its file deleted.
    byte[] bytes = body(file("attachment", "a.txt", "text/plain", "z".repeat(1024 * 1024 + 8192)));
    String resp = postChunked("/upload", bytes);
    if (!resp.isEmpty()) {
      // (A reset may overtake the answer while the client still writes.)
      assertThat(status(resp)).isEqualTo(413);
    }
    assertThat(seen).isEmpty();
    awaitEmpty(uploads);
  }

  @Test
  void formFieldsGetTheBodyLimitOfAnyForm() throws Exception {
    // Fields are decoded into memory: past security.limits.maxBodyBytes (1 MiB) the request is
    // cut off, even where files may take 50 MB; no length declared, so it is counted as it comes.
    byte[] bytes = body(field("title", "t".repeat(1024 * 1024 + 100 * 1024)));
    String resp = postChunked("/big", bytes);
    if (!resp.isEmpty()) {
      // (A reset may overtake the answer while the client still writes.)
      assertThat(status(resp)).isEqualTo(413);
      assertThat(resp).contains("Form fields too large");
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void aTypeNotAllowedIsA415ForAClientAndAFieldErrorForAForm() throws Exception {
    String plain = post("/images", "", body(file("picture", "x.html", "text/html", "<script>alert(1)</script>")));
    assertThat(status(plain)).isEqualTo(415);
    assertThat(plain).contains("This type of file is not accepted (image/*)");
    String datastar = post("/images", datastar(), body(file("picture", "x.html", "text/html", "<b>")));
    assertThat(new JsonObject(bodyOf(datastar)).getJsonObject("errors").getString("picture")).startsWith("This type of file is not accepted");
    assertThat(status(post("/images", datastar(), body(file("picture", "x.png", "image/png", "PNG"))))).isEqualTo(204);
    awaitEmpty(uploads);
  }

  @Test
  void tooManyFilesIsAFieldError() throws Exception {
    String resp = post("/upload", "", body(file("a", "1", "text/plain", "1"), file("a", "2", "text/plain", "2"),
      file("a", "3", "text/plain", "3"), file("a", "4", "text/plain", "4")));
    assertThat(status(resp)).isEqualTo(413);
    assertThat(resp).contains("Too many files: at most 3");
    awaitEmpty(uploads);
  }

  @Test
  void aBodyCutOffHalfWayLeavesNoFile() throws Exception {
    byte[] whole = body(file("attachment", "a.txt", "text/plain", "w".repeat(1000)));
    try (RawHttp http = new RawHttp(server.actualPort())) {
      OutputStream out = http.out();
      out.write(headers("/upload", datastar(), whole.length).getBytes(StandardCharsets.ISO_8859_1));
      out.write(whole, 0, 600);
      out.flush();
      await(() -> list(uploads).size() == 1, "the file being written");
    }
    // The client went away with 400 bytes missing.
    awaitEmpty(uploads);
    assertThat(seen).isEmpty();
  }

  @Test
  void uploadsCutOffByTheClientGiveTheirSlotsBack() throws Exception {
    byte[] whole = body(file("attachment", "a.txt", "text/plain", "s".repeat(1000)));
    for (int i = 0; i < 2; i++) {
      try (RawHttp http = new RawHttp(server.actualPort())) {
        http.out().write(headers("/upload", datastar(), whole.length).getBytes(StandardCharsets.ISO_8859_1));
        http.out().write(whole, 0, 600);
        http.out().flush();
        await(() -> list(uploads).size() == 1, "the file being written");
      }
      awaitEmpty(uploads);
    }
    // Both slots of this client were taken by requests that never ended: they are free again.
    await(() -> {
      try {
        return status(post("/upload", datastar(), whole)) == 204;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, "an upload accepted again");
    assertThat(seen).hasSize(1);
  }

  @Test
  void aRefusalBeforeTheBodyClosesTheConnection() throws Exception {
    try (RawHttp http = new RawHttp(server.actualPort())) {
      // No Connection: close from the client; the body never comes.
      http.out().write(("POST /upload HTTP/1.1\r\nHost: localhost\r\nCookie: ds_csrf=" + csrf
        + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
        + "\r\nContent-Length: 999999999\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String resp = http.readAll(10_000);
      assertThat(status(resp)).isEqualTo(413);
    }
  }

  @Test
  void oneClientGetsAtMostItsParallelUploadsTheRestA429() throws Exception {
    byte[] whole = body(file("attachment", "a.txt", "text/plain", "p".repeat(1000)));
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        RawHttp s = new RawHttp(server.actualPort());
        s.out().write(headers("/upload", datastar(), whole.length).getBytes(StandardCharsets.ISO_8859_1));
        s.out().write(whole, 0, 500);
        s.out().flush();
        held.add(s);
      }
      await(() -> list(uploads).size() == 2, "two uploads in progress");
      String third = post("/upload", datastar(), whole);
      assertThat(status(third)).isEqualTo(429);
      assertThat(third).contains("Retry-After: 1");
      for (RawHttp s : held) {
        s.out().write(whole, 500, whole.length - 500);
        s.out().flush();
        assertThat(status(s.readAll(10_000))).isEqualTo(204);
      }
    } finally {
      for (RawHttp s : held) {
        s.close();
      }
    }
    assertThat(seen).hasSize(2);
    awaitEmpty(uploads);
    // The slots are free again.
    assertThat(status(post("/upload", datastar(), whole))).isEqualTo(204);
  }

  @Test
  void aPlainFormNeedsItsCsrfFieldBeforeTheFiles() throws Exception {
    String without = post("/upload", "Accept: text/html\r\n", body(file("attachment", "a.txt", "text/plain", "x")), false);
    assertThat(status(without)).isEqualTo(403);
    assertThat(without).contains("missing CSRF token");
    String wrong = post("/upload", "Accept: text/html\r\n", body(field("_csrf", "A".repeat(43)), file("attachment", "a.txt", "text/plain", "x")), false);
    assertThat(status(wrong)).isEqualTo(403);
    assertThat(seen).isEmpty();
    String ok = post("/upload", "Accept: text/html\r\nReferer: http://localhost/\r\n",
      body(field("_csrf", csrf), field("title", "plain"), file("attachment", "a.txt", "text/plain", "x")), false);
    assertThat(status(ok)).as("post, redirect, get").isEqualTo(303);
    assertThat(seen).containsExactly("attachment:a.txt:text/plain:1:plain");
    awaitEmpty(uploads);
  }

  @Test
  void aCommandThatTakesUploadsStillTakesAPlainFormWithoutFiles() throws Exception {
    byte[] form = ("_csrf=" + csrf + "&title=urlencoded").getBytes(StandardCharsets.UTF_8);
    String head = "POST /upload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: ds_csrf=" + csrf
      + "\r\nAccept: text/html\r\nReferer: http://localhost/\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ";
    assertThat(status(request(head + form.length + "\r\n\r\n", form))).isEqualTo(303);
    byte[] without = "title=forged".getBytes(StandardCharsets.UTF_8);
    String refused = request(head + without.length + "\r\n\r\n", without);
    assertThat(status(refused)).isEqualTo(403);
    assertThat(refused).contains("missing CSRF token");
  }

  @Test
  void aCommandThatTakesUploadsStillTakesJson() throws Exception {
    byte[] json = "{\"title\":\"no file\"}".getBytes(StandardCharsets.UTF_8);
    String resp = request("POST /upload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: ds_csrf=" + csrf + "\r\nX-CSRF-Token: " + csrf
      + "\r\nDatastar-Request: true\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n", json);
    assertThat(status(resp)).isEqualTo(204);
  }

  @Test
  void theKitAttachesAFileToADatastarFormAndToAPlainOne() throws Exception {
    Tab tab = BoardFixture.browserAt(vertx, server.actualPort()).open("/form");
    Response datastar = tab.attach("#attachment", "n.txt", "text/plain", "kit".getBytes(StandardCharsets.UTF_8))
      .submit("#attach", Map.of("title", "with js"));
    assertThat(datastar.status()).as("a success resets the form").isEqualTo(200);
    assertThat(seen).containsExactly("attachment:n.txt:text/plain:3:with js");
    Response plain = tab.attach("#attachment", "m.txt", "text/plain", "nojs".getBytes(StandardCharsets.UTF_8))
      .submitWithoutJavaScript("#attach", Map.of("title", "without js"));
    assertThat(plain.redirects().get(0).status()).isEqualTo(303);
    assertThat(seen).containsExactly("attachment:n.txt:text/plain:3:with js", "attachment:m.txt:text/plain:4:without js");
    awaitEmpty(uploads);
  }

  @Test
  void aFormShowsTheFieldErrorOfAFileTooLarge() throws Exception {
    Tab tab = BoardFixture.browserAt(vertx, server.actualPort()).open("/form");
    tab.attach("#attachment", "big.txt", "text/plain", new byte[5000]).submit("#attach", Map.of());
    assertThat(tab.signals().getJsonObject("errors").getJsonObject("attach").getString("attachment")).isEqualTo("The file is larger than 1 KB");

    tab.attach("#attachment", "big.txt", "text/plain", new byte[5000]).submitWithoutJavaScript("#attach", Map.of("title", "kept"));
    assertThat(tab.document().getElementById("attachment-error").text()).isEqualTo("The file is larger than 1 KB");
    assertThat(tab.document().getElementById("title").val()).as("the form is filled again").isEqualTo("kept");
    assertThat(seen).isEmpty();
    awaitEmpty(uploads);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String datastar() {
    return "Datastar-Request: true\r\n";
  }

  private String post(String path, String extraHeaders, byte[] body) throws IOException {
    return post(path, extraHeaders, body, true);
  }

  private String post(String path, String extraHeaders, byte[] body, boolean tokenHeader) throws IOException {
    return request(headers(path, extraHeaders + (tokenHeader ? "X-CSRF-Token: " + csrf + "\r\n" : ""), body.length), body);
  }

  private String headers(String path, String extraHeaders, int length) {
    if (!extraHeaders.contains("X-CSRF-Token") && extraHeaders.contains("Datastar-Request")) {
      extraHeaders += "X-CSRF-Token: " + csrf + "\r\n";
    }
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: ds_csrf=" + csrf + "\r\n" + extraHeaders
      + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length + "\r\n\r\n";
  }

  private String request(String head, byte[] body) throws IOException {
    try (RawHttp http = new RawHttp(server.actualPort())) {
      OutputStream out = http.out();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        try {
          out.write(body);
        } catch (SocketException closed) {
          // answered early
        }
      }
      out.flush();
      return http.readAll(10_000);
    }
  }

  /** Posts {@code bytes} as one chunk, no length declared; the answer, empty when a reset overtook it. */
  private String postChunked(String path, byte[] bytes) throws IOException {
    try (RawHttp http = new RawHttp(server.actualPort())) {
      http.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nCookie: ds_csrf=" + csrf + "\r\nX-CSRF-Token: " + csrf
        + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nTransfer-Encoding: chunked\r\n\r\n");
      try {
        OutputStream out = http.out();
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      } catch (SocketException closed) {
        // the server closed the connection before everything was written
      }
      return http.readAll(10_000);
    }
  }

  private static int status(String response) {
    assertThat(response).as("an answer").startsWith("HTTP/1.1 ");
    return Integer.parseInt(response.substring(9, 12));
  }

  private static String bodyOf(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  private static String field(String name, String value) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  private static String file(String name, String fileName, String type, String content) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\nContent-Type: "
      + type + "\r\n\r\n" + content + "\r\n";
  }

  private static byte[] body(String... parts) {
    return (String.join("", parts) + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitEmpty(Path dir) throws InterruptedException {
    await(() -> list(dir).isEmpty(), "no file left in " + dir);
  }

  /** Polls a condition for up to 10 s. */
  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
