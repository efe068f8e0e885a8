package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Startup refuses unsafe configurations with a clear message. */
class SecurityWiringTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void productionWithoutASigningSecretDoesNotStart() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of()).setProduction(true);
    assertThatThrownBy(() -> new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(10, TimeUnit.SECONDS))
      .hasMessageContaining("HONOSTAR_SIGNING_SECRET");
  }

  @Test
  void aSharedBusWithoutASigningSecretDoesNotStart() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    options.getBus().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:6379");
    assertThatThrownBy(() -> new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(10, TimeUnit.SECONDS))
      .hasMessageContaining("HONOSTAR_SIGNING_SECRET");
  }

  @Test
  void anUnreachableBrokerFailsStartupInsteadOfFallingBackToMemory() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", "0123456789abcdef0123456789abcdef"));
    options.getBus().setKind(BusKind.NATS).setNatsUrl("nats://127.0.0.1:1").setConnectTimeout(1000);
    assertThatThrownBy(() -> new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS))
      .hasMessageContaining("NATS");
  }
}
