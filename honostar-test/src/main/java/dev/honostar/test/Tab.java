package dev.honostar.test;

import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Document;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One browser tab: a page loaded into a jsoup {@link Document}, its Datastar signals, and the
 * live stream the Datastar runtime would open, all updated as events arrive.
 *
 * <p>Network I/O happens on Vert.x threads; every change to the page happens under the tab's
 * lock, and the reading methods return snapshots. Call the tab from the test thread.
 *
 * <p>What runs like the runtime: {@code data-signals*} and {@code data-bind*} (on load and on
 * every patch), {@code data-init} (on {@link #connect()}), {@code data-on:<event>} with
 * {@code @get/@post/@put/@patch/@delete('url', {options})} and {@code $signal = literal}
 * statements, direct replies, SSE replies, signal patches, the reset of a named form after a
 * successful command (the controls the test filled get their initial values back), scripts
 * (recorded, not run).
 * Anything else in an expression fails with {@link UnsupportedExpressionException}.
 */
public interface Tab {

  // ---- Page ---------------------------------------------------------------------------------

  /** @return a snapshot (deep copy) of the page */
  Document document();

  /** @return the page's HTML now */
  String html();

  /** @return the outer HTML of the first element matching {@code selector}, or null */
  String html(String selector);

  /** @return the normalised text of the first element matching {@code selector}, or null */
  String text(String selector);

  /** @return whether an element matches {@code selector} */
  boolean has(String selector);

  /** @return how many elements match {@code selector} */
  int count(String selector);

  /** @return the URL of the page (after redirects) */
  String url();

  /** @return the HTTP status of the page load */
  int status();

  /** @return the page load's response, with the redirects that led to it */
  Response response();

  /** Loads another page in this tab (closes its streams first). */
  Tab navigate(String path);

  /** Loads the page again. */
  Tab reload();

  // ---- Signals ------------------------------------------------------------------------------

  /** @return a copy of the page's signals */
  JsonObject signals();

  /** @return the signal at a dotted path ({@code "errors.title"}), or null */
  Object signal(String path);

  /** Sets a signal (null deletes it) and updates the inputs bound to it. */
  Tab setSignal(String path, Object value);

  /**
   * Types into a form control: sets its value in the page and, when it has {@code data-bind},
   * the bound signal.
   */
  Tab fill(String selector, String value);

  // ---- Live stream --------------------------------------------------------------------------

  /**
   * Runs the page's {@code data-init} expressions as the runtime does on load, opening the
   * live stream ({@code GET /_/events?datastar={"_hslive":{"t":…}}}); returns once the stream
   * answered. Events are applied to the page as they arrive.
   *
   * @throws AssertionError when the stream is refused (status and body in the message)
   */
  Tab connect();

  /** Like {@link #connect()}, but returns the stream's status (200, or e.g. 403) instead of failing. */
  int tryConnect();

  /** Closes the open streams, as when the tab goes away or the network drops. */
  Tab disconnect();

  /** @return whether a stream of this tab is open */
  boolean connected();

  /** Waits until the server ended every stream of this tab (e.g. on drain). */
  Tab awaitDisconnected();

  // ---- Actions ------------------------------------------------------------------------------

  /**
   * Clicks the first element matching {@code selector}: runs the {@code data-on:click}
   * handlers of it and its ancestors, then, unless prevented, the default action (a link
   * navigates, a submit button submits its form). Waits until the resulting requests finished
   * and their replies were applied; returns the last response (null when nothing was sent).
   */
  Response click(String selector);

  /** Dispatches {@code event} (e.g. {@code "change"}, {@code "keydown"}) at the element; see {@link #click}. */
  Response trigger(String selector, String event);

  /** Like {@link #trigger} without waiting for the replies; for actions whose reply stream stays open. */
  CompletableFuture<Response> triggerAsync(String selector, String event);

  /**
   * Fills and submits a form as a browser with JavaScript: the fields are typed into the
   * form's controls (updating bound signals); then its {@code data-on:submit} runs, or, when it
   * has none, the form is posted like {@link #submitWithoutJavaScript}.
   */
  Response submit(String formSelector, Map<String, String> fields);

  /**
   * Chooses a file for a file input, as a user picking it would; it is sent when the input's form
   * is submitted ({@link #submit} or {@link #submitWithoutJavaScript}) as {@code multipart/form-data}
   * (the form's {@code enctype}), after the form's other fields.
   *
   * <pre>{@code
   * tab.attach("#attachment", "notes.txt", "text/plain", "hello".getBytes(UTF_8))
   *    .submit("#attach-form", Map.of());
   * }</pre>
   */
  Tab attach(String inputSelector, String fileName, String contentType, byte[] content);

  /**
   * Submits a form as a browser without JavaScript: its successful controls (including the
   * hidden {@code _csrf} field) plus {@code fields} are sent to its {@code action} with its
   * {@code method}, redirects are followed (POST-redirect-GET) and the final page loaded into
   * this tab.
   */
  Response submitWithoutJavaScript(String formSelector, Map<String, String> fields);

  /** Runs a Datastar expression as if an element of the page had it (e.g. {@code "@post('/x')"}). */
  Response run(String expression);

  // ---- Recording ----------------------------------------------------------------------------

  /** @return every event applied to this page so far (stream events and replies), oldest first */
  List<ReceivedEvent> events();

  /** @return the scripts the page was asked to run, oldest first */
  List<RecordedScript> scripts();

  /** @return the URL the last recorded script navigated to, if any */
  Optional<String> navigation();

  /** Opens the URL of {@link #navigation()} in this tab. */
  Tab followNavigation();

  /** @return the requests this tab made, one line each ({@code POST http://… → 204}) */
  List<String> requests();

  /** @return what the runtime would have logged (patch targets not found, unevaluated attributes, failed requests) */
  List<String> warnings();

  // ---- Awaiting -----------------------------------------------------------------------------

  /** Waits until the first element matching {@code selector} has exactly this normalised text. */
  Tab awaitText(String selector, String text);

  /** Waits until an element matching {@code selector} contains this text. */
  Tab awaitTextContaining(String selector, String text);

  /** Waits until an element matches {@code selector}. */
  Tab awaitElement(String selector);

  /** Waits until no element matches {@code selector}. */
  Tab awaitNoElement(String selector);

  /** Waits until the signal at a dotted path equals {@code value} (compared as JSON; null = absent). */
  Tab awaitSignal(String path, Object value);

  /** Waits until the predicate holds for the page (evaluated under the lock, on each change). */
  Tab awaitCondition(Predicate<Document> condition);

  /** Waits until the predicate holds, with a description for the failure message. */
  Tab awaitCondition(String description, Predicate<Document> condition);

  /** Waits until at least {@code n} events were received in total. */
  Tab awaitEvents(int n);

  /** Waits for an event (received so far or later) matching the predicate, and returns it. */
  ReceivedEvent awaitEvent(Predicate<ReceivedEvent> predicate);

  /** Sets this tab's timeout for awaits and actions. */
  Tab timeout(Duration timeout);

  Duration timeout();
}
