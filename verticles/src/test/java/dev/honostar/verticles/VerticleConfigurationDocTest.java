package dev.honostar.verticles;

import dev.honostar.config.OptionsDocs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verticle's tables of docs/configuration.md, as ConfigurationDocTest checks the core's ({@code -Dhonostar.docs.write=true} rewrites). */
class VerticleConfigurationDocTest {

  @Test
  void theVerticleTablesAreThoseOfTheSchemas() throws IOException {
    Path page = Path.of(System.getProperty("honostar.repo.root", "..")).toAbsolutePath().resolve("docs/configuration.md").normalize();
    String text = Files.readString(page);
    String updated = OptionsDocs.update(text, Map.of("http", HttpOptions.SCHEMA.markdownTable(),
      "launcher", LauncherOptions.SCHEMA.markdownTableOwnFields()));
    if (Boolean.getBoolean("honostar.docs.write") && !updated.equals(text)) {
      Files.writeString(page, updated);
      text = updated;
    }
    assertThat(text).as("docs/configuration.md is out of date: run this test with -Dhonostar.docs.write=true").isEqualTo(updated);
  }
}
