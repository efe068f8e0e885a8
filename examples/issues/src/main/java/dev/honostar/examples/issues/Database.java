package dev.honostar.examples.issues;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the data lives: an embedded H2 file database under {@code HONOSTAR_DATA_DIR} (default
 * {@code ./data}), or PostgreSQL from {@code DATABASE_URL}. One Flyway migration set serves
 * both: H2 runs in its PostgreSQL mode.
 */
public final class Database implements AutoCloseable {

  /** H2 settings that make it accept (and order like) the PostgreSQL dialect the migrations use. */
  static final String H2_PG_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  /**
   * Commits reach the file before the statement returns. H2's default (500 ms) leaves them to a
   * background writer, so a process killed right after a 200 lost the writes it had
   * acknowledged. With 0, ending a transaction writes the MVStore chunk synchronously; that
   * survives the process dying (the OS keeps the written pages), not a power cut (no fsync per commit).
   */
  static final String H2_DURABLE = ";WRITE_DELAY=0";

  /**
   * The PostgreSQL application name of the app's connections: the notify trigger
   * ({@code db/postgresql/R__issues_notify.sql}) announces changes made by anyone else.
   */
  static final String APPLICATION_NAME = "honostar-issues";

  /** A JDBC URL with its credentials kept apart. */
  public record Jdbc(String url, String user, String password) {
    public boolean isPostgres() {
      return url.startsWith("jdbc:postgresql:");
    }

    /** The schema the app's tables are in: {@code currentSchema} of the URL, else {@code public}. */
    public String schema() {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]currentSchema=([A-Za-z0-9_]+)").matcher(url);
      return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "public";
    }

    /** The channel the notify trigger uses for this schema. */
    public String notifyChannel() {
      return "issues_changed_" + schema();
    }

    /** Options for a Vert.x PostgreSQL connection to the same database (for LISTEN). */
    public io.vertx.pgclient.PgConnectOptions pgConnectOptions() {
      int query = url.indexOf('?');
      io.vertx.pgclient.PgConnectOptions options = io.vertx.pgclient.PgConnectOptions.fromUri(
        (query < 0 ? url : url.substring(0, query)).substring("jdbc:".length()));
      if (query >= 0) {
        for (String param : url.substring(query + 1).split("&")) {
          String[] kv = param.split("=", 2);
          if (kv.length == 2 && kv[0].equals("user")) {
            options.setUser(decode(kv[1]));
          } else if (kv.length == 2 && kv[0].equals("password")) {
            options.setPassword(decode(kv[1]));
          }
        }
      }
      if (user != null) {
        options.setUser(user);
      }
      if (password != null) {
        options.setPassword(password);
      }
      return options;
    }

    @Override
    public String toString() {
      return url + (user == null ? "" : " as " + user); // never the password
    }
  }

  private final HikariDataSource dataSource;
  private final Jdbc jdbc;
  private final MigrateResult migration;

  private Database(HikariDataSource dataSource, Jdbc jdbc, MigrateResult migration) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.migration = migration;
  }

  /** Resolves the database from the environment: {@code DATABASE_URL}, else H2 under {@code HONOSTAR_DATA_DIR}. */
  public static Jdbc resolve(Map<String, String> env) {
    String url = env.get("DATABASE_URL");
    if (url != null && !url.isBlank()) {
      return parseUrl(url.trim());
    }
    String dir = env.getOrDefault("HONOSTAR_DATA_DIR", "./data");
    Path path = Path.of(dir.isBlank() ? "./data" : dir).toAbsolutePath().normalize();
    return new Jdbc("jdbc:h2:file:" + path.resolve("issues") + H2_PG_MODE + H2_DURABLE, "sa", "");
  }

  /**
   * Accepts {@code postgres://user:password@host:port/db?param=value} (or {@code postgresql://}),
   * as platforms hand it out, and plain {@code jdbc:} URLs.
   */
  static Jdbc parseUrl(String url) {
    if (url.startsWith("jdbc:")) {
      return new Jdbc(url, null, null);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DATABASE_URL is not a URL (expected postgresql://user:password@host:5432/db)");
    }
    String scheme = uri.getScheme();
    if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or jdbc:, not " + scheme + "://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("DATABASE_URL has no host (expected postgresql://user:password@host:5432/db)");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    return new Jdbc(jdbc.toString(), user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Opens the pool and migrates the schema. Blocking: call it off the event loop. */
  public static Database open(Jdbc jdbc, int poolSize) throws Exception {
    if (jdbc.url().startsWith("jdbc:h2:file:")) {
      String file = jdbc.url().substring("jdbc:h2:file:".length());
      int semi = file.indexOf(';');
      Path parent = Path.of(semi < 0 ? file : file.substring(0, semi)).getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("issues");
    config.setJdbcUrl(jdbc.url());
    if (jdbc.user() != null) {
      config.setUsername(jdbc.user());
    }
    if (jdbc.password() != null) {
      config.setPassword(jdbc.password());
    }
    if (jdbc.isPostgres()) {
      config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
    }
    config.setMaximumPoolSize(poolSize);
    config.setConnectionTimeout(10_000);
    HikariDataSource ds = new HikariDataSource(config);
    try {
      MigrateResult result = Flyway.configure()
        .dataSource(ds)
        // PostgreSQL also gets the notify trigger (a repeatable migration: H2 has no plpgsql).
        .locations(jdbc.isPostgres() ? new String[] {"classpath:db/migration", "classpath:db/postgresql"} : new String[] {"classpath:db/migration"})
        // V2 (attachments) came after V3 (activity): a database already at V3 takes it too.
        .outOfOrder(true)
        .load()
        .migrate();
      return new Database(ds, jdbc, result);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Jdbc jdbc() {
    return jdbc;
  }

  /** @return whether this start created the schema (a fresh database) */
  public boolean fresh() {
    return migration.initialSchemaVersion == null && migration.migrationsExecuted > 0;
  }

  /** Checks the database answers (readiness); blocking. */
  public void ping() throws java.sql.SQLException {
    try (var c = dataSource().getConnection(); var st = c.createStatement()) {
      st.execute("SELECT 1");
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
