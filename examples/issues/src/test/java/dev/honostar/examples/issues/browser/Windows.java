package dev.honostar.examples.issues.browser;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The browser windows of one test. After the test it closes every window it opened and fails
 * the test when any of them logged a console error or an uncaught page error, in any document
 * it showed ({@link Window#consoleErrors()}). It runs right after the test method, before the
 * class's {@code @AfterEach} methods, so the windows are gone before a test stops its app (which
 * would cut their live streams). Register it on each browser test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * final Windows windows = new Windows();
 * ...
 * Window alice = windows.open("http://localhost:" + port);
 * }</pre>
 */
final class Windows implements AfterTestExecutionCallback {

  private final List<Window> open = new ArrayList<>();

  /** A new browser (fresh profile, so its own cookies) on the app at {@code base}. */
  Window open(String base) {
    Window w = new Window(base);
    open.add(w);
    return w;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    List<String> errors = new ArrayList<>();
    RuntimeException closing = null;
    for (int i = 0; i < open.size(); i++) {
      Window w = open.get(i);
      try {
        for (String e : w.consoleErrors()) {
          errors.add("window " + (i + 1) + ": " + e);
        }
      } catch (RuntimeException e) {
        errors.add("window " + (i + 1) + ": its console could not be read: " + e);
      } finally {
        try {
          w.close();
        } catch (RuntimeException e) {
          closing = e;
        }
      }
    }
    open.clear();
    if (!errors.isEmpty()) {
      throw new AssertionError("The browser reported " + errors.size() + " console error(s):\n  " + String.join("\n  ", errors));
    }
    if (closing != null) {
      throw closing;
    }
  }
}
