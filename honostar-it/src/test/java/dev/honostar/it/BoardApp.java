package dev.honostar.it;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.Topic;
import dev.honostar.command.Command;
import dev.honostar.command.Effect;
import dev.honostar.command.Handlers;
import dev.honostar.page.BlockingPage;
import dev.honostar.page.Head;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.page.Region;
import dev.honostar.page.ViewKey;
import dev.honostar.presence.PresenceMember;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import dev.honostar.protocol.PatchSignals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A small app exercising every part of the runtime in the integration tests. */
final class BoardApp {

  static final Topic BOARD = Topic.of("board");
  static final Topic FEED = Topic.of("feed");

  record NewItem(@NotBlank(message = "Title is required") @Size(max = 20, message = "Title is too long") String title) {
  }

  /** The "database": several nodes of a multi-node test share one list. */
  final List<String> items;
  final AtomicReference<String> loaderThread = new AtomicReference<>();
  final AtomicReference<ReadStream<?>> lastStreamSource = new AtomicReference<>();
  HonoStar honostar;

  BoardApp() {
    this(new CopyOnWriteArrayList<>());
  }

  /** The tracing to use, or {@code null} for the framework's default (from the options). */
  dev.honostar.observability.Tracing tracing;

  /** The session store to use, or {@code null} for the framework's default. */
  io.vertx.ext.web.sstore.SessionStore sessionStore;

  BoardApp(List<String> items) {
    this.items = items;
  }

