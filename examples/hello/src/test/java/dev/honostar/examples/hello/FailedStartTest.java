package dev.honostar.examples.hello;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar hello.jar} with a configuration it cannot start with exits non-zero with the reason. */
class FailedStartTest {

  private static Process start(String... env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
      System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), HelloApp.class.getName()))
      .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("HONOSTAR_"));
    pb.environment().put("PORT", "0");
    // later pairs win, e.g. PORT
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    return pb.start();
  }

  private static void assertExitsNonZero(String reason, String... env) throws Exception {
    Process p = start(env);
    try {
      // The output is small: reading it to the end waits for the exit.
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited; output:%n%s", output).isTrue();
      assertThat(p.exitValue()).as(output).isNotZero();
      assertThat(output).contains(reason);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void anInvalidVariableExitsNonZero() throws Exception {
    assertExitsNonZero("Could not start: HONOSTAR_BUS_KIND has an invalid value 'bogus' (expected local/clustered/redis/nats)",
      "HONOSTAR_BUS_KIND", "bogus");
    assertExitsNonZero("Could not start: PORT must be a port number", "PORT", "eighty");
  }

  @Test
  void productionWithoutASecretExitsNonZero() throws Exception {
    assertExitsNonZero("HONOSTAR_SIGNING_SECRET", "HONOSTAR_ENV", "production");
  }
}
