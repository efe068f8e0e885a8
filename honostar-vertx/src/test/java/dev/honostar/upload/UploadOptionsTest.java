package dev.honostar.upload;

import dev.honostar.HonoStarOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadOptionsTest {

  @Test
  void readsItsSectionFromJsonAndTheEnvironment() {
    HonoStarOptions options = HonoStarOptions.load(new JsonObject().put("upload", new JsonObject().put("maxFiles", 3)),
      Map.of("HONOSTAR_UPLOAD_MAX_FILE_BYTES", "2048", "HONOSTAR_UPLOAD_ALLOWED_TYPES", "image/*, application/PDF",
        "HONOSTAR_UPLOAD_DIRECTORY", "/srv/uploads"));
    UploadOptions upload = options.getUpload();
    assertThat(upload.getMaxFiles()).isEqualTo(3);
    assertThat(upload.getMaxFileBytes()).isEqualTo(2048);
    assertThat(upload.getDirectory()).isEqualTo("/srv/uploads");
    assertThat(upload.getAllowedTypes()).containsExactly("image/*", "application/pdf");
    assertThat(upload.getMaxTotalBytes()).isEqualTo(UploadOptions.DEFAULT_MAX_TOTAL_BYTES);
    assertThat(new UploadOptions(upload).toJson()).isEqualTo(upload.toJson());
  }

  @Test
  void aMalformedOrUnknownVariableFailsWithItsName() {
    assertThatThrownBy(() -> HonoStarOptions.load(null, Map.of("HONOSTAR_UPLOAD_MAX_FILES", "many")))
      .hasMessageContaining("HONOSTAR_UPLOAD_MAX_FILES");
    assertThatThrownBy(() -> HonoStarOptions.load(null, Map.of("HONOSTAR_UPLOAD_MAX_FILE_SIZE", "1")))
      .hasMessageContaining("HONOSTAR_UPLOAD_MAX_FILE_SIZE");
    assertThatThrownBy(() -> HonoStarOptions.load(null, Map.of("HONOSTAR_UPLOAD_MAX_PARALLEL_PER_CLIENT", "0")))
      .hasMessageContaining("HONOSTAR_UPLOAD_MAX_PARALLEL_PER_CLIENT");
  }

  @Test
  void allowedTypesMatchTheDeclaredTypeWithoutItsParameters() {
    UploadOptions any = new UploadOptions();
    assertThat(any.allows("application/x-anything")).isTrue();
    UploadOptions images = new UploadOptions().setAllowedTypes(List.of("image/*", "text/plain"));
    assertThat(images.allows("image/png")).isTrue();
    assertThat(images.allows("IMAGE/SVG+XML")).isTrue();
    assertThat(images.allows("text/plain; charset=utf-8")).isTrue();
    assertThat(images.allows("text/html")).isFalse();
    assertThat(images.allows("imagex/png")).isFalse();
    assertThat(images.allows(null)).isFalse();
  }

  @Test
  void aDownloadNameIsSafeInItsHeader() {
    assertThat(Download.contentDisposition("a\"b\r\nc\\d.txt"))
      .isEqualTo("attachment; filename=\"a_b__c_d.txt\"; filename*=UTF-8''a%22b%0D%0Ac%5Cd.txt");
    assertThat(Download.contentDisposition("")).startsWith("attachment; filename=\"download\"");
    assertThat(Download.safeType("text/html\r\nX-Evil: 1")).isEqualTo("application/octet-stream");
    assertThat(Download.safeType("image/png")).isEqualTo("image/png");
  }
}
