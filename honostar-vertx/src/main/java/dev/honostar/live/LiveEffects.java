package dev.honostar.live;

import dev.honostar.command.Effect;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One-off effects for the other tabs of a topic (a toast "Alice closed #12"), carried by the
 * domain event that announces the change. Unlike fat patches they are not state: a tab that was
 * away would miss them, so each is sent with an SSE event id, kept per topic on each node for
 * {@link LiveOptions#getReplayMillis()} (at most {@link LiveOptions#getReplayEvents()} per topic),
 * and sent again to a tab that reconnects with the id of the last one it got. Only custom
 * effects travel (the built-in {@code toast} or those registered with {@code HonoStar.effect}):
 * they are expanded on each node, once per event.
 *
 * <pre>{@code
 * ctx.publish(Topics.issue(id), "issue-closed", LiveEffects.attachForOthers(
 *     new JsonObject().put("id", id), ctx.routingContext(), Effect.toast(user + " closed #" + id)));
 * }</pre>
 */
public final class LiveEffects {

  /** The payload member that carries the effects. */
  public static final String KEY = "_hsEffects";
  /** The cookie that identifies a browser's live streams (see {@code LiveEndpoint.SUBJECT_COOKIE}). */
  private static final String SUBJECT_COOKIE = "ds_live";

  private LiveEffects() {
  }

  /** @return {@code payload} with {@code effects} for every tab of the event's topic */
  public static JsonObject attach(JsonObject payload, Effect... effects) {
    return attach(payload, null, effects);
  }

  /**
   * @return {@code payload} with {@code effects} for every tab of the event's topic except those of
   *     the browser that sent {@code request} (it has the command's own reply)
   */
  public static JsonObject attachForOthers(JsonObject payload, RoutingContext request, Effect... effects) {
    Cookie cookie = request.request().getCookie(SUBJECT_COOKIE);
    return attach(payload, cookie == null ? null : cookie.getValue(), effects);
  }

  private static JsonObject attach(JsonObject payload, String exceptSubject, Effect... effects) {
    JsonArray list = new JsonArray();
    for (Effect e : effects) {
      if (!(e instanceof Effect.Custom c)) {
        throw new IllegalArgumentException("Only custom effects (Effect.toast, Effect.custom) travel to other tabs, not " + e);
      }
      list.add(new JsonObject().put("name", c.name()).put("payload", c.payload()));
    }
    JsonObject carried = new JsonObject().put("effects", list);
    if (exceptSubject != null) {
      // A digest, not the cookie: events cross brokers and logs.
      carried.put("except", digest(exceptSubject));
    }
    return (payload == null ? new JsonObject() : payload).put(KEY, carried);
  }

  /** @return the effects an event's payload carries, empty when none */
  public static List<Effect> effects(JsonObject payload) {
    JsonObject carried = payload == null ? null : payload.getJsonObject(KEY);
    if (carried == null) {
      return List.of();
    }
    List<Effect> out = new ArrayList<>();
    for (Object o : carried.getJsonArray("effects", new JsonArray())) {
      if (o instanceof JsonObject e && e.getString("name") != null) {
        out.add(Effect.custom(e.getString("name"), e.getJsonObject("payload", new JsonObject())));
      }
    }
    return out;
  }

  /** @return whether the tabs of {@code subject} (the live cookie their tokens are bound to) are left out */
  public static boolean excludes(JsonObject payload, String subject) {
    JsonObject carried = payload == null ? null : payload.getJsonObject(KEY);
    String except = carried == null ? null : carried.getString("except");
    return except != null && subject != null && except.equals(digest(subject));
  }

  private static String digest(String subject) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
