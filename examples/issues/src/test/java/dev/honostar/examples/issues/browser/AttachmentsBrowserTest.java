package dev.honostar.examples.issues.browser;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.honostar.examples.issues.browser.BrowserSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attachments in Chromium with the real Datastar runtime: a file chosen in the page is sent with
 * its progress shown (honostar.js), appears in another tab on the issue without a reload, and a
 * file over the limit is the field's message; no console error on the way (checked after each test).
 */
class AttachmentsBrowserTest extends OneAppInBrowser {

  private Path file(String name, int bytes) throws IOException {
    Path file = dataDir.resolve(name);
    byte[] content = new byte[bytes];
    java.util.Arrays.fill(content, (byte) 'a');
    return Files.write(file, content);
  }

  @Test
  void aFileAttachedThroughThePageShowsItsProgressAndReachesAnotherTab() throws Exception {
    Window alice = window().signUp("Erin");
    Window other = window();
    alice.open("/issues/1").awaitLive();
    other.open("/issues/1").awaitLive();
    String name = unique("notes").replaceAll("[^A-Za-z0-9-]", "-") + ".txt";
    Path file = file(name, 300_000);

    alice.find("#attachment-file").sendKeys(file.toString());
    alice.find("#attach").click();

    alice.awaitElement("#attachment-progress[data-hs-upload-state=done]");
    assertThat(alice.js("const p = document.getElementById('attachment-progress'); return p.value === p.max;")).isEqualTo(true);
    other.awaitText("#issue-attachments", name);
    alice.awaitText("#issue-attachments", name);
    assertThat(alice.js("return document.getElementById('attachment-file').value")).as("the form was reset").isEqualTo("");
    String href = other.find("#issue-attachments a[download]").getAttribute("href");
    assertThat(href).matches(".*/issues/1/attachments/\\d+");
  }

  @Test
  void aFileOverTheLimitIsTheFieldsMessage() throws Exception {
    Window alice = window().signUp("Frank");
    alice.open("/issues/1").awaitLive();
    Path big = file(unique("big").replaceAll("[^A-Za-z0-9-]", "-") + ".bin", 11 * 1024 * 1024);

    alice.find("#attachment-file").sendKeys(big.toString());
    alice.find("#attach").click();

    alice.awaitText("#attachment-file-error", "The file is larger than 10 MB");
    assertThat(alice.find("#issue-attachments").getText()).doesNotContain(big.getFileName().toString());
  }
}
