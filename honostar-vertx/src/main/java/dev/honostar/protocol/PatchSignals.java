package dev.honostar.protocol;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;

/**
 * Patches signals in the browser ({@code datastar-patch-signals}) with JSON Merge Patch
 * (RFC 7386) semantics: a {@code null} value deletes the signal, nested objects merge.
 *
 * <pre>{@code
 * PatchSignals.of(new JsonObject().put("count", 3).put("error", null));
 * PatchSignals.of(Map.of("draft", "")).onlyIfMissing(true);
 * }</pre>
 */
public final class PatchSignals extends BaseEvent<PatchSignals> implements DatastarEvent {

  private final String json;
  private boolean onlyIfMissing;

  private PatchSignals(String json) {
    this.json = json;
  }

  /** Patches the given signals; encoded as compact JSON. */
  public static PatchSignals of(JsonObject signals) {
    return new PatchSignals(Objects.requireNonNull(signals, "signals").encode());
  }

  /** Patches the given signals; values are encoded with Vert.x's JSON codec. */
  public static PatchSignals of(Map<String, ?> signals) {
    return of(new JsonObject(new java.util.LinkedHashMap<>(signals)));
  }

  /**
   * Patches signals from already encoded JSON, sent as is; a multi-line document becomes
   * several {@code signals} lines, which the browser joins again.
   *
   * @throws IllegalArgumentException if {@code json} is blank
   */
  public static PatchSignals raw(String json) {
    Objects.requireNonNull(json, "json");
    if (json.isBlank()) {
      throw new IllegalArgumentException("signals JSON must not be blank");
    }
    return new PatchSignals(json);
  }

  /** Only sets signals that do not exist yet in the browser. */
  public PatchSignals onlyIfMissing(boolean onlyIfMissing) {
    this.onlyIfMissing = onlyIfMissing;
    return this;
  }

  /** @return the JSON text sent */
  public String json() {
    return json;
  }

  public boolean onlyIfMissing() {
    return onlyIfMissing;
  }

  @Override
  public SseEvent toSseEvent() {
    SseEvent.Builder b = sse(PATCH_SIGNALS);
    if (onlyIfMissing) {
      b.data("onlyIfMissing", "true");
    }
    return b.data("signals", json).build();
  }

  @Override
  public boolean canReplyDirectly() {
    return !hasStreamOptions();
  }

  @Override
  public String toString() {
    return toSseEvent().toString();
  }
}
