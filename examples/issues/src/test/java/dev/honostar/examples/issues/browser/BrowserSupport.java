package dev.honostar.examples.issues.browser;

import dev.honostar.examples.issues.IssuesApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the real-browser tests need from the machine, and the demo started in-process for them.
 *
 * <p>They run only with the Datastar runtime v1.0.2 at {@code HONOSTAR_VIEW_DATASTAR_FILE} or the older {@code HONOSTAR_DATASTAR_JS} (it is on no
 * package registry, so it is not in the repository) and Chromium with chromedriver installed
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; {@code HONOSTAR_CHROMIUM} and
 * {@code HONOSTAR_CHROMEDRIVER} point elsewhere). Without them every test is skipped with one
 * line saying what is missing, except on CI ({@code CI=true}), where a missing runtime or browser
 * fails every browser test instead: CI must never pass without having run them.
 */
final class BrowserSupport {

  static final String DATASTAR_ENV = "HONOSTAR_VIEW_DATASTAR_FILE";
  /** The older name, which .ci/run still sets. */
  static final String OLD_DATASTAR_ENV = "HONOSTAR_DATASTAR_JS";

  /** The runtime file's path from the environment, new name first, or {@code null}. */
  static String datastarPath() {
    String path = System.getenv(DATASTAR_ENV);
    return path != null && !path.isBlank() ? path : System.getenv(OLD_DATASTAR_ENV);
  }
  /** The SRI hash of {@code bundles/datastar.js} at tag v1.0.2 of starfederation/datastar. */
  static final String DATASTAR_SHA384 = "sha384-SnyFlWTdFL3c8+9/1WsPuMFBq6AQOGC1LmS9upY4YkM3En3wZr5q2UvydHaMgOVG";
  static final Path CHROMIUM = Path.of(envOr("HONOSTAR_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(envOr("HONOSTAR_CHROMEDRIVER", "/usr/bin/chromedriver"));

  /** How long a test waits for something the page should do at once (a patch, a toast). */
  static final Duration WAIT = Duration.ofSeconds(10);

  private BrowserSupport() {
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** Why the browser tests cannot run here, or null when they can. */
  static String missing() {
    String datastar = datastarPath();
    if (datastar == null || datastar.isBlank() || !Files.isRegularFile(Path.of(datastar))) {
      return "browser tests need " + DATASTAR_ENV + "=<path to datastar.js v1.0.2> (see docs/testing.md)"
        + (datastar == null || datastar.isBlank() ? "" : "; there is no file at " + datastar);
    }
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      return "browser tests need Chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
        + " (apt-get install -y chromium chromium-driver; see docs/testing.md)";
    }
    return null;
  }

  /** Whether this is a CI run ({@code CI=true}), where the browser tests must run, never skip. */
  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Disables a browser test class, with one line of reason (shown once per class), when
   * {@link #missing()} names something, but not on CI, where {@link #requireBrowserAndRuntime()}
   * then fails. {@code @ExtendWith} it on each browser test class.
   */
  static final class Condition implements ExecutionCondition {
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String missing = missing();
      if (missing == null) {
        return ConditionEvaluationResult.enabled("Chromium, chromedriver and the Datastar runtime are here");
      }
      if (onCi()) {
        return ConditionEvaluationResult.enabled("CI=true: the browser tests run, and fail on what is missing");
      }
      if (context.getTestMethod().isEmpty() && TOLD.compareAndSet(false, true)) {
        System.err.println("[browser tests skipped] " + missing);
      }
      return ConditionEvaluationResult.disabled(missing);
    }
  }

  /**
   * Skips the calling test class, with one line of reason, when the runtime file or the browser
   * is missing (fails instead on CI); fails when the file is there but is not Datastar v1.0.2 (a
   * wrong runtime would only produce confusing failures further on).
   *
   * @return the path of the Datastar runtime
   */
  static Path requireBrowserAndRuntime() {
    String missing = missing();
    if (missing != null && onCi()) {
      fail("CI=true and " + missing);
    }
    assumeTrue(missing == null, missing);
    Path file = Path.of(datastarPath());
    String sri = sri(file);
    if (!DATASTAR_SHA384.equals(sri)) {
      fail(DATASTAR_ENV + "=" + file + " is not Datastar v1.0.2: its hash is " + sri + ", expected " + DATASTAR_SHA384);
    }
    return file;
  }

  private static String sri(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-384").digest(Files.readAllBytes(file));
      return "sha384-" + Base64.getEncoder().encodeToString(digest);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file + ": " + e, e);
    }
  }

  /** The demo's environment: its own H2 data dir, a free port, fast bcrypt, the self-hosted runtime. */
  static Map<String, String> env(Path dataDir, Path datastar) {
    Map<String, String> env = new HashMap<>();
    env.put("HONOSTAR_DATA_DIR", dataDir.toString());
    env.put("PORT", "0");
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_DB_POOL_SIZE", "4");
    env.put(DATASTAR_ENV, datastar.toString());
    return env;
  }

  static IssuesApp.Running start(Vertx vertx, Map<String, String> env) {
    return await(IssuesApp.start(vertx, env));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("failed: " + e, e);
    }
  }

  static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A browser that has not quite let go of its profile: leave the rest to the OS's temp cleanup.
    }
  }
}
