package dev.honostar.bus;

import java.util.Objects;

/**
 * A named stream of domain events, such as {@code issues} or {@code issue:42}. A topic has a
 * family (the part before the first {@code :}) that pages key their queries by, and an
 * optional key (the rest). Apps declare their topics in one place:
 *
 * <pre>{@code
 * public final class Topics {
 *   public static Topic issues() { return Topic.of("issues"); }
 *   public static Topic issue(long id) { return Topic.of("issue", id); }
 * }
 * }</pre>
 *
 * Names use letters, digits and {@code . _ - :}, at most {@value #MAX_LENGTH} characters, not
 * starting with {@code :}, with dots only between other characters (NATS rejects an empty
 * dot-separated token), so they are safe as event-bus addresses, Redis channels and NATS
 * subjects. This one rule holds wherever a topic is made: {@link #of}, {@link DomainEvent},
 * {@link TopicBus#subscribe}, a page's queries and a command's {@code publish}.
 */
public final class Topic implements Comparable<Topic> {

  /** The longest topic name accepted. */
  public static final int MAX_LENGTH = 200;

  private final String name;
  private final int colon;

  private Topic(String name) {
    this.name = name;
    this.colon = name.indexOf(':');
  }

  /**
   * @throws IllegalArgumentException naming the rule when {@code name} is not a valid topic
   */
  public static Topic of(String name) {
    return new Topic(validate(name));
  }

  /** A topic in a family with a key, e.g. {@code Topic.of("issue", 42)} is {@code issue:42}. */
  public static Topic of(String family, Object key) {
    Objects.requireNonNull(key, "key");
    if (family.indexOf(':') >= 0) {
      throw new IllegalArgumentException("Topic family must not contain ':': " + family);
    }
    return of(family + ":" + key);
  }

  /** @return whether {@code name} is a valid topic name */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    char first = name.charAt(0);
    if (first == ':' || first == '.' || name.charAt(name.length() - 1) == '.') {
      return false;
    }
    char previous = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == ':' || (c == '.' && previous != '.');
      if (!ok) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  private static String validate(String name) {
    if (!isValid(name)) {
      String shown = name == null ? "null" : (name.length() > 60 ? name.substring(0, 60) + "…" : name);
      throw new IllegalArgumentException("Invalid topic '" + shown + "': use 1 to " + MAX_LENGTH
        + " letters, digits, '.', '_', '-' or ':' (not first; dots only between other characters)");
    }
    return name;
  }

  /** @return the full name, e.g. {@code issue:42} */
  public String name() {
    return name;
  }

  /** @return the family, e.g. {@code issue} for {@code issue:42} */
  public String family() {
    return colon < 0 ? name : name.substring(0, colon);
  }

  /** @return the key, e.g. {@code 42} for {@code issue:42}, or {@code null} */
  public String key() {
    return colon < 0 ? null : name.substring(colon + 1);
  }

  @Override
  public int compareTo(Topic o) {
    return name.compareTo(o.name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topic t && t.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
