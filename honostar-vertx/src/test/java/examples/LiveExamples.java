package examples;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.command.Command;
import dev.honostar.command.Effect;
import dev.honostar.command.Handlers;
import dev.honostar.live.LiveOptions;
import dev.honostar.bus.Topic;
import dev.honostar.page.BlockingPage;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.page.Region;
import dev.honostar.page.ViewKey;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import dev.honostar.protocol.SseCompression;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The snippets of docs/live-updates.md and docs/deployment.md, compiled so they cannot rot. */
public class LiveExamples {

  record Issue(long id, long authorId, String title) {
  }

  interface Store {
    List<Issue> list(String status, String q);

    Issue find(long id);

    /** The feed, newest first: {@code max} entries after the newest {@code skip}. */
    List<Entry> feed(int skip, int max);

    /** Up to {@code max} entries older than entry {@code id}, newest first. */
    List<Entry> feedBefore(long id, int max);
  }

  record Entry(long id, String text) {
  }

  // tag::viewKeys[]
  /** {@code /issues?status=…&q=…}: the list renders once per filter in use, whatever the number of tabs. */
  public static final class ListPage implements BlockingPage<List<Issue>> {
    private final Store store;

    public ListPage(Store store) {
      this.store = store;
    }

    @Override
    public List<Issue> loadBlocking(PageContext ctx) {
      return store.list(ctx.queryParam("status"), ctx.queryParam("q"));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, List<Issue> model) {
      return Set.of(Topic.of("issues"));
    }

    @Override
    public void queries(Queries q) {
      q.on("issues", ViewKey.params("status", "q"),
          qc -> qc.blocking(() -> store.list(qc.param("status"), qc.param("q"))), "issues/list");
    }
  }

  /** {@code /issues/:id}: the controls render once per kind of viewer, at most three times per event. */
  public static final class DetailPage implements BlockingPage<Issue> {
    private final Store store;

    public DetailPage(Store store) {
      this.store = store;
    }

    @Override
    public Issue loadBlocking(PageContext ctx) {
      return store.find(Long.parseLong(ctx.pathParam("id")));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Issue issue) {
      return Set.of(Topic.of("issue", issue.id()));
    }

    @Override
    public String viewerKey(PageContext ctx, Issue issue) {
      Long user = ctx.session().get("userId");
      return user == null ? "anonymous" : user == issue.authorId() ? "author" : "member";
    }

    @Override
    public void queries(Queries q) {
      q.on("issue", qc -> qc.blocking(() -> store.find(Long.parseLong(qc.topic().key()))), "issues/main");
      q.on("issue", ViewKey.viewer(), qc -> qc.blocking(() -> Map.of(
          "issue", store.find(Long.parseLong(qc.topic().key())),
          "canEdit", qc.viewerKey().equals("author"))), "issues/controls");
    }
  }
  // end::viewKeys[]

  public void keyedLists(Queries q, Store store) {
    // tag::keyedLists[]
    q.on("issues", ViewKey.params("status", "q"),
        qc -> qc.blocking(() -> store.list(qc.param("status"), qc.param("q"))),
        Region.of("issues/tabs"),            // the counts: small, sent whole
        Region.keyedList("issues/rows"));    // the rows: only the ones that changed are sent
    // end::keyedLists[]
  }

  public void limitedFeed(Queries q, Store store) {
    // tag::limitedFeed[]
    q.on("activity", qc -> qc.blocking(() -> Map.of("entries", store.feed(0, 20))),
        Region.keyedList("activity/feed")     // <ol id="activity-feed">, newest first
            .limit(20)                        // tabs keep at most 20: the oldest leave as removals
            .overflow("activity-older"));     // where "load more" put older pages, in this tab
    // end::limitedFeed[]
  }

  // tag::loadMore[]
  /** {@code POST /activity/more}: the next older page, for the asking tab only. */
  public static final class MoreCommand implements Command {
    private final Store store;

    public MoreCommand(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        long before = ctx.signals().getLong("activityBefore", 0L);      // 0: nothing loaded yet
        List<Entry> page = before > 0 ? store.feedBefore(before, 20) : store.feed(20, 20);
        if (!page.isEmpty()) {
          ctx.reply(Effect.append("#activity-older", "activity/entries", Map.of("entries", page)),
              Effect.signals(Map.of("activityBefore", page.get(page.size() - 1).id())));
        }
      });
    }
  }
  // end::loadMore[]

  public void cachedViews() {
    // tag::cachedViews[]
    new LiveOptions().setMaxCachedViews(4096);   // or HONOSTAR_LIVE_MAX_CACHED_VIEWS=4096
    // end::cachedViews[]
  }

  public void compression() {
    // tag::compression[]
    LiveOptions live = new LiveOptions()
        .setCompression(new SseCompression().setMode(SseCompression.Mode.STREAM).setLevel(1));  // per-stream windows
    new LiveOptions().setCompression(new SseCompression().setEnabled(false));                    // plain streams
    // end::compression[]
  }

  public void oneAppOnEveryLoop(Vertx vertx, HonoStar honostar, HonoStarOptions options) {
    // tag::everyLoop[]
    Router router = honostar.router().await();            // one app: one hub, one bus connection
    HttpServerOptions server = options.applyTo(new HttpServerOptions().setPort(8080));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(server).requestHandler(router).listen();
      }
    }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()));
    // end::everyLoop[]
  }
}
