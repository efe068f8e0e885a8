package dev.honostar.it;

import dev.honostar.impl.BlockingExecutor;
import dev.honostar.test.Tab;

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
    assertThat(browser().open("/items/0").status()).isEqualTo(200);
    assertThat(app.loaderThread.get()).startsWith("VirtualThread");
  }

  @Test
  void blockingCommandRunsOnAVirtualThreadAndPublishes() throws Exception {
    Tab s = browser().open("/board").connect();
    awaitReceived(s, "<ul id=\"items\"></ul>");
    app.items.add("gone soon");
    assertThat(command(s, HttpMethod.DELETE, "/items", new JsonObject()).status()).isEqualTo(204);
    assertThat(app.items).isEmpty();
    awaitReceivedText(s, "data: elements <ul id=\"items\"></ul>\n\nevent");
  }
}
