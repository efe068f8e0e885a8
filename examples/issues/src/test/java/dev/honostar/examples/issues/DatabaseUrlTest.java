package dev.honostar.examples.issues;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

  @Test
  void platformUrlsBecomeJdbcUrlsWithSeparateCredentials() {
    Database.Jdbc pg = Database.parseUrl("postgres://app:p%40ss@db.internal:6543/issues?sslmode=require");
    assertThat(pg.url()).isEqualTo("jdbc:postgresql://db.internal:6543/issues?sslmode=require");
    assertThat(pg.user()).isEqualTo("app");
    assertThat(pg.password()).isEqualTo("p@ss");
    assertThat(pg.toString()).doesNotContain("p@ss");

    Database.Jdbc local = Database.parseUrl("postgresql://postgres@127.0.0.1:5432/test");
    assertThat(local.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    assertThat(local.user()).isEqualTo("postgres");
    assertThat(local.password()).isNull();

    assertThat(Database.parseUrl("jdbc:postgresql://h/db").url()).isEqualTo("jdbc:postgresql://h/db");
  }

  @Test
  void withoutDatabaseUrlTheDataDirHoldsAnH2Database() {
    Database.Jdbc h2 = Database.resolve(Map.of("HONOSTAR_DATA_DIR", "/tmp/x"));
    assertThat(h2.url()).startsWith("jdbc:h2:file:/tmp/x/issues;MODE=PostgreSQL");
    assertThat(h2.isPostgres()).isFalse();
  }

  @Test
  void otherSchemesAreRefusedByName() {
    assertThatThrownBy(() -> Database.parseUrl("mysql://h/db")).hasMessageContaining("DATABASE_URL");
  }
}
