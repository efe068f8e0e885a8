package dev.honostar.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a topic token allows: the {@code topics} a tab may subscribe to, the {@code scope} (page id)
 * the subscription renders, the {@code subject} it was issued to, when it expires, and the view
 * the tab loaded: the URL {@code params} its regions depend on and its {@code viewer} key.
 * <p>
 * {@code params} is canonical (sorted by name); a parameter the URL did not have is absent.
 * {@code viewer} is {@code ""} when the page gives none.
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
public record TopicGrant(List<String> topics, String scope, String subject, Instant expiresAt,
                         SortedMap<String, String> params, String viewer) {

  /** A grant without view parameters or viewer key. */
  public TopicGrant(List<String> topics, String scope, String subject, Instant expiresAt) {
    this(topics, scope, subject, expiresAt, Collections.emptySortedMap(), "");
  }

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
    TreeMap<String, String> view = new TreeMap<>();
    if (params != null) {
      params.forEach((name, value) -> {
        if (name == null || name.isEmpty() || value == null) {
          throw new IllegalArgumentException("view parameters must have names and values");
        }
        view.put(name, value);
      });
    }
    params = Collections.unmodifiableSortedMap(view);
    viewer = viewer == null ? "" : viewer;
  }

  /** @return this grant with a new expiry (a refreshed token for the same view) */
  public TopicGrant renewed(Instant expiresAt) {
    return new TopicGrant(topics, scope, subject, expiresAt, params, viewer);
  }

  /** @return the UTF-8 bytes of the view (parameter names, values and viewer key), bounded by {@code maxViewBytes} */
  public int viewBytes() {
    int n = viewer.getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, String> e : params.entrySet()) {
      n += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
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
