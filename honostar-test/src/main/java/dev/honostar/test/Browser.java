package dev.honostar.test;

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

  /** Sets the default timeout of tabs opened from now on. */
  Browser timeout(Duration timeout);

  Duration timeout();

  /** Closes every tab's streams. */
  void close();
}
