package ${package};

import dev.honostar.HonoStarOptions;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two tabs, as two browsers with Datastar would be: a click in one shows in both. */
class AppTest {

  private Vertx vertx;
  private HonoStarTest app;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    app = HonoStarTest.start(vertx, v -> new App().router(v, new HonoStarOptions()));
  }

  @AfterEach
  void stop() {
    app.close();
    vertx.close().await();
  }

  @Test
  void aClickInOneTabCountsInBoth() {
    Tab alice = app.browser().open("/").connect();
    Tab bob = app.browser().open("/").connect();
    alice.awaitText("#count", "Count: 0");

    Response reply = alice.click("#increment");

    assertThat(reply.status()).isEqualTo(204);
    bob.awaitText("#count", "Count: 1");
    alice.awaitText("#count", "Count: 1");
  }
}
