package dev.honostar.examples.issues;

import dev.honostar.verticles.HonoStarLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo jar's start ({@code HonoStarLauncher} running {@link IssuesVerticle}) exits non-zero
 * when a broker is unreachable or misconfigured, with a message that says why; each case is a
 * real child JVM against the real Redis/NATS ports.
 */
class FailedStartTest {

  static final Duration EXIT = Duration.ofSeconds(60);
  static final String SECRET = "a-test-secret-that-is-long-enough-for-hmac-0123456789";

  @TempDir
  Path dataDir;
  AppProcess app;

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
  }

  static Stream<Arguments> brokerFailures() throws Exception {
    int closedPort = AppProcess.freePort();
    return Stream.of(
      Arguments.of("Redis unreachable", Map.of("HONOSTAR_REDIS_URL", "redis://127.0.0.1:" + closedPort), "Cannot connect the redis bus"),
      Arguments.of("NATS unreachable", Map.of("HONOSTAR_NATS_URL", "nats://127.0.0.1:" + closedPort), "Cannot connect the nats bus"),
      Arguments.of("a Redis URL that is no URL", Map.of("HONOSTAR_REDIS_URL", "notaurl"), "HONOSTAR_REDIS_URL"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokerFailures")
  void aBrokerFailureAtStartExitsNonZero(String what, Map<String, String> brokerEnv, String reason) throws Exception {
    assertStartFails(what, brokerEnv, reason);
  }

  @Test
  void aWrongRedisPasswordExitsNonZero() throws Exception {
    int port = AppProcess.freePort();
    try (AppProcess redis = AppProcess.start(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
      "--requirepass", "the-password", "--save", "", "--appendonly", "no"), Map.of())) {
      redis.await(l -> l.contains("Ready to accept connections"), EXIT);
      assertStartFails("a wrong Redis password", Map.of("HONOSTAR_REDIS_URL", "redis://:not-the-password@127.0.0.1:" + port),
        "Cannot connect the redis bus");
    }
  }

  private void assertStartFails(String what, Map<String, String> brokerEnv, String reason) throws Exception {
    Map<String, String> env = new HashMap<>(brokerEnv);
    env.put("HONOSTAR_SIGNING_SECRET", SECRET);
    env.put("HONOSTAR_BUS_CONNECT_TIMEOUT_MS", "2000");
    env.put("HONOSTAR_DATA_DIR", dataDir.toString());
    env.put("PORT", Integer.toString(AppProcess.freePort()));
    env.put("ISSUES_BCRYPT_COST", "4");
    app = AppProcess.java(env, HonoStarLauncher.class.getName(), "run", IssuesVerticle.class.getName());
    int status = app.waitFor(EXIT);
    assertThat(status).as("exit status after %s; output:%n%s", what, app.output()).isNotZero();
    assertThat(app.output()).as(what).contains(reason).doesNotContain("NullPointerException").doesNotContain("not-the-password");
  }
}
