package dev.honostar.bus.impl;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Reconnect backoff bounds and credential redaction. */
class InternalsTest {

  @Property
  void backoffStaysWithinBounds(@ForAll @LongRange(min = 1, max = 5_000) long min,
                                @ForAll @LongRange(min = 1, max = 120_000) long max,
                                @ForAll @LongRange(min = 0, max = 10_000) long attempt) {
    Backoff backoff = new Backoff(min, max);
    long cap = Math.max(min, max);
    long delay = backoff.delay(attempt);
    assertThat(delay).isBetween(1L, cap);
    assertThat(backoff.ceiling(attempt)).isLessThanOrEqualTo(cap);
    assertThat(delay).isGreaterThanOrEqualTo(backoff.ceiling(attempt) / 2);
    assertThat(backoff.ceiling(attempt + 1)).isGreaterThanOrEqualTo(backoff.ceiling(attempt));
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    Backoff backoff = new Backoff(100, 1_000);
    assertThat(backoff.ceiling(0)).isEqualTo(100);
    assertThat(backoff.ceiling(1)).isEqualTo(200);
    assertThat(backoff.ceiling(3)).isEqualTo(800);
    assertThat(backoff.ceiling(4)).isEqualTo(1_000);
    assertThat(backoff.ceiling(Long.MAX_VALUE)).isEqualTo(1_000);
  }

  @Test
  void redactsCredentials() {
    assertThat(Urls.redact("redis://:s3cret@host:6379/0")).isEqualTo("redis://***@host:6379/0");
    assertThat(Urls.redact("nats://u:p@a:4222,nats://b:4222")).isEqualTo("nats://***@a:4222,nats://b:4222");
    assertThat(Urls.redact("redis://host:6379?password=x")).isEqualTo("redis://host:6379?***");
    assertThat(Urls.redact("redis://host:6379")).isEqualTo("redis://host:6379");
    assertThat(Urls.scrub("Unable to connect to [nats://u:s3cret@h:1]")).isEqualTo("Unable to connect to [nats://***@h:1]");
  }
}
