package dev.honostar.examples.issues;

import dev.honostar.examples.issues.Model.Activity;
import dev.honostar.examples.issues.Model.Attachment;
import dev.honostar.examples.issues.Model.Comment;
import dev.honostar.examples.issues.Model.Counts;
import dev.honostar.examples.issues.Model.Filter;
import dev.honostar.examples.issues.Model.Issue;
import dev.honostar.examples.issues.Model.IssueRow;
import dev.honostar.examples.issues.Model.Label;
import dev.honostar.examples.issues.Model.LabelUse;
import dev.honostar.examples.issues.Model.User;

import dev.honostar.bus.DomainEvent;
import dev.honostar.outbox.Outbox;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every SQL statement of the app, plain JDBC over a pooled {@link DataSource}. All methods
 * block: call them from {@code BlockingPage}s, {@code *Blocking} command handlers or
 * {@code blocking(...)}, never on an event loop. The SQL is the common subset of PostgreSQL and
 * H2's PostgreSQL mode.
 */
public final class Store {

  /** A unique constraint said no (an e-mail or a label name already taken). */
  public static final class Duplicate extends Exception {
    private static final long serialVersionUID = 1L;

    Duplicate() {
      super(null, null, false, false);
    }
  }

  /** A user with the password hash, for logging in. */
  public record Credentials(User user, String passwordHash) {
  }

  /** Rows shown in the list at most; the search narrows it down. */
  static final int LIST_LIMIT = 200;

  private final DataSource ds;
  private volatile Outbox outbox;
  private volatile Runnable afterCommit = () -> { };

  public Store(DataSource ds) {
    this.ds = ds;
  }

  /**
   * From now on {@link #createIssue} writes its {@code issue-created} event in the issue's own
   * transaction, and runs {@code afterCommit} (the relay) after the commit: a node that dies in
   * between loses no event, another node's relay publishes it.
   */
  void outbox(Outbox outbox, Runnable afterCommit) {
    this.afterCommit = afterCommit;
    this.outbox = outbox;
  }

