package dev.honostar.protocol;

/**
 * An effect Datastar applies in the browser: a patch of elements, a patch of signals or a
 * script to run. Each one encodes to exactly one SSE event; simple ones can also travel as
 * a direct (non-SSE) HTTP reply, see {@link DirectReply}.
 *
 * <pre>{@code
 * DatastarEvent event = PatchElements.of("<div id=\"count\">3</div>");
 * Buffer bytes = event.toSseEvent().buffer();
 * }</pre>
 */
public sealed interface DatastarEvent permits PatchElements, PatchSignals, ExecuteScript {

  /** The SSE event name for element patches (also used by scripts). */
  String PATCH_ELEMENTS = "datastar-patch-elements";
  /** The SSE event name for signal patches. */
  String PATCH_SIGNALS = "datastar-patch-signals";

  /** Sets the SSE event id, echoed by the browser as {@code Last-Event-ID} (stream only). */
  DatastarEvent eventId(String eventId);

  /** Sets the SSE reconnection delay in milliseconds; 1000 is the default (stream only). */
  DatastarEvent retry(long millis);

  /** @return this effect encoded once as SSE bytes, safe to write to many connections */
  SseEvent toSseEvent();

  /**
   * @return whether this effect can be sent as a direct HTTP reply without losing anything
   *     (SSE-only options such as an event id make it stream-only)
   */
  boolean canReplyDirectly();
}
