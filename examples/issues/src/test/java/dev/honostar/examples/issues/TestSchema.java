package dev.honostar.examples.issues;

import org.junit.jupiter.api.Assumptions;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for a multi-node test ({@code it_<random>}, dropped by
 * {@link #drop()}); aborts the test when Redis or PostgreSQL is not there.
 */
final class TestSchema {

  static final String PG = System.getenv().getOrDefault("ISSUES_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test");

  final Database.Jdbc admin = Database.parseUrl(PG);
  final String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private TestSchema() {
  }

  /** Creates the schema, or aborts the test when Redis (6379) or PostgreSQL cannot be reached. */
  static TestSchema create() {
    Assumptions.assumeTrue(listening(6379), "Redis is not running on 127.0.0.1:6379");
    TestSchema schema = new TestSchema();
    try {
      schema.execute("create schema " + schema.name);
    } catch (Exception e) {
      Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
    }
    return schema;
  }

  /** The app's {@code DATABASE_URL} for this schema. */
  String databaseUrl() {
    return PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  Connection connect() throws java.sql.SQLException {
    return DriverManager.getConnection(admin.url(), admin.user(), admin.password());
  }

  void drop() throws Exception {
    execute("drop schema if exists " + name + " cascade");
  }

  private void execute(String sql) throws Exception {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
