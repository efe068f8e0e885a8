package dev.honostar.page;

import dev.honostar.bus.Topic;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/**
 * A page: a GET route that loads a model and renders a full HTML document from its template,
 * wrapped in its layouts. A page may subscribe the tab to topics; when a domain event arrives
 * on one, the page's {@link #queries(Queries) queries} re-render its regions as fat patches.
 *
 * <p>{@link #load(PageContext)} runs on the event loop and must not block; implement
 * {@link BlockingPage} instead for plain blocking code (JDBC, files), which runs on a virtual
 * thread (Java 21+) or a worker thread.
 *
 * <pre>{@code
 * public class IssuesPage implements Page<List<Issue>> {
 *   public Future<List<Issue>> load(PageContext ctx) { return issues.all(); }
 *   public void head(Head head, List<Issue> model) { head.title("Issues (" + model.size() + ")"); }
 *   public Set<Topic> topics(PageContext ctx, List<Issue> model) { return Set.of(Topics.issues()); }
 *   public void queries(Queries q) { q.on("issues", qc -> issues.all(), "issues/list"); }
 * }
 * }</pre>
 *
 * @param <M> the model the template renders
 */
public interface Page<M> {

  /**
   * Loads the model. Short-circuit with {@code ctx.redirect(href)} or {@code ctx.notFound()}.
   */
  Future<M> load(PageContext ctx);

  /** Fills the document's head (title, meta) from the model. */
  default void head(Head head, M model) {
  }

  /** @return the topics this tab subscribes to; none by default (a static page) */
  default Set<Topic> topics(PageContext ctx, M model) {
    return Set.of();
  }

  /**
   * Says which kind of viewer this tab's regions keyed with {@link ViewKey#viewer()} render for,
   * e.g. {@code "anonymous"}, {@code "member"} or {@code "author"}. Keep the kinds few: each
   * distinct value is one render per event. The value is bound into the tab's signed live token
   * when the page renders, so it holds for the stream on any node without a shared session;
   * a tab sees a change of role (signing out) on its next page load.
   *
   * @return the viewer key, or {@code null} for none
   */
  default String viewerKey(PageContext ctx, M model) {
    return null;
  }

  /**
   * Says who this tab's viewer is for presence: the member counted on each of the page's topics
   * whose family has a {@link Queries#onPresence presence region}. Many tabs of one member (the
   * same id) count once. Like the viewer key, it is bound into the tab's signed live token, so
   * any node knows it without a session.
   *
   * <pre>{@code
   * public PresenceMember presenceMember(PageContext ctx, Issue issue) {
   *   User u = ctx.session().get("user");
   *   return u == null ? null : PresenceMember.of("user-" + u.id(), u.name());
   * }
   * }</pre>
   *
   * @return the member, or {@code null} (the default): the tab sees who is here without being counted
   */
  default dev.honostar.presence.PresenceMember presenceMember(PageContext ctx, M model) {
    return null;
  }

  /** Declares, per topic family, how to reload and which regions to re-render. Called once. */
  default void queries(Queries queries) {
  }

  /** @return handlers run before the page (authentication, ...), in order */
  default List<Handler<RoutingContext>> middleware() {
    return List.of();
  }
}