  final class BoardPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      String name = ctx.queryParam("name");
      if (name != null) {
        ctx.session().put("name", name);
      }
      return Future.succeededFuture(Map.of("items", List.copyOf(items), "name", nameOf(ctx.session().get("name")), "count", items.size()));
    }

    @Override
    public void head(Head head, Map<String, Object> model) {
      head.title("Board (" + model.get("count") + ")").meta("description", "A <test> board");
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(BOARD);
    }

    @Override
    public void queries(Queries q) {
      q.on("board", qc -> Future.succeededFuture(Map.of("items", List.copyOf(items))), "it/items");
      q.onPerViewer("board", qc -> Future.succeededFuture(Map.of("name", nameOf(qc.viewer().get("name")), "count", items.size())), "it/viewer");
    }
  }

  /**
   * The board's items through a filter from the URL ({@code ?filter=}), for one kind of viewer:
   * its region is keyed by both, so it renders once per distinct (filter, kind) in use.
   */
  final class ShelfPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      String name = ctx.queryParam("name");
      if (name != null) {
        ctx.session().put("name", name);
      }
      return Future.succeededFuture(shelf(ctx.queryParam("filter"), kindOf(ctx.session().get("name"))));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(BOARD);
    }

    @Override
    public String viewerKey(PageContext ctx, Map<String, Object> model) {
      return kindOf(ctx.session().get("name"));
    }

    @Override
    public void queries(Queries q) {
      q.on("board", ViewKey.params("filter").withViewer(), qc -> Future.succeededFuture(shelf(qc.param("filter"), qc.viewerKey())), "it/shelf");
    }
  }

  /**
   * A room ({@code /room/:id}, topic {@code room:<id>}) that shows who is in it: a tab whose
   * session has a name ({@code ?name=}) is counted, an anonymous one only looks.
   */
  final class RoomPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      String name = ctx.queryParam("name");
      if (name != null) {
        ctx.session().put("name", name);
      }
      return Future.succeededFuture(Map.of("here", honostar.presence().current(Topic.of("room", ctx.pathParam("id")))));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(Topic.of("room", ctx.pathParam("id")));
    }

    @Override
    public PresenceMember presenceMember(PageContext ctx, Map<String, Object> model) {
      Object name = ctx.session().get("name");
      return name == null ? null : PresenceMember.of("user-" + name.toString().toLowerCase(), name.toString());
    }

    @Override
    public void queries(Queries q) {
      q.onPresence("room", "it/here");
    }
  }

  private Map<String, Object> shelf(String filter, String kind) {
    String f = filter == null ? "" : filter;
    return Map.of("items", items.stream().filter(i -> i.contains(f)).toList(), "filter", f, "kind", kind, "count", items.size());
  }

  private static String kindOf(Object name) {
    return name == null ? "anonymous" : "member";
  }

  private static String nameOf(Object name) {
    return name == null ? "nobody" : name.toString();
  }

  /** A loader with plain blocking code. */
  final class BlockingItemPage implements BlockingPage<Map<String, Object>> {
    @Override
    public Map<String, Object> loadBlocking(PageContext ctx) {
      loaderThread.set(Thread.currentThread().toString());
      int index = Integer.parseInt(ctx.pathParam("index"));
      if (index < 0 || index >= items.size()) {
        throw PageContext.notFoundException();
      }
      return Map.of("message", items.get(index));
    }
  }

  /** Renders the last event's payload: works across processes that share no state. */
  final class FeedPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(Map.of("last", "nothing yet"));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(FEED);
    }

    @Override
    public void queries(Queries q) {
      q.on("feed", qc -> Future.succeededFuture(Map.of("last", qc.eventPayload().getString("title", "nothing yet"))), "it/last");
    }
  }

  final class FeedCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        ctx.publish(FEED, "posted", Map.of("title", ctx.signals().getString("title", "")));
        return Future.succeededFuture();
      });
    }
  }

  final class GuardedPage implements Page<Object> {
    @Override
    public Future<Object> load(PageContext ctx) {
      return ctx.redirect("/board");
    }
  }

  /** Subscribed to the board for its one-off effects only: no query, no region ({@code EffectsOnlyTopicTest}). */
  static final class NoticesPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(Map.of("message", "Notices"));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(BOARD);
    }
  }

  /** The board's items as a keyed list ({@code #log}): tabs receive the entries that changed. */
  final class LogPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(log());
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(BOARD);
    }

    @Override
    public void queries(Queries q) {
      q.on("board", qc -> Future.succeededFuture(log()), Region.keyedList("it/log"));
    }
  }

  /**
   * The board's items newest first, at most three ({@code #newest}, {@code Region.limit}), with
   * the items a tab loads itself in {@code #older} ({@code Region.overflow}); {@code POST /newest/more}
   * appends the items past the window to this tab.
   */
  final class NewestPage implements Page<Map<String, Object>> {
    @Override
    public Future<Map<String, Object>> load(PageContext ctx) {
      return Future.succeededFuture(newest(0, 3));
    }

    @Override
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
      return Set.of(BOARD);
    }

    @Override
    public void queries(Queries q) {
      // The query loads more than the limit: the framework cuts what tabs keep.
      q.on("board", qc -> Future.succeededFuture(newest(0, 100)), Region.keyedList("it/newest").limit(3).overflow("older"));
    }
  }

  /** {@code POST /newest/more}: the items past the window, appended to this tab's {@code #older}. */
  final class NewestMoreCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        ctx.reply(Effect.append("#older", "it/newest-entries", newest(3, 100)));
        return Future.succeededFuture();
      });
    }
  }

  private Map<String, Object> newest(int skip, int max) {
    List<Map<String, Object>> entries = new java.util.ArrayList<>();
    for (int i = items.size() - 1 - skip; i >= 0 && entries.size() < max; i--) {
      entries.add(Map.of("index", i, "title", items.get(i)));
    }
    return Map.of("entries", entries);
  }

  private Map<String, Object> log() {
    List<Map<String, Object>> entries = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      entries.add(Map.of("index", i, "title", items.get(i)));
    }
    return Map.of("entries", entries);
  }

  /** Renames an item: {@code POST /items/rename} with {@code index} and {@code title}. */
  final class RenameCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        int index = ctx.signals().getInteger("index");
        items.set(index, ctx.signals().getString("title"));
        ctx.publish(BOARD, "item-renamed", Map.of("index", index));
      });
    }
  }

  final class ItemsCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        NewItem item = ctx.input(NewItem.class);
        items.add(item.title());
        ctx.publish(BOARD, "item-added", Map.of("title", item.title()));
        return Future.succeededFuture();
      });
      on.deleteBlocking(ctx -> {
        items.clear();
        ctx.publish(BOARD, "cleared", null);
      });
    }
  }

  /** A toast for the other tabs of the board ({@code LiveEffectsReplayTest}). */
  static final class AnnounceCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        ctx.publish(BOARD, "announced", dev.honostar.live.LiveEffects.attachForOthers(new io.vertx.core.json.JsonObject(),
          ctx.routingContext(), Effect.toast(ctx.signals().getString("text", ""))));
        return Future.succeededFuture();
      });
    }
  }

  /** Each path answers with one kind of reply. */
  final class RepliesCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> {
        switch (ctx.signals().getString("kind", "")) {
          case "none" -> { }
          case "one" -> ctx.reply(Effect.signals(Map.of("saved", true)));
          case "many" -> ctx.reply(Effect.signals(Map.of("saved", true)), Effect.elements("<p id=\"x\">x</p>"));
          case "region" -> ctx.reply(Effect.region("it/plain", Map.of("message", "<b>hi</b>")));
          case "toast" -> ctx.reply(Effect.toast("Saved <ok>"));
          case "flash" -> ctx.reply(Effect.custom("flash", new JsonObject().put("text", "Flash!")));
          case "unknown" -> ctx.reply(Effect.custom("nope", null));
          case "redirect" -> ctx.redirect("/board");
          case "stream-only" -> ctx.reply(Effect.of(PatchSignals.of(Map.of("a", 1)).eventId("7")));
          default -> throw new IllegalStateException("boom: secret detail");
        }
        return Future.succeededFuture();
      });
    }
  }

  Future<Router> router(Vertx vertx, HonoStarOptions options, io.micrometer.core.instrument.MeterRegistry registry) {
    honostar = HonoStar.create(vertx, options)
      .meterRegistry(registry);
    if (sessionStore != null) {
      honostar.sessionStore(sessionStore);
    }
    if (tracing != null) {
      honostar.tracing(tracing);
    }
    honostar
      .page("/board", new BoardPage(), "it/board")
      .page("/items/:index", new BlockingItemPage(), "it/plain")
      .page("/guarded", new GuardedPage(), "it/plain")
      .page("/typo/:id", (Page<Object>) ctx -> Future.succeededFuture(Map.of("message", ctx.pathParam("itemId"))), "it/plain")
      .page("/feed", new FeedPage(), "it/feed")
      .page("/shelf", new ShelfPage(), "it/shelf-page")
      .page("/room/:id", new RoomPage(), "it/room-page")
      .page("/log", new LogPage(), "it/log-page")
      .page("/log-current", new LogPage(), "it/log-current-page")
      .page("/notices", new NoticesPage(), "it/plain")
      .page("/newest", new NewestPage(), "it/newest-page")
      .command("/newest/more", new NewestMoreCommand())
      .command("/feed", new FeedCommand())
      .command("/items", new ItemsCommand())
      .command("/items/rename", new RenameCommand())
      .command("/replies", new RepliesCommand())
      .command("/announce", new AnnounceCommand())
      .effect("flash", (payload, view) -> List.of(PatchElements.of(view.render("it/flash", payload.getMap())).selector("#flash").mode(PatchMode.OUTER)))
      .stream("/clock", ctx -> vertx.eventBus().<String>consumer("clock").bodyStream(),
        time -> PatchElements.of("<time id=\"clock\">" + time + "</time>"))
      .stream("/ticks", ctx -> {
        TickSource source = new TickSource(vertx);
        lastStreamSource.set(source);
        return source;
      });
    return honostar.router();
  }
}
