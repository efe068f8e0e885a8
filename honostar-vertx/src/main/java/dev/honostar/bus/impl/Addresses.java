package dev.honostar.bus.impl;

import dev.honostar.bus.Topic;

/** The names topics get on each transport, and the prefix they share. Internal API. */
public final class Addresses {

  /** Longest address prefix accepted. */
  public static final int MAX_PREFIX_LENGTH = 100;

  private Addresses() {
  }

  /**
   * Validates an address prefix: the characters of a topic name ({@link Topic#isValid}), at most
   * {@value #MAX_PREFIX_LENGTH} of them.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static void validatePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("Invalid bus prefix: must not be empty");
    }
    if (prefix.length() > MAX_PREFIX_LENGTH) {
      throw new IllegalArgumentException("Invalid bus prefix '" + prefix.substring(0, 20) + "...': "
        + prefix.length() + " characters, at most " + MAX_PREFIX_LENGTH + " allowed");
    }
    if (!Topic.isValid(prefix)) {
      throw new IllegalArgumentException("Invalid bus prefix '" + prefix + "': use only letters, digits and . _ : -"
        + " (not ':' first; dots only between other characters)");
    }
  }

  /** The event-bus address, Redis channel and NATS subject of a topic: {@code <prefix>.topic.<topic>}. */
  public static String address(String prefix, Topic topic) {
    return prefix + ".topic." + topic.name();
  }

  /** The topic of an address, or null if the address does not belong to this prefix or names no valid topic. */
  static Topic topicOf(String prefix, String address) {
    String start = prefix + ".topic.";
    if (!address.startsWith(start)) {
      return null;
    }
    String name = address.substring(start.length());
    return Topic.isValid(name) ? Topic.of(name) : null;
  }
}
