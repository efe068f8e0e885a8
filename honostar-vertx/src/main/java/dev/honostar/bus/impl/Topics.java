package dev.honostar.bus.impl;

import java.util.regex.Pattern;

/** Topic and prefix validation, and the names topics get on each transport. Internal API. */
public final class Topics {

  /** Longest topic name accepted. */
  public static final int MAX_TOPIC_LENGTH = 200;

  // Dots must separate non-empty parts because NATS treats "." as a token separator and rejects empty tokens.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*");

  private Topics() {
  }

  /**
   * Validates a topic name.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static void validateTopic(String topic) {
    check("topic", topic, MAX_TOPIC_LENGTH);
  }

  /** Validates an address prefix (same rules as topics, at most 100 characters). */
  public static void validatePrefix(String prefix) {
    check("bus prefix", prefix, 100);
  }

  private static void check(String what, String value, int max) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + what + ": must not be empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException("Invalid " + what + " '" + value.substring(0, 20) + "...': "
        + value.length() + " characters, at most " + max + " allowed");
    }
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid " + what + " '" + value + "': use only letters, digits and . _ : -"
        + " (dots only between other characters)");
    }
  }

  /** The event-bus address, Redis channel and NATS subject of a topic: {@code <prefix>.topic.<topic>}. */
  public static String address(String prefix, String topic) {
    return prefix + ".topic." + topic;
  }

  /** The topic of an address, or null if the address does not belong to this prefix. */
  static String topicOf(String prefix, String address) {
    String start = prefix + ".topic.";
    return address.startsWith(start) ? address.substring(start.length()) : null;
  }
}
