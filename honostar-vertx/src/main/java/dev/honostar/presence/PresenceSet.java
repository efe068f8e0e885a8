package dev.honostar.presence;

import dev.honostar.bus.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Who is viewing a topic now, as this node knows it: each member once however many tabs it has
 * open on however many nodes, sorted by name. A template reads {@code members} (each with
 * {@code id} and {@code name}) and {@code count}.
 *
 * <pre>{@code
 * {{#each here.members}}<li>{{name}}</li>{{/each}} ({{here.count}})
 * }</pre>
 */
public record PresenceSet(Topic topic, List<PresenceMember> members) {

  private static final Comparator<PresenceMember> ORDER = Comparator.comparing((PresenceMember m) -> m.name().toLowerCase())
    .thenComparing(PresenceMember::id);

  public PresenceSet {
    List<PresenceMember> sorted = new ArrayList<>(members);
    sorted.sort(ORDER);
    members = List.copyOf(sorted);
  }

  /** @return the set of {@code members} (distinct by id) */
  public static PresenceSet of(Topic topic, Collection<PresenceMember> members) {
    return new PresenceSet(topic, List.copyOf(members));
  }

  /** @return an empty set */
  public static PresenceSet empty(Topic topic) {
    return new PresenceSet(topic, List.of());
  }

  /** @return how many members are present */
  public int count() {
    return members.size();
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** @return whether the member with {@code id} is present */
  public boolean contains(String id) {
    return members.stream().anyMatch(m -> m.id().equals(id));
  }

  /** @return the members' names, in order */
  public List<String> names() {
    return members.stream().map(PresenceMember::name).toList();
  }
}
