package dev.honostar.examples.issues;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The suite on PostgreSQL ({@code ISSUES_TEST_DATABASE_URL}, default the local
 * {@code postgresql://postgres@127.0.0.1:5432/test}), in a schema of its own that is dropped
 * afterwards.
 */
class PostgresIssuesAppTest extends IssuesAppContract {

  private Database.Jdbc admin;
  private String schema;

  @Override
  protected Map<String, String> databaseEnv() throws Exception {
    String url = System.getenv().getOrDefault("ISSUES_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test");
    admin = Database.parseUrl(url);
    schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("create schema " + schema);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL is not reachable at " + admin + ": " + e.getMessage());
    }
    return Map.of("DATABASE_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(admin.url(), admin.user(), admin.password());
  }

  @Override
  protected void dropDatabase() throws Exception {
    if (schema != null) {
      try (Connection c = connect(); Statement st = c.createStatement()) {
        st.execute("drop schema if exists " + schema + " cascade");
      }
    }
  }
}
