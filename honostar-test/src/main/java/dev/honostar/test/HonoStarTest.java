package dev.honostar.test;

import dev.honostar.test.impl.HonoStarTestImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.util.function.Function;

/**
 * A HonoStar app under test, reached over real HTTP, and the factory of test browsers.
 *
 * <pre>{@code
 * HonoStarTest.run(vertx -> new HelloApp().router(vertx, new HonoStarOptions()), (app, alice) -> {
 *   Browser bob = app.browser();
 *   Tab a = alice.open("/").connect();
 *   Tab b = bob.open("/").connect();
 *   a.click("#increment");
 *   b.awaitText("#count", "Count: 1");
 * });
 * }</pre>
 *
 * <p>The blocking methods of the kit ({@link #start}, {@link Browser#open}, {@link Tab#click},
 * the {@code await…} family) are for the test thread; they refuse to run on a Vert.x event loop.
 */
public interface HonoStarTest extends AutoCloseable {

  /** How long awaits, page loads and actions wait unless told otherwise: 5 seconds. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Builds the app's router with {@code app}, serves it on a free port of {@code localhost} and
   * waits until it listens. {@link #close()} stops the server (not the Vert.x instance).
   */
  static HonoStarTest start(Vertx vertx, Function<Vertx, Future<Router>> app) {
    return HonoStarTestImpl.start(vertx, app, DEFAULT_TIMEOUT);
  }

  /** Points the kit at an app that is already running, e.g. {@code http://localhost:8080}. */
  static HonoStarTest at(Vertx vertx, String baseUrl) {
    return HonoStarTestImpl.at(vertx, baseUrl);
  }

  /** The body of {@link #run}. */
  @FunctionalInterface
  interface Body {
    void accept(HonoStarTest app, Browser browser) throws Exception;
  }

  /**
   * One call for a whole test: creates a Vert.x instance, starts the app, runs {@code body}
   * with the app and a first browser session, then closes everything (also when the body
   * fails; its failure is rethrown).
   */
  static void run(Function<Vertx, Future<Router>> app, Body body) throws Exception {
    HonoStarTestImpl.run(app, body);
  }

  /** @return the app's base URL, e.g. {@code http://localhost:40123}, without a trailing slash */
  String baseUrl();

  /** @return the app's origin (scheme, host and port), what a browser sends in {@code Origin} */
  String origin();

  Vertx vertx();

  /** @return a new browser session with an empty cookie jar */
  Browser browser();

  /** Sets the default timeout of browsers created from now on. */
  HonoStarTest timeout(Duration timeout);

  Duration timeout();

  /** Closes the browsers' connections and, when {@link #start} started it, the server. */
  @Override
  void close();
}
