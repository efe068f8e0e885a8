package dev.honostar.security;

import dev.honostar.security.impl.TopicTokensImpl;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Signs and verifies topic tokens: the proof, handed to a page when it is rendered, that its SSE
 * connection may subscribe to some topics.
 * <p>
 * A token is {@code base64url(payload) + "." + base64url(HMAC-SHA256(secret, payload))}, where the
 * payload is a canonical binary encoding of (version, expiry, scope, subject, sorted topics, sorted
 * view parameters, viewer key). It is
 * URL-safe, so it can travel in a query string or a Datastar signal. It is signed with the current
 * secret and verified with the current or the previous one, so secrets can be rotated without
 * cutting open pages off. Tokens are not encrypted: topic names are visible to whoever holds one.
 * <p>
 * Thread-safe; one instance can be shared by all verticles.
 *
 * <pre>{@code
 * TopicTokens tokens = TopicTokens.create(SigningSecrets.resolve(options, env, distributed), options);
 * String token = tokens.sign(tokens.grant(List.of("room:42"), "room-page", session.id()));
 * // later, on the SSE endpoint:
 * TopicGrant grant = tokens.verify(ctx.request().getParam("token"), session.id());
 * }</pre>
 */
public interface TopicTokens {

  /** Token format version; part of the signed payload. Version 1 tokens (no view) still verify. */
  int VERSION = 2;

  static TopicTokens create(SigningSecrets secrets, SecurityOptions options) {
    return new TopicTokensImpl(secrets, options, Clock.systemUTC());
  }

  /** As {@link #create(SigningSecrets, SecurityOptions)}, with a clock (for tests). */
  static TopicTokens create(SigningSecrets secrets, SecurityOptions options, Clock clock) {
    return new TopicTokensImpl(secrets, options, clock);
  }

  /** A grant expiring after the configured {@code tokenLifetimeSeconds} from now. */
  TopicGrant grant(Collection<String> topics, String scope, String subject);

  /**
   * A grant for a tab's view: the URL parameters its regions depend on and its viewer key,
   * expiring after the configured {@code tokenLifetimeSeconds} from now.
   */
  TopicGrant grant(Collection<String> topics, String scope, String subject, Map<String, String> params, String viewer);

  /**
   * Signs a grant with the current secret.
   *
   * @throws IllegalArgumentException when the grant has more than {@code maxTopics} topics, its
   *     view is larger than {@code maxViewBytes} or its token would be longer than
   *     {@code maxTokenLength}
   */
  String sign(TopicGrant grant);

  /**
   * Checks a token and returns its grant.
   *
   * @param token as received; may be {@code null} or any garbage
   * @param expectedSubject the identity of the caller, taken from the server side (session)
   * @throws TokenRejectedException whenever the token is not genuine, current and the caller's;
   *     never any other exception for any {@code token}
   */
  TopicGrant verify(String token, String expectedSubject) throws TokenRejectedException;

  /** True when less than a third of the configured lifetime is left (or it has expired). */
  boolean needsRefresh(TopicGrant grant, Instant now);
}
