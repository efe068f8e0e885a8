package dev.honostar.examples.issues;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attachments on issues through the test kit: a file attached with Datastar appears in every
 * tab on the issue, is kept in the attachments directory and downloads as an attachment; a plain
 * form post (no JavaScript) attaches too; a file over the limit is the form's field error and
 * nothing is kept. The framework's upload directory is empty after each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentsKitTest {

  private Path incoming;
  private Path kept;
  private TrackerKit kit;
  private HonoStarTest app;
  private Store store;
  private long issue;

  @BeforeAll
  void start() throws Exception {
    kit = TrackerKit.start("issues-attachments", data -> Map.of(
      Attachments.ENV_DIRECTORY, data.resolve("attachments").toString(),
      "HONOSTAR_UPLOAD_DIRECTORY", data.resolve("incoming").toString(),
      "HONOSTAR_UPLOAD_MAX_FILE_BYTES", "4096"));
    incoming = kit.data.resolve("incoming");
    kept = kit.data.resolve("attachments");
    app = kit.app;
    store = kit.store;
    long author = store.createUser("Reporter", "reporter-attachments@example.com", "x").id();
    issue = store.createIssue(author, "The logs say it all", "");
  }

  @AfterAll
  void stop() throws Exception {
    if (kit != null) {
      kit.close();
    }
  }

  private static List<Path> files(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(dir)) {
      return all.toList();
    }
  }

  @Test
  void aFileAttachedWithDatastarReachesEveryTabAndDownloads() throws Exception {
    Browser alice = KitUsers.signedIn(app, "Alice");
    Tab theirs = app.browser().open("/issues/" + issue).connect().awaitEvents(1);
    assertThat(theirs.count("#attachment-form")).as("only people signed in attach").isZero();
    int before = files(kept).size();

    Tab mine = alice.open("/issues/" + issue);
    Response resp = mine.attach("#attachment-file", "server.log", "text/plain", "ERROR disk full\n".getBytes(StandardCharsets.UTF_8))
      .submit("#attachment-form", Map.of());
    assertThat(resp.status()).isEqualTo(200);

    theirs.awaitTextContaining("#issue-attachments", "server.log");
    String href = theirs.document().selectFirst("#issue-attachments a:contains(server.log)").attr("href");
    assertThat(href).matches("/issues/" + issue + "/attachments/\\d+");
    assertThat(files(kept)).hasSize(before + 1);
    assertThat(files(incoming)).as("nothing left where uploads arrive").isEmpty();

    Response download = app.browser().request("GET", href, MultiMap.caseInsensitiveMultiMap(), null);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("ERROR disk full\n");
    assertThat(download.header("Content-Disposition")).startsWith("attachment; filename=\"server.log\"");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(app.browser().request("GET", "/issues/" + issue + "/attachments/999999", MultiMap.caseInsensitiveMultiMap(), null).status())
      .isEqualTo(404);
    assertThat(theirs.warnings()).isEmpty();

    mine.submit("#attachment-form", Map.of());
    assertThat(mine.signals().getJsonObject("errors").getJsonObject("attachment").getString("file"))
      .as("the success reset the form: no file is chosen any more").isEqualTo("Choose a file to attach");
  }

  @Test
  void aFormWithoutAFileSaysSo() throws Exception {
    Tab tab = KitUsers.signedIn(app, "Dave").open("/issues/" + issue);
    tab.submit("#attachment-form", Map.of());
    assertThat(tab.signals().getJsonObject("errors").getJsonObject("attachment").getString("file")).isEqualTo("Choose a file to attach");
  }

  @Test
  void aPlainFormAttachesWithoutJavaScript() throws Exception {
    Browser bob = KitUsers.signedIn(app, "Bob");
    Tab tab = bob.open("/issues/" + issue);
    Response resp = tab.attach("#attachment-file", "trace.txt", "text/plain", "at Main.main".getBytes(StandardCharsets.UTF_8))
      .submitWithoutJavaScript("#attachment-form", Map.of());
    assertThat(resp.redirects().get(0).status()).isEqualTo(303);
    assertThat(tab.text("#issue-attachments")).contains("trace.txt");
    assertThat(files(incoming)).isEmpty();
  }

  @Test
  void aFileOverTheLimitIsTheFormsFieldErrorAndNothingIsKept() throws Exception {
    Browser carol = KitUsers.signedIn(app, "Carol");
    int before = files(kept).size();
    Tab tab = carol.open("/issues/" + issue);
    tab.attach("#attachment-file", "core.dump", "application/octet-stream", new byte[10_000]).submit("#attachment-form", Map.of());
    assertThat(tab.signals().getJsonObject("errors").getJsonObject("attachment").getString("file")).isEqualTo("The file is larger than 4 KB");

    assertThat(app.browser().open("/issues/" + issue).text("#issue-attachments")).doesNotContain("core.dump");
    assertThat(files(kept)).hasSize(before);
    assertThat(files(incoming)).isEmpty();
  }
}
