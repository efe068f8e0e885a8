package dev.honostar.protocol;

import dev.honostar.live.LiveOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseCompressionOptionsTest {

  @Test
  void eachModeHasItsOwnDefaultLevelUntilOneIsSet() {
    SseCompression c = new SseCompression();
    assertThat(c.getMode()).isEqualTo(SseCompression.Mode.SHARED);
    assertThat(c.getLevel()).isEqualTo(SseCompression.DEFAULT_SHARED_LEVEL);
    assertThat(c.setMode(SseCompression.Mode.STREAM).getLevel()).isEqualTo(SseCompression.DEFAULT_STREAM_LEVEL);
    assertThat(c.setLevel(9).getLevel()).isEqualTo(9);
    assertThat(new SseCompression(c.toJson()).toJson()).isEqualTo(c.toJson());
  }

  @Test
  void aCopyHasEverySettingAndDoesNotFollowTheOriginal() {
    SseCompression original = new SseCompression().setMode(SseCompression.Mode.STREAM).setLevel(3)
      .setEncodings(java.util.List.of("gzip")).setBrotliQuality(7).setBrotliWindowBits(18).setMemoryBudgetBytes(65_536);
    SseCompression copy = new SseCompression(original);
    assertThat(copy.toJson()).isEqualTo(original.toJson());
    original.setEnabled(false).setLevel(9);
    assertThat(copy.isEnabled()).isTrue();
    assertThat(copy.getLevel()).isEqualTo(3);
  }

  @Test
  void theEnvironmentChoosesModeAndLevel() {
    LiveOptions o = new LiveOptions().applyEnvironment(Map.of("HONOSTAR_LIVE_COMPRESSION", "true",
      "HONOSTAR_LIVE_COMPRESSION_MODE", "stream"));
    assertThat(o.getCompression().isEnabled()).isTrue();
    assertThat(o.getCompression().getMode()).isEqualTo(SseCompression.Mode.STREAM);
    assertThat(o.getCompression().getLevel()).isEqualTo(1);
    o = new LiveOptions().applyEnvironment(Map.of("HONOSTAR_LIVE_COMPRESSION_LEVEL", "9"));
    assertThat(o.getCompression().getLevel()).isEqualTo(9);
    assertThat(new LiveOptions().applyEnvironment(Map.of("HONOSTAR_LIVE_COMPRESSION", "FALSE")).getCompression().isEnabled()).isFalse();
  }

  @Test
  void badValuesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new LiveOptions().applyEnvironment(Map.of("HONOSTAR_LIVE_COMPRESSION", "yes")))
      .hasMessageContaining("HONOSTAR_LIVE_COMPRESSION").hasMessageContaining("yes");
    assertThatThrownBy(() -> new LiveOptions().applyEnvironment(Map.of("HONOSTAR_LIVE_COMPRESSION_MODE", "fast")))
      .hasMessageContaining("shared or stream").hasMessageContaining("fast");
    assertThatThrownBy(() -> new LiveOptions().applyEnvironment(Map.of("HONOSTAR_LIVE_COMPRESSION_LEVEL", "12")))
      .hasMessageContaining("1..9");
    assertThatThrownBy(() -> new SseCompression(new JsonObject().put("mode", "zip"))).hasMessageContaining("zip");
  }
}
