package dev.honostar.protocol.compression;

import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.SseCompression;
import dev.honostar.protocol.SseEvent;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared compression: per-event segments spliced into one valid gzip or zlib stream per connection. */
class SharedDeflateTest {

  @Test
  void combinedChecksumsEqualThoseOfTheConcatenation() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] a = new byte[random.nextInt(5000)];
      byte[] b = new byte[random.nextInt(i % 10 == 0 ? 70_000 : 3000)];
      random.nextBytes(a);
      random.nextBytes(b);
      if (i % 3 == 0) {
        java.util.Arrays.fill(b, (byte) 0xff); // large sums: Adler's modulo matters
      }
      byte[] ab = new byte[a.length + b.length];
      System.arraycopy(a, 0, ab, 0, a.length);
      System.arraycopy(b, 0, ab, a.length, b.length);
      assertThat(Checksums.crc32Combine(crc(a), crc(b), Checksums.crc32Shift(b.length))).isEqualTo(crc(ab));
      assertThat(Checksums.adler32Combine(adler(a), adler(b), b.length)).isEqualTo(adler(ab));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate"})
  void segmentsFormOneStreamThatStandardDecodersReadAndVerify(String encoding) throws Exception {
    SseCompression options = new SseCompression().setEnabled(true).setLevel(6);
    SseCompressor first = SseCompressors.create(encoding, options);
    SseCompressor second = SseCompressors.create(encoding, options);
    ByteArrayOutputStream wire1 = new ByteArrayOutputStream();
    ByteArrayOutputStream wire2 = new ByteArrayOutputStream();
    StringBuilder plain1 = new StringBuilder();
    StringBuilder plain2 = new StringBuilder();
    SseEvent heartbeat = SseEvent.comment("");
    for (int n = 0; n < 30; n++) {
      SseEvent event = patch(n);
      // Both streams send the same event object: one compression, the same bytes.
      Buffer b1 = first.compress(event);
      Buffer b2 = second.compress(n % 4 == 0 ? heartbeat : event);
      wire1.write(b1.getBytes());
      wire2.write(b2.getBytes());
      plain1.append(event);
      plain2.append(n % 4 == 0 ? heartbeat : event);
      if (n > 0 && n % 4 != 0) {
        assertThat(b2.getBytes()).isEqualTo(b1.getBytes());
      }
    }
    wire1.write(first.finish().getBytes());
    wire2.write(second.finish().getBytes());
    assertThat(decode(encoding, wire1.toByteArray())).isEqualTo(plain1.toString());
    assertThat(decode(encoding, wire2.toByteArray())).isEqualTo(plain2.toString());
    assertThat(wire1.size()).as("30 patches of ~5 KB each compress well on their own").isLessThan(plain1.length() / 4);
  }

  @Test
  void eachEventIsCompressedOncePerLevel() {
    SseEvent event = patch(1);
    assertThat(event.deflated(6)).isSameAs(event.deflated(6));
    assertThat(event.deflated(1).level()).isEqualTo(1);
  }

  @Test
  void sharedModeNeedsNoMemoryBudgetAndNeverOffersBrotli() {
    SseCompression shared = new SseCompression().setEnabled(true).setMemoryBudgetBytes(1024).setEncodings(java.util.List.of("br", "gzip"));
    assertThat(SseCompressors.negotiate("br, gzip", shared)).isEqualTo("gzip");
    assertThat(SseCompressors.negotiate("br", shared)).isNull();
    assertThat(SseCompressors.stateBytes("gzip", shared)).isLessThan(100);
  }

  /** A ~5 KB fat patch: 50 rows with a changing counter. */
  static SseEvent patch(int n) {
    StringBuilder html = new StringBuilder("<ul id=\"rows\" data-n=\"" + n + "\">\n");
    for (int i = 0; i < 50; i++) {
      html.append("  <li id=\"row-").append(i).append("\" class=\"row\"><a href=\"/issues/").append(i).append("\">Issue ")
        .append(i).append("</a> <span class=\"value\">").append(i * 31 + n).append("</span></li>\n");
    }
    return PatchElements.of(html.append("</ul>").toString()).toSseEvent();
  }

  private static String decode(String encoding, byte[] wire) throws Exception {
    try (InputStream in = encoding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(wire))
      : new InflaterInputStream(new ByteArrayInputStream(wire))) {
      // Reading to the end verifies the trailer: CRC-32 and size for gzip, Adler-32 for zlib.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return (int) c.getValue();
  }

  private static int adler(byte[] b) {
    Adler32 c = new Adler32();
    c.update(b);
    return (int) c.getValue();
  }
}
