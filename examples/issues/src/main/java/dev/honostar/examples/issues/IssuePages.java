package dev.honostar.examples.issues;

import dev.honostar.examples.issues.Model.Blank;
import dev.honostar.examples.issues.Model.Controls;
import dev.honostar.examples.issues.Model.DetailView;
import dev.honostar.examples.issues.Model.Filter;
import dev.honostar.examples.issues.Model.Issue;
import dev.honostar.examples.issues.Model.IssueList;
import dev.honostar.examples.issues.Model.Label;
import dev.honostar.examples.issues.Model.ListView;
import dev.honostar.live.Topic;
import dev.honostar.page.BlockingPage;
import dev.honostar.page.Head;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import io.vertx.ext.web.Session;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** The issue pages: the live list, the no-JavaScript "new issue" page and an issue's detail. */
final class IssuePages {

  private IssuePages() {
  }

  /** Session key of the list filter the tab last loaded, for its per-viewer live re-renders. */
  static final String FILTER_KEY = "issues.filter";

  static Filter filterOf(Session session) {
    Object v = session == null ? null : session.get(FILTER_KEY);
    if (v instanceof String s) {
      int nl = s.indexOf('\n');
      return nl < 0 ? Filter.DEFAULT : Filter.of(s.substring(nl + 1), s.substring(0, nl));
    }
    return Filter.DEFAULT;
  }

  static long idParam(String raw) {
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to 404
    }
    throw PageContext.notFoundException();
  }

  /**
   * {@code /issues}: search ({@code q}) and status filter ({@code status=open|closed|all}) by
   * plain links and a GET form; the {@code #issues-list} region re-renders live.
   *
   * <p>The region is per viewer because each tab shows its own filter: the query re-reads the
   * filter this session last loaded. (The framework's shared queries see only the topic, not
   * the tab's URL; with one filter per session this is exact.)
   */
  static final class ListPage implements BlockingPage<ListView> {
    private final Store store;

    ListPage(Store store) {
      this.store = store;
    }

    static IssueList list(Store store, Filter filter) throws SQLException {
      return new IssueList(filter, store.counts(filter), store.list(filter));
    }

    @Override
    public ListView loadBlocking(PageContext ctx) throws Exception {
      Filter filter = Filter.of(ctx.queryParam("q"), ctx.queryParam("status"));
      ctx.session().put(FILTER_KEY, filter.status() + "\n" + filter.q());
      return new ListView(list(store, filter), filter, Auth.userId(ctx.session()) != null);
    }

    @Override
    public void head(Head head, ListView model) {
      head.title("Issues").meta("description", "Every issue, live.");
    }

    @Override
    public Set<Topic> topics(PageContext ctx, ListView model) {
      return Set.of(Topics.issues());
    }

    @Override
    public void queries(Queries q) {
      q.onPerViewer("issues", qc -> {
        Filter filter = filterOf(qc.viewer());
        return qc.blocking(() -> new ListView(list(store, filter), filter, false));
      }, "issues/list");
    }
  }

  /** {@code /issues/new}: the create form as a page of its own, for browsers without JavaScript. */
  static final class NewPage implements BlockingPage<Blank> {
    @Override
    public Blank loadBlocking(PageContext ctx) {
      Auth.requirePage(ctx.session());
      return new Blank();
    }

    @Override
    public void head(Head head, Blank model) {
      head.title("New issue");
    }
  }

  /**
   * {@code /issues/:id}: the issue with live comments, labels and status. {@code #issue-main}
   * and {@code #issue-comments} are shared regions (one render per node per change);
   * {@code #issue-controls} is per viewer: the author gets the edit form, others a note.
   */
  static final class DetailPage implements BlockingPage<DetailView> {
    private final Store store;

    DetailPage(Store store) {
      this.store = store;
    }

    /** The model of the shared regions. */
    static DetailView shared(Store store, long id) throws SQLException {
      Issue issue = store.findIssue(id).orElse(null);
      if (issue == null) {
        return new DetailView(null, List.of(), List.of(), null, false);
      }
      return new DetailView(issue, store.labelsOf(id), store.comments(id), null, false);
    }

    /** The model of the per-viewer controls. */
    static DetailView controls(Store store, long id, Long viewerId) throws SQLException {
      Issue issue = store.findIssue(id).orElse(null);
      List<Label> attached = issue == null ? List.of() : store.labelsOf(id);
      List<Label> available = store.labels().stream().filter(l -> attached.stream().noneMatch(a -> a.id() == l.id())).toList();
      boolean canEdit = issue != null && viewerId != null && issue.authorId() == viewerId;
      return new DetailView(issue, attached, List.of(), new Controls(viewerId != null, canEdit, attached, available), viewerId != null);
    }

    @Override
    public DetailView loadBlocking(PageContext ctx) throws Exception {
      long id = idParam(ctx.pathParam("id"));
      Long viewer = Auth.userId(ctx.session());
      DetailView shared = shared(store, id);
      if (shared.issue() == null) {
        throw PageContext.notFoundException();
      }
      DetailView mine = controls(store, id, viewer);
      return new DetailView(shared.issue(), shared.labels(), shared.comments(), mine.controls(), viewer != null);
    }

    @Override
    public void head(Head head, DetailView model) {
      head.title("#" + model.issue().id() + " " + model.issue().title());
    }

    @Override
    public Set<Topic> topics(PageContext ctx, DetailView model) {
      return Set.of(Topics.issue(model.issue().id()));
    }

    @Override
    public void queries(Queries q) {
      q.on("issue", qc -> {
        long id = Long.parseLong(qc.topic().key());
        return qc.blocking(() -> shared(store, id));
      }, "issues/main", "issues/comments");
      q.onPerViewer("issue", qc -> {
        long id = Long.parseLong(qc.topic().key());
        Long viewer = Auth.userId(qc.viewer());
        return qc.blocking(() -> controls(store, id, viewer));
      }, "issues/controls");
    }
  }
}