  /** @return whether {@link #createIssue} publishes its event itself (through the outbox) */
  boolean publishesCreated() {
    return outbox != null;
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, Row<T> row) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    }
  }

  private <T> Optional<T> one(String sql, Binder binder, Row<T> row) throws SQLException {
    List<T> all = query(sql, binder, row);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private int update(String sql, Binder binder) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    }
  }

  private long insert(String sql, Binder binder) throws SQLException, Duplicate {
    try (Connection c = ds.getConnection()) {
      return insert(c, sql, binder);
    }
  }

  private static long insert(Connection c, String sql, Binder binder) throws SQLException, Duplicate {
    try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
      binder.bind(ps);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no generated key");
        }
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new Duplicate();
      }
      throw e;
    }
  }

  private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class);
  }

  // ---- users

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getLong("id"), rs.getString("name"), rs.getString("email"), Model.format(time(rs, "created_at")));
  }

  public User createUser(String name, String email, String passwordHash) throws SQLException, Duplicate {
    String normalized = email.strip().toLowerCase(Locale.ROOT);
    long id = insert("insert into users (name, email, password_hash) values (?, ?, ?)", ps -> {
      ps.setString(1, name);
      ps.setString(2, normalized);
      ps.setString(3, passwordHash);
    });
    return findUser(id).orElseThrow();
  }

  public Optional<Credentials> credentials(String email) throws SQLException {
    String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    return one("select id, name, email, created_at, password_hash from users where email = ?", ps -> ps.setString(1, normalized),
      rs -> new Credentials(user(rs), rs.getString("password_hash")));
  }

  public Optional<User> findUser(long id) throws SQLException {
    return one("select id, name, email, created_at from users where id = ?", ps -> ps.setLong(1, id), Store::user);
  }

  public void renameUser(long id, String name) throws SQLException {
    update("update users set name = ? where id = ?", ps -> {
      ps.setString(1, name);
      ps.setLong(2, id);
    });
  }

  public long countUsers() throws SQLException {
    return one("select count(*) from users", ps -> { }, rs -> rs.getLong(1)).orElse(0L);
  }

  // ---- issues

  private static final String ROW_SELECT = "select i.id, i.title, i.status, i.author_id, u.name as author_name, i.created_at,"
    + " (select count(*) from comments c where c.issue_id = i.id) as comment_count"
    + " from issues i join users u on u.id = i.author_id";

  public long createIssue(long authorId, String title, String description) throws SQLException {
    Outbox box = outbox;
    long id = inTransaction(c -> {
      long created = insert(c, "insert into issues (title, description, author_id) values (?, ?, ?)", ps -> {
        ps.setString(1, title);
        ps.setString(2, description);
        ps.setLong(3, authorId);
      });
      recordActivity(c, authorId, "opened", created);
      if (box != null) {
        box.write(c, DomainEvent.of(Topics.issues(), "issue-created", new JsonObject().put("id", created)));
      }
      return created;
    });
    if (box != null) {
      afterCommit.run();
    }
    return id;
  }

  private static String like(String q) {
    String escaped = q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }

  private static final String SEARCH = " (lower(i.title) like ? escape '\\' or lower(i.description) like ? escape '\\')";

  /** The issues matching {@code filter}, newest first, with their labels and comment counts. */
  public List<IssueRow> list(Filter filter) throws SQLException {
    StringBuilder sql = new StringBuilder(ROW_SELECT);
    List<String> where = new ArrayList<>();
    if (!filter.isAll()) {
      where.add(" i.status = ?");
    }
    if (!filter.q().isEmpty()) {
      where.add(SEARCH);
    }
    if (!where.isEmpty()) {
      sql.append(" where").append(String.join(" and", where));
    }
    sql.append(" order by i.id desc limit ").append(LIST_LIMIT);
    List<IssueRow> rows = query(sql.toString(), ps -> {
      int i = 1;
      if (!filter.isAll()) {
        ps.setString(i++, filter.status());
      }
      if (!filter.q().isEmpty()) {
        ps.setString(i++, like(filter.q()));
        ps.setString(i, like(filter.q()));
      }
    }, Store::row);
    return withLabels(rows);
  }

  /** The issues {@code authorId} opened, newest first. */
  public List<IssueRow> issuesBy(long authorId) throws SQLException {
    return withLabels(query(ROW_SELECT + " where i.author_id = ? order by i.id desc limit " + LIST_LIMIT,
      ps -> ps.setLong(1, authorId), Store::row));
  }

  private static IssueRow row(ResultSet rs) throws SQLException {
    return new IssueRow(rs.getLong("id"), rs.getString("title"), rs.getString("status"), rs.getLong("author_id"),
      rs.getString("author_name"), Model.format(time(rs, "created_at")), rs.getLong("comment_count"), List.of());
  }

  private List<IssueRow> withLabels(List<IssueRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return rows;
    }
    String marks = String.join(",", java.util.Collections.nCopies(rows.size(), "?"));
    Map<Long, List<Label>> byIssue = new HashMap<>();
    query("select il.issue_id, l.id, l.name, l.color from issue_labels il join labels l on l.id = il.label_id"
      + " where il.issue_id in (" + marks + ") order by l.name", ps -> {
        for (int i = 0; i < rows.size(); i++) {
          ps.setLong(i + 1, rows.get(i).id());
        }
      }, rs -> byIssue.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
        .add(new Label(rs.getLong(2), rs.getString(3), rs.getString(4))));
    List<IssueRow> out = new ArrayList<>(rows.size());
    for (IssueRow r : rows) {
      out.add(new IssueRow(r.id(), r.title(), r.status(), r.authorId(), r.authorName(), r.created(), r.comments(),
        List.copyOf(byIssue.getOrDefault(r.id(), List.of()))));
    }
    return out;
  }

  /** Open and closed counts for the search text of {@code filter} (its status is ignored). */
  public Counts counts(Filter filter) throws SQLException {
    String sql = "select i.status, count(*) from issues i" + (filter.q().isEmpty() ? "" : " where" + SEARCH) + " group by i.status";
    long[] n = new long[2];
    query(sql, ps -> {
      if (!filter.q().isEmpty()) {
        ps.setString(1, like(filter.q()));
        ps.setString(2, like(filter.q()));
      }
    }, rs -> {
      n["open".equals(rs.getString(1)) ? 0 : 1] += rs.getLong(2);
      return null;
    });
    return new Counts(n[0], n[1]);
  }

  public Optional<Issue> findIssue(long id) throws SQLException {
    return one("select i.id, i.title, i.description, i.status, i.author_id, u.name as author_name, i.created_at, i.updated_at"
      + " from issues i join users u on u.id = i.author_id where i.id = ?", ps -> ps.setLong(1, id),
      rs -> new Issue(rs.getLong("id"), rs.getString("title"), rs.getString("description"), rs.getString("status"),
        rs.getLong("author_id"), rs.getString("author_name"), Model.format(time(rs, "created_at")),
        Model.format(time(rs, "updated_at"))));
  }

  /** @return the author of the issue, or empty when there is no such issue */
  public Optional<Long> authorOf(long issueId) throws SQLException {
    return one("select author_id from issues where id = ?", ps -> ps.setLong(1, issueId), rs -> rs.getLong(1));
  }

  public boolean updateIssue(long id, String title, String description) throws SQLException {
    return update("update issues set title = ?, description = ?, updated_at = current_timestamp where id = ?", ps -> {
      ps.setString(1, title);
      ps.setString(2, description);
      ps.setLong(3, id);
    }) > 0;
  }

  /** Closes or reopens issue {@code id}; the feed records it in the same transaction. */
  public boolean setStatus(long id, String status, long actorId) throws SQLException {
    return inTransaction(c -> {
      int changed;
      try (PreparedStatement ps = c.prepareStatement("update issues set status = ?, updated_at = current_timestamp where id = ? and status <> ?")) {
        ps.setString(1, status);
        ps.setLong(2, id);
        ps.setString(3, status);
        changed = ps.executeUpdate();
      }
      if (changed > 0) {
        recordActivity(c, actorId, "closed".equals(status) ? "closed" : "reopened", id);
      }
      return changed > 0;
    });
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException, Duplicate;
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  private <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (Duplicate impossible) {
        c.rollback();
        throw new SQLException("unexpected unique violation", impossible);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  // ---- comments

  /** Adds a comment; the feed records it in the same transaction. */
  public long addComment(long issueId, long authorId, String body) throws SQLException {
    return inTransaction(c -> {
      long id = insert(c, "insert into comments (issue_id, author_id, body) values (?, ?, ?)", ps -> {
        ps.setLong(1, issueId);
        ps.setLong(2, authorId);
        ps.setString(3, body);
      });
      recordActivity(c, authorId, "commented", issueId);
      return id;
    });
  }

  public List<Comment> comments(long issueId) throws SQLException {
    return query("select c.id, c.author_id, u.name as author_name, c.body, c.created_at from comments c"
      + " join users u on u.id = c.author_id where c.issue_id = ? order by c.id", ps -> ps.setLong(1, issueId),
      rs -> new Comment(rs.getLong("id"), rs.getLong("author_id"), rs.getString("author_name"), rs.getString("body"),
        Model.format(time(rs, "created_at"))));
  }

  // ---- attachments

  public long addAttachment(long issueId, long uploaderId, String fileName, String contentType, long size, String storedName)
    throws SQLException {
    try {
      return insert("insert into attachments (issue_id, uploader_id, file_name, content_type, size_bytes, stored_name) values (?, ?, ?, ?, ?, ?)",
      ps -> {
        ps.setLong(1, issueId);
        ps.setLong(2, uploaderId);
        ps.setString(3, fileName);
        ps.setString(4, contentType);
        ps.setLong(5, size);
        ps.setString(6, storedName);
      });
    } catch (Duplicate e) {
      throw new SQLException("attachment recorded twice", e);
    }
  }

  private static final String ATTACHMENT_SELECT = "select a.id, a.issue_id, a.file_name, a.content_type, a.size_bytes, u.name as uploader_name,"
    + " a.created_at, a.stored_name from attachments a join users u on u.id = a.uploader_id";

  private static Attachment attachment(ResultSet rs) throws SQLException {
    return new Attachment(rs.getLong("id"), rs.getLong("issue_id"), rs.getString("file_name"), rs.getString("content_type"),
      rs.getLong("size_bytes"), rs.getString("uploader_name"), Model.format(time(rs, "created_at")), rs.getString("stored_name"));
  }

  /** An issue's attachments, oldest first. */
  public List<Attachment> attachments(long issueId) throws SQLException {
    return query(ATTACHMENT_SELECT + " where a.issue_id = ? order by a.id", ps -> ps.setLong(1, issueId), Store::attachment);
  }

  public Optional<Attachment> findAttachment(long issueId, long attachmentId) throws SQLException {
    return one(ATTACHMENT_SELECT + " where a.issue_id = ? and a.id = ?", ps -> {
      ps.setLong(1, issueId);
      ps.setLong(2, attachmentId);
    }, Store::attachment);
  }

  // ---- activity

  /** One line of the feed, on the connection (and so in the transaction) of the change it records. */
  private static void recordActivity(Connection c, long actorId, String verb, long issueId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into activity (actor_id, verb, issue_id) values (?, ?, ?)")) {
      ps.setLong(1, actorId);
      ps.setString(2, verb);
      ps.setLong(3, issueId);
      ps.executeUpdate();
    }
  }

  private static final String ACTIVITY_SELECT = "select a.id, a.verb, a.issue_id, a.created_at, u.name as actor_name, i.title"
    + " from activity a join users u on u.id = a.actor_id join issues i on i.id = a.issue_id";

  /**
   * @param skip how many of the newest to pass over (the live window, for a tab's first "load more")
   * @param max the most to return
   * @return the feed, newest first
   */
  public List<Activity> activity(int skip, int max) throws SQLException {
    return query(ACTIVITY_SELECT + " order by a.id desc limit ? offset ?", ps -> {
      ps.setInt(1, max);
      ps.setInt(2, skip);
    }, Store::activity);
  }

  /** @return up to {@code max} entries older than entry {@code before}, newest first */
  public List<Activity> activityBefore(long before, int max) throws SQLException {
    return query(ACTIVITY_SELECT + " where a.id < ? order by a.id desc limit ?", ps -> {
      ps.setLong(1, before);
      ps.setInt(2, max);
    }, Store::activity);
  }

  private static Activity activity(ResultSet rs) throws SQLException {
    return new Activity(rs.getLong("id"), rs.getString("actor_name"), rs.getString("verb"), rs.getLong("issue_id"),
      rs.getString("title"), Model.format(time(rs, "created_at")));
  }

  // ---- labels

  public List<LabelUse> labelUses() throws SQLException {
    return query("select l.id, l.name, l.color, (select count(*) from issue_labels il where il.label_id = l.id) as uses"
      + " from labels l order by l.name_key", ps -> { },
      rs -> new LabelUse(rs.getLong("id"), rs.getString("name"), rs.getString("color"), rs.getLong("uses")));
  }

  public List<Label> labels() throws SQLException {
    return query("select id, name, color from labels order by name_key", ps -> { },
      rs -> new Label(rs.getLong(1), rs.getString(2), rs.getString(3)));
  }

  public Label createLabel(String name, String color) throws SQLException, Duplicate {
    long id = insert("insert into labels (name, name_key, color) values (?, ?, ?)", ps -> {
      ps.setString(1, name);
      ps.setString(2, name.toLowerCase(Locale.ROOT));
      ps.setString(3, color);
    });
    return new Label(id, name, color);
  }

  public Optional<Label> findLabel(long id) throws SQLException {
    return one("select id, name, color from labels where id = ?", ps -> ps.setLong(1, id),
      rs -> new Label(rs.getLong(1), rs.getString(2), rs.getString(3)));
  }

  public List<Label> labelsOf(long issueId) throws SQLException {
    return query("select l.id, l.name, l.color from issue_labels il join labels l on l.id = il.label_id"
      + " where il.issue_id = ? order by l.name_key", ps -> ps.setLong(1, issueId),
      rs -> new Label(rs.getLong(1), rs.getString(2), rs.getString(3)));
  }

  /** @return whether the label was not on the issue before */
  public boolean attach(long issueId, long labelId) throws SQLException {
    try {
      insertPlain("insert into issue_labels (issue_id, label_id) values (?, ?)", issueId, labelId);
      return true;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private void insertPlain(String sql, long a, long b) throws SQLException {
    update(sql, ps -> {
      ps.setLong(1, a);
      ps.setLong(2, b);
    });
  }

  /** @return whether the label was on the issue */
  public boolean detach(long issueId, long labelId) throws SQLException {
    return update("delete from issue_labels where issue_id = ? and label_id = ?", ps -> {
      ps.setLong(1, issueId);
      ps.setLong(2, labelId);
    }) > 0;
  }
}
