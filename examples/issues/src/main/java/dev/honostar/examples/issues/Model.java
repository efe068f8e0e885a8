package dev.honostar.examples.issues;

import dev.honostar.examples.issues.routes.Routes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the templates render: plain records, read by name ({@code {{issue.title}}}). */
public final class Model {

  private Model() {
  }

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm 'UTC'", Locale.ENGLISH);

  static String format(OffsetDateTime t) {
    return t == null ? "" : WHEN.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** Badge variants of the UI kit a label may use. */
  public static final Set<String> COLORS = Set.of("default", "secondary", "outline", "success", "destructive");

  public record User(long id, String name, String email, String since) {
  }

  public record Label(long id, String name, String color) {
  }

  /** A label on the labels page, with how many issues carry it. */
  public record LabelUse(long id, String name, String color, long issues) {
  }

  /** A row of the issue list. */
  public record IssueRow(long id, String title, String status, long authorId, String authorName, String created,
                         long comments, List<Label> labels) {
    public boolean open() {
      return "open".equals(status);
    }
  }

  public record Issue(long id, String title, String description, String status, long authorId, String authorName,
                      String created, String updated) {
    public boolean open() {
      return "open".equals(status);
    }
  }

  public record Comment(long id, long authorId, String authorName, String body, String created) {
  }

  /** A file attached to an issue; {@code storedName} is its file in the attachments directory. */
  public record Attachment(long id, long issueId, String fileName, String contentType, long size, String uploaderName, String created,
                           String storedName) {
    /** The size as people read it. */
    public String sizeText() {
      if (size < 1024) {
        return size + " B";
      }
      if (size < 1024 * 1024) {
        return String.format(java.util.Locale.ROOT, "%.1f KB", size / 1024.0);
      }
      return String.format(java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024));
    }
  }

  /** The list's filter: search text and status ({@code open}, {@code closed} or {@code all}). */
  public record Filter(String q, String status) {
    public static final Filter DEFAULT = new Filter("", "open");

    public static Filter of(String q, String status) {
      String query = q == null ? "" : q.strip();
      if (query.length() > 100) {
        query = query.substring(0, 100);
      }
      String s = status == null ? "open" : status.strip().toLowerCase(Locale.ROOT);
      if (!s.equals("open") && !s.equals("closed") && !s.equals("all")) {
        s = "open";
      }
      return new Filter(query, s);
    }

    public boolean isOpen() {
      return status.equals("open");
    }

    public boolean isClosed() {
      return status.equals("closed");
    }

    public boolean isAll() {
      return status.equals("all");
    }

    /** @return the query string of this filter with another status, for the tabs */
    public String href(String otherStatus) {
      String base = Routes.issues().href() + "?status=" + otherStatus;
      return q.isEmpty() ? base : base + "&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String hrefOpen() {
      return href("open");
    }

    public String hrefClosed() {
      return href("closed");
    }

    public String hrefAll() {
      return href("all");
    }
  }

  public record Counts(long open, long closed) {
    public long all() {
      return open + closed;
    }
  }

  /** The model of the {@code #issues-list} region. */
  public record IssueList(Filter filter, Counts counts, List<IssueRow> issues) {
    public boolean empty() {
      return issues.isEmpty();
    }
  }

  // ---- page and region models. Records, not maps: the UI kit's partials also read their
  // caller's context, and a Map model would answer {{size}} (Map.size()) to ui/button.

  /** {@code /issues} and its {@code #issues-list} region. */
  public record ListView(IssueList list, Filter filter, boolean signedIn) {
  }

  /** What a viewer may do on an issue's page. */
  public record Controls(boolean signedIn, boolean canEdit, List<Label> attached, List<Label> available) {
  }

  /**
   * {@code /issues/:id}; its shared regions use {@code issue}, {@code labels} and {@code comments},
   * the per-viewer {@code #issue-controls} region {@code issue} and {@code controls}.
   */
  /** @param here who is viewing the issue (the page's model only; regions render from their own queries) */
  public record DetailView(Issue issue, List<Label> labels, List<Comment> comments, List<Attachment> attachments, Controls controls,
                           boolean signedIn, dev.honostar.presence.PresenceSet here) {
  }

  public record LabelsView(List<LabelUse> labels, boolean signedIn) {
  }

  public record ProfileView(User user, List<IssueRow> issues) {
  }

  /** Pages whose template needs nothing but the flashed {@code @input} and {@code @errors}. */
  /** One line of the activity feed: "{actor} {verb} #{issueId}". */
  public record Activity(long id, String actor, String verb, long issueId, String title, String created) {
  }

  /**
   * The activity page: the live window of the feed ({@code entries}), an older page asked for
   * without JavaScript ({@code older}, from {@code ?before=}), the cursor of the next "load more"
   * link ({@code more}: the oldest entry shown, {@code 0} when none is) and the tab's first
   * {@code activityBefore} signal ({@code before}: the oldest entry of {@code older}, {@code 0}
   * when the tab loaded nothing, so that its first "load more" starts after the live window).
   */
  public record ActivityView(List<Activity> entries, List<Activity> older, long more, long before) {
  }

  public record Blank() {
  }
}
