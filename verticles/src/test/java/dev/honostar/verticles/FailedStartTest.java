package dev.honostar.verticles;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that fails exits non-zero, so systemd, CI and Kubernetes see the failure; the message
 * says why. Each case is a real {@code vertx run} in a child JVM.
 */
class FailedStartTest {

  static final Duration EXIT = Duration.ofSeconds(60);
  static final String SECRET = "a-test-secret-that-is-long-enough-for-hmac-0123456789";

  @TempDir
  Path dir;
  ChildProcess child;

  @AfterEach
  void tearDown() {
    if (child != null) {
      child.close();
    }
  }

  /** Broker failures (Redis, NATS) are in examples/issues' FailedStartTest: this module has no broker client. */
  static Stream<Arguments> failures() {
    return Stream.of(
      Arguments.of("production without a secret", Map.of("HONOSTAR_ENV", "production"), true, "HONOSTAR_SIGNING_SECRET"),
      Arguments.of("production with a 5-byte secret", Map.of("HONOSTAR_ENV", "production", "HONOSTAR_SIGNING_SECRET", "12345"), true,
        "HONOSTAR_SIGNING_SECRET"),
      Arguments.of("an unknown bus kind", Map.of("HONOSTAR_BUS", "bogus"), true, "Unknown bus kind 'bogus'"),
      Arguments.of("no app configured", Map.of(), false, "No app configured"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aFailedStartExitsNonZeroWithTheReason(String what, Map<String, String> env, boolean withApp, String reason) throws Exception {
    JsonObject conf = new JsonObject().put("http.port", Http.freePort()).put("http.host", "127.0.0.1");
    if (withApp) {
      conf.put("app", TestApp.class.getName());
    }
    Path file = Files.writeString(dir.resolve("conf.json"), conf.encode());
    child = ChildProcess.java(new HashMap<>(env), HonoStarLauncher.class.getName(),
      "run", HonoStarVerticle.class.getName(), "-conf", file.toString());
    int status = child.waitFor(EXIT);
    assertThat(status).as("exit status after %s; output:%n%s", what, child.output()).isNotZero();
    assertThat(child.output()).as(what).containsIgnoringCase(reason).doesNotContain("NullPointerException");
  }

  @org.junit.jupiter.api.Test
  void aVerticleThatIsNotOnTheClassPathExitsNonZero() throws Exception {
    child = ChildProcess.java(Map.of(), HonoStarLauncher.class.getName(), "run", "no.such.Verticle");
    assertThat(child.waitFor(EXIT)).as(child.output()).isNotZero();
    assertThat(child.output()).contains("no.such.Verticle");
  }
}
