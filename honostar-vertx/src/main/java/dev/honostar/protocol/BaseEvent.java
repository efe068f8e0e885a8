package dev.honostar.protocol;

/** The SSE options every effect has (event id and retry); internal. */
abstract class BaseEvent<T extends BaseEvent<T>> {

  private String eventId;
  private long retryMillis = SseEvent.DEFAULT_RETRY_MILLIS;

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  /** Sets the SSE event id, echoed by the browser as {@code Last-Event-ID} (stream only). */
  public T eventId(String eventId) {
    this.eventId = eventId == null ? null : Wire.singleLine("event id", eventId);
    return self();
  }

  /** Sets the SSE reconnection delay in milliseconds; 1000 is the default (stream only). */
  public T retry(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("retry must not be negative: " + millis);
    }
    this.retryMillis = millis;
    return self();
  }

  public String eventId() {
    return eventId;
  }

  public long retry() {
    return retryMillis;
  }

  /** @return whether an SSE-only option is set, which rules out a direct reply */
  boolean hasStreamOptions() {
    return eventId != null || retryMillis != SseEvent.DEFAULT_RETRY_MILLIS;
  }

  /** @return a builder for this effect's event with its id and retry applied */
  SseEvent.Builder sse(String type) {
    return SseEvent.builder(type).id(eventId).retry(retryMillis);
  }
}
