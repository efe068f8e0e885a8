package dev.honostar.security;

import dev.honostar.security.TokenRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TopicTokensTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef-current";
  static final String OTHER = "fedcba9876543210fedcba9876543210-another";
  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  final SecurityOptions options = new SecurityOptions();
  final TopicTokens tokens = tokensAt(NOW, SigningSecrets.of(SECRET, null, options), options);

  static TopicTokens tokensAt(Instant now, SigningSecrets secrets, SecurityOptions options) {
    return TopicTokens.create(secrets, options, Clock.fixed(now, ZoneOffset.UTC));
  }

  static Reason reasonOf(TopicTokens tokens, String token, String subject) {
    TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class,
        () -> tokens.verify(token, subject));
    assertThat(e).as("token should be rejected").isNotNull();
    return e.reason();
  }

  @Test
  void roundTripReturnsTheSignedGrant() {
    TopicGrant grant = tokens.grant(List.of("room:42", "presence:42"), "room-page", "session-1");
    String token = tokens.sign(grant);

    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    TopicGrant back = tokens.verify(token, "session-1");
    assertThat(back).isEqualTo(grant);
    assertThat(back.topics()).containsExactly("presence:42", "room:42");
    assertThat(back.expiresAt()).isEqualTo(NOW.plusSeconds(300));
    assertThat(back.allows("room:42")).isTrue();
    assertThat(back.allows("room:43")).isFalse();
  }

  @Test
  void orderAndDuplicatesDoNotChangeTheToken() {
    Instant exp = NOW.plusSeconds(60);
    String a = tokens.sign(new TopicGrant(List.of("b", "a", "c"), "p", "s", exp));
    String b = tokens.sign(new TopicGrant(List.of("c", "a", "b", "a", "c"), "p", "s", exp));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void fieldBoundariesAreUnambiguous() {
    Instant exp = NOW.plusSeconds(60);
    // Same concatenated characters, different fields: must sign differently.
    String a = tokens.sign(new TopicGrant(List.of("ab"), "x", "s", exp));
    String b = tokens.sign(new TopicGrant(List.of("b"), "xa", "s", exp));
    String c = tokens.sign(new TopicGrant(List.of("a", "b"), "x", "s", exp));
    assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void tamperedPayloadIsBadSignature() {
    String token = tokens.sign(tokens.grant(List.of("room:1"), "page", "alice"));
    String forgedPayload = tokens.sign(tokens.grant(List.of("room:2"), "page", "alice")).split("\\.")[0];
    String tampered = forgedPayload + "." + token.split("\\.")[1];
    assertThat(reasonOf(tokens, tampered, "alice")).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void tamperedMacIsBadSignature() {
    String token = tokens.sign(tokens.grant(List.of("room:1"), "page", "alice"));
    String[] parts = token.split("\\.");
    byte[] mac = Base64.getUrlDecoder().decode(parts[1]);
    mac[0] ^= 1;
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    assertThat(reasonOf(tokens, tampered, "alice")).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void tokenForgedWithAnotherSecretIsBadSignature() {
    TopicTokens attacker = tokensAt(NOW, SigningSecrets.of(OTHER, null, options), options);
    String forged = attacker.sign(attacker.grant(List.of("admin"), "page", "alice"));
    assertThat(reasonOf(tokens, forged, "alice")).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void expiredTokenIsExpired() {
    String token = tokens.sign(tokens.grant(List.of("room:1"), "page", "alice"));
    TopicTokens later = tokensAt(NOW.plusSeconds(300), SigningSecrets.of(SECRET, null, options), options);
    TopicTokens justBefore = tokensAt(NOW.plusSeconds(299), SigningSecrets.of(SECRET, null, options), options);
    assertThat(justBefore.verify(token, "alice").topics()).containsExactly("room:1");
    assertThat(reasonOf(later, token, "alice")).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void anotherSubjectIsWrongSubject() {
    String token = tokens.sign(tokens.grant(List.of("room:1"), "page", "alice"));
    assertThat(reasonOf(tokens, token, "bob")).isEqualTo(Reason.WRONG_SUBJECT);
    assertThat(reasonOf(tokens, token, "alice ")).isEqualTo(Reason.WRONG_SUBJECT);
    assertThat(reasonOf(tokens, token, null)).isEqualTo(Reason.WRONG_SUBJECT);
  }

  @Test
  void tooManyTopicsIsRefusedWhenSigningAndVerifying() {
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      topics.add("t" + i);
    }
    TopicGrant big = tokens.grant(topics, "page", "alice");
    assertThatThrownBy(() -> tokens.sign(big)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 32 topics").hasMessageContaining("HONOSTAR_SECURITY_TOKEN_MAX_TOPICS");

    // A node configured more generously signed it; this one refuses it.
    SecurityOptions generous = Secure.options(s -> s.getToken().setMaxTopics(64));
    String token = tokensAt(NOW, SigningSecrets.of(SECRET, null, generous), generous).sign(big);
    assertThat(reasonOf(tokens, token, "alice")).isEqualTo(Reason.TOO_MANY_TOPICS);
  }

  @Test
  void theViewRoundTripsAndIsPartOfTheSignature() {
    TopicGrant grant = tokens.grant(List.of("issues"), "/issues", "alice", java.util.Map.of("status", "closed", "q", "printer"), "member");
    TopicGrant back = tokens.verify(tokens.sign(grant), "alice");
    assertThat(back).isEqualTo(grant);
    assertThat(back.params()).containsExactly(java.util.Map.entry("q", "printer"), java.util.Map.entry("status", "closed"));
    assertThat(back.viewer()).isEqualTo("member");
    // Another view for the same page and subject is another token: views cannot be swapped inside one.
    String other = tokens.sign(tokens.grant(List.of("issues"), "/issues", "alice", java.util.Map.of("status", "open", "q", "printer"), "member"));
    assertThat(other).isNotEqualTo(tokens.sign(grant));
  }

  @Test
  void aViewLargerThanTheBoundIsRefusedWhenSigningAndVerifying() {
    java.util.Map<String, String> big = java.util.Map.of("q", "x".repeat(2000));
    TopicGrant grant = tokens.grant(List.of("issues"), "/issues", "alice", big, null);
    assertThatThrownBy(() -> tokens.sign(grant)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("security.token.maxViewBytes").hasMessageContaining("HONOSTAR_SECURITY_TOKEN_MAX_VIEW_BYTES");
    SecurityOptions generous = Secure.options(s -> s.getToken().setMaxViewBytes(3000));
    String token = tokensAt(NOW, SigningSecrets.of(SECRET, null, generous), generous).sign(grant);
    assertThat(reasonOf(tokens, token, "alice")).isEqualTo(Reason.VIEW_TOO_LARGE);
  }

  @Test
  void garbageIsMalformed() {
    String longString = "a".repeat(5000) + ".b";
    for (String garbage : new String[] {null, "", ".", "abc", "abc.", ".abc", "a.b.c", "abc.def",
        "!!!.???", "YWJj.ZGVm==", longString, "AQ.AQ", "\u00e9\u00e9.\u00e9"}) {
      assertThat(reasonOf(tokens, garbage, "alice")).as("for %s", garbage).isEqualTo(Reason.MALFORMED);
    }
  }

  @Test
  void paddingOrNonCanonicalBase64IsMalformed() {
    String token = tokens.sign(tokens.grant(List.of("room:1"), "page", "alice"));
    assertThat(reasonOf(tokens, token + "=", "alice")).isEqualTo(Reason.MALFORMED);
    assertThat(reasonOf(tokens, token.replace('.', '+'), "alice")).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void rejectionMessagesDoNotEchoTheToken() {
    String token = tokens.sign(tokens.grant(List.of("secret-topic"), "page", "alice"));
    TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> tokens.verify(token, "bob"));
    assertThat(e.getMessage()).doesNotContain(token).doesNotContain("secret-topic").doesNotContain("alice");
  }

  @Test
  void previousSecretStillVerifiesDuringRotation() {
    TopicTokens old = tokensAt(NOW, SigningSecrets.of(SECRET, null, options), options);
    String oldToken = old.sign(old.grant(List.of("room:1"), "page", "alice"));

    TopicTokens rotated = tokensAt(NOW, SigningSecrets.of(OTHER, SECRET, options), options);
    assertThat(rotated.verify(oldToken, "alice").topics()).containsExactly("room:1");
    // New tokens are signed with the new secret: the old-only node cannot verify them.
    String newToken = rotated.sign(rotated.grant(List.of("room:1"), "page", "alice"));
    assertThat(reasonOf(old, newToken, "alice")).isEqualTo(Reason.BAD_SIGNATURE);
    // After the rotation ends, the old token is refused.
    TopicTokens done = tokensAt(NOW, SigningSecrets.of(OTHER, null, options), options);
    assertThat(reasonOf(done, oldToken, "alice")).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void needsRefreshWhenLessThanAThirdIsLeft() {
    TopicGrant grant = tokens.grant(List.of("a"), "p", "s");
    assertThat(tokens.needsRefresh(grant, NOW)).isFalse();
    assertThat(tokens.needsRefresh(grant, NOW.plusSeconds(200))).isFalse();
    assertThat(tokens.needsRefresh(grant, NOW.plusSeconds(201))).isTrue();
    assertThat(tokens.needsRefresh(grant, NOW.plusSeconds(400))).isTrue();
  }

  @Test
  void tokenLongerThanTheLimitCannotBeSigned() {
    SecurityOptions small = Secure.options(s -> s.getToken().setMaxLength(100));
    TopicTokens t = tokensAt(NOW, SigningSecrets.of(SECRET, null, small), small);
    assertThatThrownBy(() -> t.sign(t.grant(List.of("x".repeat(200)), "p", "s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("security.token.maxLength").hasMessageContaining("HONOSTAR_SECURITY_TOKEN_MAX_LENGTH");
  }
}
