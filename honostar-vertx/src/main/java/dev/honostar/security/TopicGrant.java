package dev.honostar.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a topic token allows: the {@code topics} a tab may subscribe to, the {@code scope} (page id)
 * the subscription renders, the {@code subject} it was issued to and when it expires.
 * <p>
 * {@code topics} is canonical: sorted and de-duplicated, so the same set always signs the same.
 * {@code expiresAt} is truncated to whole seconds, which is what the token carries.
 * {@code subject} must be an identity the server issued (session id, server-generated tab id),
 * never a value taken from the browser, or one user's token would be usable by another.
 *
 * <pre>{@code
 * TopicGrant grant = new TopicGrant(List.of("room:42", "presence:42"), "room-page",
 *     session.id(), Instant.now().plusSeconds(300));
 * }</pre>
 */
public record TopicGrant(List<String> topics, String scope, String subject, Instant expiresAt) {

  public TopicGrant {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (String topic : topics) {
      if (topic == null || topic.isEmpty()) {
        throw new IllegalArgumentException("topics must not contain null or empty names");
      }
      sorted.add(topic);
    }
    topics = List.copyOf(sorted);
    expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Convenience for any collection of topics. */
  public static TopicGrant of(Collection<String> topics, String scope, String subject, Instant expiresAt) {
    return new TopicGrant(List.copyOf(topics), scope, subject, expiresAt);
  }

  /** Whether this grant allows {@code topic}. */
  public boolean allows(String topic) {
    return java.util.Collections.binarySearch(topics, topic) >= 0;
  }
}
