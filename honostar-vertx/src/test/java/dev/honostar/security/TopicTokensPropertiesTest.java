package dev.honostar.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class TopicTokensPropertiesTest {

  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  final SecurityOptions options = new SecurityOptions();
  final TopicTokens tokens = TopicTokens.create(
      SigningSecrets.of("0123456789abcdef0123456789abcdef-current", null, options), options,
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Property(tries = 2000)
  void verifyOnlyEverThrowsTokenRejected(@ForAll String garbage) {
    Throwable t = catchThrowable(() -> tokens.verify(garbage, "alice"));
    assertThat(t).isInstanceOf(TokenRejectedException.class);
  }

  @Property(tries = 1000)
  void tokenShapedGarbageIsRejected(@ForAll("tokenShaped") String garbage) {
    Throwable t = catchThrowable(() -> tokens.verify(garbage, "alice"));
    assertThat(t).isInstanceOf(TokenRejectedException.class);
  }

  @Property(tries = 1000)
  void anySingleCharacterMutationIsRejected(@ForAll("mutations") Mutation m) {
    String token = tokens.sign(tokens.grant(m.topics(), "page", "alice"));
    int at = m.position() % token.length();
    char replacement = m.replacement();
    if (token.charAt(at) == replacement) {
      replacement = replacement == 'A' ? 'B' : 'A';
    }
    String mutated = token.substring(0, at) + replacement + token.substring(at + 1);

    Throwable t = catchThrowable(() -> tokens.verify(mutated, "alice"));
    assertThat(t).as("mutated at %d to %s", at, replacement).isInstanceOf(TokenRejectedException.class);
  }

  record Mutation(List<String> topics, int position, char replacement) {
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    Arbitrary<List<String>> topics = Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
        .list().ofMinSize(0).ofMaxSize(5);
    Arbitrary<Integer> positions = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    Arbitrary<Character> chars = Arbitraries.oneOf(
        Arbitraries.chars().with("ABCXYZabcxyz0189-_.=+/"),
        Arbitraries.chars());
    return Combinators.combine(topics, positions, chars).as(Mutation::new);
  }

  @Provide
  Arbitrary<String> tokenShaped() {
    Arbitrary<String> b64 = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        .ofMinLength(0).ofMaxLength(120);
    return Combinators.combine(b64, b64).as((a, b) -> a + "." + b);
  }
}
