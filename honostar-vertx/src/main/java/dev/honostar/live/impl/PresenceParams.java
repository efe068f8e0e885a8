package dev.honostar.live.impl;

import dev.honostar.page.ViewKey;
import dev.honostar.presence.PresenceMember;
import dev.honostar.security.TopicGrant;

import java.util.HashMap;
import java.util.Map;

/**
 * A tab's presence member in its signed token: two view parameters under the framework's
 * reserved prefix ({@link ViewKey#RESERVED_PREFIX}), which no view key may declare, so the member
 * reaches the stream on any node without a session and never splits a region's views.
 */
public final class PresenceParams {

  static final String ID = ViewKey.RESERVED_PREFIX + "presence.id";
  static final String NAME = ViewKey.RESERVED_PREFIX + "presence.name";

  private PresenceParams() {
  }

  /** @return {@code params} with {@code member} added (a copy; {@code params} unchanged); {@code params} when it is null */
  public static Map<String, String> with(Map<String, String> params, PresenceMember member) {
    if (member == null) {
      return params;
    }
    Map<String, String> out = new HashMap<>(params);
    out.put(ID, member.id());
    out.put(NAME, member.name());
    return out;
  }

  /** @return the member the grant carries, or {@code null} */
  static PresenceMember of(TopicGrant grant) {
    String id = grant.params().get(ID);
    return id == null || id.isEmpty() || id.length() > PresenceMember.MAX_LENGTH ? null
      : new PresenceMember(id, grant.params().get(NAME));
  }
}
