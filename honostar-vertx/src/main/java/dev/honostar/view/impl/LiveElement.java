package dev.honostar.view.impl;

import dev.honostar.protocol.impl.Html;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;

/**
 * The hidden element that opens a page's live stream, as the layout's {@code {{live}}} writes
 * it: Datastar reads the topic token from its signals and opens the stream with a GET that
 * sends that signal only, on load and again on {@code hs-reconnect}.
 *
 * <pre>{@code
 * new LiveElement("/_/events", "_hslive", token).html()
 * // <div id="hs-live" hidden data-signals='{&quot;_hslive&quot;:{&quot;t&quot;:…}}' data-init="@get('/_/events',…)" …></div>
 * }</pre>
 *
 * @param eventsUrl the stream endpoint's URL path, mount point included
 * @param signal the signal the token travels in (only it is sent to the stream)
 * @param token the signed topic token
 * @param shown fingerprints of the regions the page rendered ({@link RegionFingerprints}), sent
 *     as {@code <signal>.s} so the stream leaves out what the tab already shows; may be empty
 */
public record LiveElement(String eventsUrl, String signal, String token, Map<String, String> shown) {

  /** The id of the live element. */
  public static final String ID = "hs-live";

  public LiveElement {
    Objects.requireNonNull(eventsUrl, "eventsUrl");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(token, "token");
    shown = Map.copyOf(shown);
  }

  /** An element without region fingerprints. */
  public LiveElement(String eventsUrl, String signal, String token) {
    this(eventsUrl, signal, token, Map.of());
  }

  /** @return this element carrying {@code shown} (see {@link RegionFingerprints}) */
  public LiveElement withShown(Map<String, String> shown) {
    return new LiveElement(eventsUrl, signal, token, shown);
  }

  /** @return the element's markup, every value escaped */
  public String html() {
    String action = "@get('" + eventsUrl + "',{filterSignals:{include:/^" + signal + "\\./,exclude:/(?!)/}})";
    JsonObject live = new JsonObject().put("t", token);
    if (!shown.isEmpty()) {
      live.put("s", new JsonObject(new java.util.LinkedHashMap<>(shown)));
    }
    String signals = new JsonObject().put(signal, live).encode();
    return "<div id=\"" + ID + "\" hidden data-signals='" + Html.escape(signals) + "' data-init=\"" + Html.escape(action)
      + "\" data-on:hs-reconnect=\"" + Html.escape(action) + "\"></div>";
  }

  @Override
  public String toString() {
    return html();
  }
}
