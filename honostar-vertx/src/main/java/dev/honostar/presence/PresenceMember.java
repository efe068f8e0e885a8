package dev.honostar.presence;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Who is present: an {@code id} that is the same for all of a user's tabs (so many tabs count
 * once) and the {@code name} a region shows.
 *
 * <pre>{@code
 * public PresenceMember presenceMember(PageContext ctx, Issue model) {
 *   User user = ctx.session().get("user");
 *   return user == null ? null : PresenceMember.of("user-" + user.id(), user.name());
 * }
 * }</pre>
 *
 * @param id 1 to {@value #MAX_LENGTH} characters, e.g. the user's id
 * @param name at most {@value #MAX_LENGTH} characters; the id when empty
 */
public record PresenceMember(String id, String name) {

  /** The longest id or name accepted. */
  public static final int MAX_LENGTH = 100;

  public PresenceMember {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("A presence member's id has 1 to " + MAX_LENGTH + " characters");
    }
    name = name == null || name.isEmpty() ? id : name;
    if (name.length() > MAX_LENGTH) {
      name = name.substring(0, MAX_LENGTH);
    }
  }

  public static PresenceMember of(String id, String name) {
    return new PresenceMember(id, name);
  }

  /** The wire form: {@code {"id":…,"name":…}}. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }

  /** @return the member of the wire form, or {@code null} when it is malformed */
  public static PresenceMember fromJson(Object json) {
    if (json instanceof JsonObject o && o.getValue("id") instanceof String id && !id.isEmpty() && id.length() <= MAX_LENGTH) {
      return new PresenceMember(id, o.getValue("name") instanceof String n ? n : id);
    }
    return null;
  }
}
