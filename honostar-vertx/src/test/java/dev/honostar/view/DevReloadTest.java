package dev.honostar.view;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.honostar.view.TestViews.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class DevReloadTest {

  private static void write(Path file, String text, long secondsAhead) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    // mtime resolution can be coarse: move it forward explicitly instead of waiting.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsAhead)));
  }

  @Test
  void devEngineReloadsChangedFiles(Vertx vertx, @TempDir Path dir) throws Exception {
    write(dir.resolve("page.hbs"), "<p>v1 {{> parts/item}}</p>", 0);
    write(dir.resolve("parts/item.hbs"), "<i>item1</i>", 0);
    ViewOptions options = new ViewOptions().setDev(true).setTemplatesDir(dir.toString()).setReloadInterval(3_600_000);
    ViewEngine views = await(ViewEngine.create(vertx, options));
    assertThat(views.render("page", Map.of(), Map.of())).isEqualTo("<p>v1 <i>item1</i></p>");
    assertThat(await(views.reload())).isFalse();

    write(dir.resolve("parts/item.hbs"), "<i>item2</i>", 10);
    assertThat(await(views.reload())).isTrue();
    assertThat(views.render("page", Map.of(), Map.of())).isEqualTo("<p>v1 <i>item2</i></p>");

    write(dir.resolve("added.hbs"), "new", 20);
    assertThat(await(views.reload())).isTrue();
    assertThat(views.hasTemplate("added")).isTrue();

    // A broken edit keeps the last good templates.
    write(dir.resolve("page.hbs"), "{{#if}}", 30);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(views.reload()))
        .hasStackTraceContaining("page");
    assertThat(views.render("page", Map.of(), Map.of())).isEqualTo("<p>v1 <i>item2</i></p>");
    views.close();
  }

  @Test
  void devTimerPicksUpChangesByItself(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Throwable {
    write(dir.resolve("page.hbs"), "old", 0);
    ViewOptions options = new ViewOptions().setDev(true).setTemplatesDir(dir.toString()).setReloadInterval(20);
    ViewEngine views = await(ViewEngine.create(vertx, options));
    assertThat(views.render("page", Map.of(), Map.of())).isEqualTo("old");
    write(dir.resolve("page.hbs"), "new", 10);
    vertx.setPeriodic(10, id -> {
      if ("new".equals(views.render("page", Map.of(), Map.of()))) {
        vertx.cancelTimer(id);
        views.close();
        test.completeNow();
      }
    });
    assertThat(test.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    if (test.failed()) throw test.causeOfFailure();
  }

  @Test
  void productionEngineNeverReloads(Vertx vertx, @TempDir Path dir) throws Exception {
    write(dir.resolve("page.hbs"), "v1", 0);
    ViewEngine views = await(ViewEngine.create(vertx, new ViewOptions().setTemplatesDir(dir.toString())));
    write(dir.resolve("page.hbs"), "v2", 10);
    assertThat(await(views.reload())).isFalse();
    assertThat(views.render("page", Map.of(), Map.of())).isEqualTo("v1");
  }
}
