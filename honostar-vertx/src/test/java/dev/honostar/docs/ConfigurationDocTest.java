package dev.honostar.docs;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.config.OptionsDocs;
import dev.honostar.live.LiveOptions;
import dev.honostar.observability.ObservabilityOptions;
import dev.honostar.outbox.OutboxOptions;
import dev.honostar.security.SecurityOptions;
import dev.honostar.security.SessionStoreOptions;
import dev.honostar.view.ViewOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variable tables of docs/configuration.md are those the schemas generate. When this fails, run it with
 * {@code -Dhonostar.docs.write=true} to rewrite the tables, and review the diff.
 */
class ConfigurationDocTest {

  static final Path PAGE = Path.of("").toAbsolutePath().resolve("../docs/configuration.md").normalize();

  /** The tables of the core's sections; the verticles module checks its own ({@code http}, {@code launcher}). */
  static Map<String, String> tables() {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("top", HonoStarOptions.SCHEMA.markdownTableOwnFields());
    tables.put("view", ViewOptions.SCHEMA.markdownTable());
    tables.put("security", SecurityOptions.SCHEMA.markdownTable());
    tables.put("bus", BusOptions.SCHEMA.markdownTable());
    tables.put("sessionStore", SessionStoreOptions.SCHEMA.markdownTable());
    tables.put("live", LiveOptions.SCHEMA.markdownTable());
    tables.put("observability", ObservabilityOptions.SCHEMA.markdownTable());
    tables.put("presence", dev.honostar.presence.PresenceOptions.SCHEMA.markdownTable());
    tables.put("upload", dev.honostar.upload.UploadOptions.SCHEMA.markdownTable());
    tables.put("outbox", OutboxOptions.SCHEMA.markdownTable());
    tables.put("hz", HazelcastClusterOptions.SCHEMA.markdownTable());
    return tables;
  }

  @Test
  void theTablesOfVariablesAreThoseOfTheSchemas() throws IOException {
    String page = Files.readString(PAGE);
    String updated = OptionsDocs.update(page, tables());
    if (Boolean.getBoolean("honostar.docs.write") && !updated.equals(page)) {
      Files.writeString(PAGE, updated);
      page = updated;
    }
    assertThat(page).as("docs/configuration.md is out of date: run ConfigurationDocTest with -Dhonostar.docs.write=true")
      .isEqualTo(updated);
  }

  @Test
  void everyVariableOfTheCoreIsOnThePage() throws IOException {
    String page = Files.readString(PAGE);
    for (String name : HonoStarOptions.SCHEMA.variables()) {
      assertThat(page).as(name).contains("`" + name + "`");
    }
  }
}
