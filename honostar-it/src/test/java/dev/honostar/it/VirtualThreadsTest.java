package dev.honostar.it;

import dev.honostar.impl.BlockingExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On Java 21+ blocking loaders and commands run on virtual threads. CI runs this class on JDK
 * 25 as well; on Java 17 it is skipped with the reason.
 */
class VirtualThreadsTest extends BoardFixture {

  @BeforeEach
  void needsVirtualThreads() {
    assumeTrue(BlockingExecutor.virtualThreadsAvailable(),
      "virtual threads need Java 21 or newer; this JVM is Java " + Runtime.version().feature() + ", so blocking work runs on worker threads");
  }

  @Test
  void blockingLoaderRunsOnAVirtualThread() throws Exception {
    app.items.add("on a virtual thread");
    TestBrowser b = testBrowser();
    assertThat(b.open("/items/0").statusCode()).isEqualTo(200);
    assertThat(app.loaderThread.get()).startsWith("VirtualThread");
  }

  @Test
  void blockingCommandRunsOnAVirtualThreadAndPublishes() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream s = b.stream();
    s.awaitContains("<ul id=\"items\"></ul>");
    app.items.add("gone soon");
    assertThat(b.command(HttpMethod.DELETE, "/items", new JsonObject()).statusCode()).isEqualTo(204);
    assertThat(app.items).isEmpty();
    s.awaitContains("data: elements <ul id=\"items\"></ul>\n\nevent");
  }
}
