package dev.honostar.test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.Map;

/**
 * A browser session: one cookie jar (so one {@code ds_session} and one {@code ds_csrf}
 * cookie) shared by its tabs. Create several to act as several users.
 */
public interface Browser {

  /**
   * Opens a new tab and loads {@code path} (relative to the app, or absolute) like a browser
   * navigation: cookies sent and stored, redirects followed. The status is recorded, not
   * asserted; see {@link Tab#status()}.
   */
  Tab open(String path);

  /** @return the cookies this session holds, name → value (HttpOnly ones included) */
  Map<String, String> cookies();

  /** @return one cookie's value, or null */
  String cookie(String name);

  /** Sets (or with null removes) a cookie, e.g. to simulate tampering. */
  Browser cookie(String name, String value);

  /** Forgets every cookie (a new session on the next request). */
  Browser clearCookies();

  /**
   * Opens an SSE stream with this session's cookies and Datastar's request headers, for
   * protocol assertions; nothing is applied to any page.
   */
  SseRecorder record(String pathAndQuery);

  /**
   * Like {@link #record(String)}, with more request headers (they replace Datastar's of the same
   * name): a reconnect's {@code Last-Event-ID}, an {@code Accept-Encoding}, a {@code Cookie}
   * header of the test's choosing instead of the jar's.
   *
   * <pre>{@code
   * try (SseRecorder again = browser.record("/_/events?datastar=" + query,
   *     MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", lastId))) {
   *   again.awaitEvent(e -> e.raw().contains("id: " + nextId));
   * }
   * }</pre>
   */
  SseRecorder record(String pathAndQuery, MultiMap headers);

  /**
   * Sends one request with this session's cookies (and stores the cookies of its reply) and
   * returns the reply as received: redirects are not followed and nothing is applied to any
   * page. For what no page would send — a form post with fields of the test's choosing, a
   * Datastar request without its CSRF header — and to read a reply's raw status and headers
   * ({@code Location}, {@code Set-Cookie}). The session's cookies are added unless
   * {@code headers} has a {@code Cookie} header.
   *
   * <pre>{@code
   * Response r = browser.request("POST", "/items",
   *   MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-www-form-urlencoded"),
   *   Buffer.buffer("title=milk"));
   * assertThat(r.status()).isEqualTo(403);   // no _csrf field
   * }</pre>
   *
   * @param body the request body, or null
   */
  Response request(String method, String path, MultiMap headers, Buffer body);

  /** Sets the default timeout of tabs opened from now on. */
  Browser timeout(Duration timeout);

  Duration timeout();

  /** Closes every tab's streams. */
  void close();
}
