package dev.honostar.security.impl;

import dev.honostar.security.SecurityOptions;
import dev.honostar.security.SigningSecrets;
import dev.honostar.security.TokenRejectedException;
import dev.honostar.security.TokenRejectedException.Reason;
import dev.honostar.security.TopicGrant;
import dev.honostar.security.TopicTokens;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Optional;

/**
 * HMAC-SHA256 topic tokens. Payload layout (big-endian): {@code u8 version, i64 expiry epoch seconds,
 * str scope, str subject, i32 count, str topic..., i32 count, (str name, str value)..., str viewer},
 * where {@code str} is an i32 byte length followed by UTF-8 (version 1 ends after the topics).
 * Length prefixes make the encoding unambiguous, so no two grants share a payload.
 */
public final class TopicTokensImpl implements TopicTokens {

  /** Domain separation: these keys may one day sign other things too. */
  private static final byte[] MAC_CONTEXT = "honostar/topic-token\0".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int MAC_BYTES = 32;

  private final SigningSecrets secrets;
  private final Clock clock;
  private final Duration lifetime;
  private final int maxTopics;
  private final int maxTokenLength;
  private final int maxViewBytes;
  /**
   * Each thread's HMAC instances, one per key, already keyed and fed the context: looking up
   * the provider and keying a {@link Mac} for every token was a fifth of a stream's opening.
   */
  private final ThreadLocal<Map<SecretKey, Mac>> macs = ThreadLocal.withInitial(java.util.IdentityHashMap::new);

