package dev.honostar.examples.issues;

import dev.honostar.examples.issues.routes.Routes;
import dev.honostar.examples.issues.Model.Blank;
import dev.honostar.examples.issues.Model.Controls;
import dev.honostar.examples.issues.Model.DetailView;
import dev.honostar.examples.issues.Model.Filter;
import dev.honostar.examples.issues.Model.Issue;
import dev.honostar.examples.issues.Model.IssueList;
import dev.honostar.examples.issues.Model.Label;
import dev.honostar.examples.issues.Model.ListView;
import dev.honostar.bus.Topic;
import dev.honostar.HonoStar;
import dev.honostar.presence.PresenceMember;
import dev.honostar.presence.PresenceSet;
import dev.honostar.page.BlockingPage;
import dev.honostar.page.Head;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.page.Region;
import dev.honostar.page.ViewKey;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** The issue pages: the live list, the no-JavaScript "new issue" page and an issue's detail. */
public final class IssuePages {

  private IssuePages() {
  }

  /** What the list region depends on: the tab's search and status, as its URL has them. */
  static final ViewKey LIST_VIEW = ViewKey.params("q", "status");

  /** Viewer keys of the detail page: the three kinds of controls a viewer can see. */
  static final String ANONYMOUS = "anonymous";
  static final String MEMBER = "member";
  static final String AUTHOR = "author";

  /**
   * {@code /issues}: search ({@code q}) and status filter ({@code status=open|closed|all}) by
   * plain links and a GET form; the {@code #issues-tabs} and {@code #issues-rows} regions
   * re-render live, once per event for each filter that open tabs show (their view key is the
   * URL's {@code q} and {@code status}). The rows are a keyed list: tabs receive the rows that
   * changed, not the list.
   */
  public static class ListPage implements BlockingPage<ListView> {
    private final Store store;

    public ListPage(Store store) {
      this.store = store;
    }

    static IssueList list(Store store, Filter filter) throws SQLException {
      return new IssueList(filter, store.counts(filter), store.list(filter));
    }

    @Override
    public ListView loadBlocking(PageContext ctx) throws Exception {
      Filter filter = Filter.of(ctx.queryParam("q"), ctx.queryParam("status"));
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
      q.on(Topics.issues(), LIST_VIEW, qc -> {
        Filter filter = Filter.of(qc.param("q"), qc.param("status"));
        return qc.blocking(() -> new ListView(list(store, filter), filter, false));
      }, Region.of("issues/tabs"), Region.keyedList("issues/rows"));
    }
  }

  /** {@code /issues/new}: the create form as a page of its own, for browsers without JavaScript. */
  public static class NewPage implements BlockingPage<Blank> {
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
   * and {@code #issue-comments} render once per node per change; {@code #issue-controls} once
   * per kind of viewer ({@link #viewerKey}): the author gets the edit form, a signed-in member
   * the labels, an anonymous visitor a note. At most three renders, whatever the tabs.
   * {@code #issue-here} shows the signed-in users viewing the issue, on any node.
   */
  public static class DetailPage implements BlockingPage<DetailView> {
    private final Store store;
    private final HonoStar honostar;

    public DetailPage(Store store, HonoStar honostar) {
      this.store = store;
      this.honostar = honostar;
    }

    /** The model of the shared regions. */
    static DetailView shared(Store store, long id) throws SQLException {
      Issue issue = store.findIssue(id).orElse(null);
      if (issue == null) {
        return new DetailView(null, List.of(), List.of(), List.of(), null, false, null);
      }
      return new DetailView(issue, store.labelsOf(id), store.comments(id), store.attachments(id), null, false, null);
    }

    /** The kind of viewer of {@code issue}'s controls. */
    static String viewerKey(Issue issue, Long viewerId) {
      if (viewerId == null) {
        return ANONYMOUS;
      }
      return issue != null && issue.authorId() == viewerId ? AUTHOR : MEMBER;
    }

    /** The model of the controls for one kind of viewer. */
    static DetailView controls(Store store, long id, String viewerKey) throws SQLException {
      Issue issue = store.findIssue(id).orElse(null);
      List<Label> attached = issue == null ? List.of() : store.labelsOf(id);
      List<Label> available = store.labels().stream().filter(l -> attached.stream().noneMatch(a -> a.id() == l.id())).toList();
      boolean signedIn = !ANONYMOUS.equals(viewerKey);
      boolean canEdit = issue != null && AUTHOR.equals(viewerKey);
      return new DetailView(issue, attached, List.of(), List.of(), new Controls(signedIn, canEdit, attached, available), signedIn, null);
    }

    @Override
    public DetailView loadBlocking(PageContext ctx) throws Exception {
      long id = Routes.Issues_ById.ID.from(ctx);
      Long viewer = Auth.userId(ctx.session());
      DetailView shared = shared(store, id);
      if (shared.issue() == null) {
        throw PageContext.notFoundException();
      }
      DetailView mine = controls(store, id, viewerKey(shared.issue(), viewer));
      // Who is here as this node knows it now; the stream adds this tab's viewer as it connects.
      PresenceSet here = honostar.presence().current(Topics.issue(id));
      return new DetailView(shared.issue(), shared.labels(), shared.comments(), shared.attachments(), mine.controls(), viewer != null, here);
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
    public String viewerKey(PageContext ctx, DetailView model) {
      return viewerKey(model.issue(), Auth.userId(ctx.session()));
    }

    /** Signed-in viewers are listed as here (once, however many tabs); anonymous ones only look. */
    @Override
    public PresenceMember presenceMember(PageContext ctx, DetailView model) {
      Long viewer = Auth.userId(ctx.session());
      return viewer == null ? null : PresenceMember.of("user-" + viewer, Auth.userName(ctx.session()));
    }

    @Override
    public void queries(Queries q) {
      // #issue-here: once per presence change per node, whatever the tabs (docs/presence.md).
      q.onPresence(Topics.anyIssue(), "issues/here");
      q.on(Topics.anyIssue(), qc -> {
        long id = Long.parseLong(qc.topic().key());
        return qc.blocking(() -> shared(store, id));
      }, Region.of("issues/main"), Region.keyedList("issues/comments"), Region.keyedList("issues/attachments"));
      q.on(Topics.anyIssue(), ViewKey.viewer(), qc -> {
        long id = Long.parseLong(qc.topic().key());
        String viewer = qc.viewerKey();
        return qc.blocking(() -> controls(store, id, viewer));
      }, "issues/controls");
    }
  }
}