  public TopicTokensImpl(SigningSecrets secrets, SecurityOptions options, Clock clock) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifetime = Duration.ofSeconds(options.getToken().getLifetimeSeconds());
    this.maxTopics = options.getToken().getMaxTopics();
    this.maxTokenLength = options.getToken().getMaxLength();
    this.maxViewBytes = options.getToken().getMaxViewBytes();
  }

  @Override
  public TopicGrant grant(Collection<String> topics, String scope, String subject) {
    return TopicGrant.of(topics, scope, subject, clock.instant().plus(lifetime));
  }

  @Override
  public TopicGrant grant(Collection<String> topics, String scope, String subject, Map<String, String> params, String viewer) {
    return new TopicGrant(List.copyOf(topics), scope, subject, clock.instant().plus(lifetime), new TreeMap<>(params), viewer);
  }

  @Override
  public String sign(TopicGrant grant) {
    if (grant.topics().size() > maxTopics) {
      throw new IllegalArgumentException("A topic token may carry at most " + maxTopics + " topics, this grant has "
          + grant.topics().size() + " (security.token.maxTopics, HONOSTAR_SECURITY_TOKEN_MAX_TOPICS)");
    }
    if (grant.viewBytes() > maxViewBytes) {
      throw new IllegalArgumentException("The page's view (its live URL parameters and viewer key) is " + grant.viewBytes()
          + " bytes, more than " + maxViewBytes + " (security.token.maxViewBytes, HONOSTAR_SECURITY_TOKEN_MAX_VIEW_BYTES)");
    }
    byte[] payload = encode(grant);
    String token = B64.encodeToString(payload) + "." + B64.encodeToString(mac(secrets.current(), payload));
    if (token.length() > maxTokenLength) {
      throw new IllegalArgumentException("The topic token would be " + token.length()
          + " characters, more than " + maxTokenLength
          + " (security.token.maxLength, HONOSTAR_SECURITY_TOKEN_MAX_LENGTH); use fewer or shorter topics");
    }
    return token;
  }

  @Override
  public TopicGrant verify(String token, String expectedSubject) {
    if (token == null || token.isEmpty() || token.length() > maxTokenLength) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
    byte[] payload = strictDecode(token.substring(0, dot));
    byte[] mac = strictDecode(token.substring(dot + 1));
    if (payload == null || mac == null || mac.length != MAC_BYTES) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
    boolean genuine = MessageDigest.isEqual(mac(secrets.current(), payload), mac);
    Optional<SecretKey> previous = secrets.previous();
    if (!genuine && previous.isPresent()) {
      genuine = MessageDigest.isEqual(mac(previous.get(), payload), mac);
    }
    if (!genuine) {
      throw new TokenRejectedException(Reason.BAD_SIGNATURE);
    }
    // From here on the payload is ours; parsing failures mean a format change, not an attack.
    TopicGrant grant = decode(payload);
    if (grant.topics().size() > maxTopics) {
      throw new TokenRejectedException(Reason.TOO_MANY_TOPICS);
    }
    if (grant.viewBytes() > maxViewBytes) {
      throw new TokenRejectedException(Reason.VIEW_TOO_LARGE);
    }
    if (expectedSubject == null || !MessageDigest.isEqual(grant.subject().getBytes(StandardCharsets.UTF_8),
        expectedSubject.getBytes(StandardCharsets.UTF_8))) {
      throw new TokenRejectedException(Reason.WRONG_SUBJECT);
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      throw new TokenRejectedException(Reason.EXPIRED);
    }
    return grant;
  }

  @Override
  public boolean needsRefresh(TopicGrant grant, Instant now) {
    Duration left = Duration.between(now, grant.expiresAt());
    return left.multipliedBy(3).compareTo(lifetime) < 0;
  }

  private byte[] mac(SecretKey key, byte[] payload) {
    Map<SecretKey, Mac> byKey = macs.get();
    Mac mac = byKey.get(key);
    try {
      if (mac == null) {
        if (byKey.size() > 4) {
          byKey.clear(); // secrets rotated: drop instances of keys no longer in use
        }
        mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        byKey.put(key, mac);
      }
      // doFinal leaves the instance keyed and empty, ready for the next token.
      mac.update(MAC_CONTEXT);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory on every JDK; this cannot happen with a valid key.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Base64url without padding, and only the canonical spelling: otherwise the token is malleable. */
  private static byte[] strictDecode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return null;
      }
    }
    try {
      byte[] bytes = B64D.decode(s);
      return B64.encodeToString(bytes).equals(s) ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] encode(TopicGrant grant) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(grant.expiresAt().getEpochSecond());
      writeString(out, grant.scope());
      writeString(out, grant.subject());
      out.writeInt(grant.topics().size());
      for (String topic : grant.topics()) {
        writeString(out, topic);
      }
      out.writeInt(grant.params().size());
      for (Map.Entry<String, String> p : grant.params().entrySet()) {
        writeString(out, p.getKey());
        writeString(out, p.getValue());
      }
      writeString(out, grant.viewer());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static TopicGrant decode(byte[] payload) {
    try {
      ByteBuffer in = ByteBuffer.wrap(payload);
      byte version = in.get();
      if (version != VERSION && version != 1) {
        throw new TokenRejectedException(Reason.MALFORMED);
      }
      Instant expiresAt = Instant.ofEpochSecond(in.getLong());
      String scope = readString(in);
      String subject = readString(in);
      int count = in.getInt();
      if (count < 0 || count > in.remaining() / 4) {
        throw new TokenRejectedException(Reason.MALFORMED);
      }
      List<String> topics = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        topics.add(readString(in));
      }
      TreeMap<String, String> params = new TreeMap<>();
      String viewer = "";
      if (version != 1) {
        int pairs = in.getInt();
        if (pairs < 0 || pairs > in.remaining() / 8) {
          throw new TokenRejectedException(Reason.MALFORMED);
        }
        for (int i = 0; i < pairs; i++) {
          params.put(readString(in), readString(in));
        }
        viewer = readString(in);
      }
      if (in.hasRemaining()) {
        throw new TokenRejectedException(Reason.MALFORMED);
      }
      return new TopicGrant(topics, scope, subject, expiresAt, params, viewer);
    } catch (TokenRejectedException e) {
      throw e;
    } catch (RuntimeException | CharacterCodingException e) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
  }

  private static String readString(ByteBuffer in) throws CharacterCodingException {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new TokenRejectedException(Reason.MALFORMED);
    }
    ByteBuffer slice = in.slice();
    slice.limit(length);
    in.position(in.position() + length);
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(slice).toString();
  }
}
