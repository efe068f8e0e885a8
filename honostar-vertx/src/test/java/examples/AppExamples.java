package examples;

import com.github.jknack.handlebars.Helper;
import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.Topic;
import dev.honostar.command.Command;
import dev.honostar.command.CommandContext;
import dev.honostar.command.Effect;
import dev.honostar.command.Handlers;
import dev.honostar.page.Head;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.SseStream;
import dev.honostar.routing.RouteTable;
import dev.honostar.view.AssetHandler;
import dev.honostar.view.RouteResolver;
import dev.honostar.view.Theme;
import dev.honostar.view.ViewEngine;
import dev.honostar.view.ViewOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java snippets of docs/pages-and-commands.md and docs/views.md and of {@code HonoStar}'s
 * Javadoc, compiled so they cannot rot; {@code DocSnippetsTest} checks that every line those
 * pages show is here.
 */
public class AppExamples {

  static final Topic COUNTER = Topic.of("counter");
  static final Topic BOARD = Topic.of("board");
  static final AtomicInteger count = new AtomicInteger();
  static final List<String> items = new CopyOnWriteArrayList<>();

  interface Repository {
    void clear();
  }

  static Repository repository = items::clear;

  public void setup(Vertx vertx, JsonObject config) {
    // tag::setup[]
    HonoStarOptions options = HonoStarOptions.load(config, System.getenv());
    HonoStar.create(vertx, options)
        .page("/", new CounterPage(), "counter")           // route, page, template
        .command("/increment", new IncrementCommand())
        .router()
        .onSuccess(router -> vertx.createHttpServer(options.applyTo(new HttpServerOptions()))
            .requestHandler(router).listen(8080));
    // end::setup[]
  }

  /** docs/configuration.md. */
  public void configuration(Vertx vertx, JsonObject config, Router router) {
    HonoStarOptions options = HonoStarOptions.load(config, System.getenv());   // 2 then 3
    options.getLive().setHeartbeatMillis(10_000);                               // or in code
    HttpServerOptions server = options.applyTo(new HttpServerOptions().setPort(8080));
    vertx.createHttpServer(server).requestHandler(router).listen();
  }

  /** HonoStar's class Javadoc. */
  public void javadoc(Vertx vertx, JsonObject config) {
    HonoStarOptions options = HonoStarOptions.load(config, System.getenv());
    HonoStar.create(vertx, options)
        .routes(RouteTable.discover())                 // file-based routes (docs/routing.md), or:
        .page("/", new HomePage(), "home")             // path, page, template
        .command("/counter", new CounterCommand())
        .router()
        .onSuccess(router -> vertx.createHttpServer(options.applyTo(new HttpServerOptions()))
            .requestHandler(router).listen(8080));
  }

  // tag::page[]
  final class CounterPage implements Page<Map<String, Object>> {
    public Future<Map<String, Object>> load(PageContext ctx) {              // the model
      return Future.succeededFuture(Map.of("count", count.get()));
    }
    public void head(Head head, Map<String, Object> model) {                 // title, meta
      head.title("Hello, HonoStar");
    }
    public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {   // live subscriptions
      return Set.of(COUNTER);
    }
    public void queries(Queries q) {                                         // what re-renders
      q.on("counter", qc -> Future.succeededFuture(Map.of("count", count.get())), "counter/count");
    }
  }
  // end::page[]

  // tag::increment[]
  final class IncrementCommand implements Command {
    public void handlers(Handlers on) {
      on.post(ctx -> {
        count.incrementAndGet();
        ctx.publish(COUNTER, "incremented", Map.of());
        return Future.succeededFuture();
      });
    }
  }
  // end::increment[]

  static final class HomePage implements Page<Object> {
    @Override
    public Future<Object> load(PageContext ctx) {
      return Future.succeededFuture(Map.of());
    }
  }

  static final class CounterCommand implements Command {
    @Override
    public void handlers(Handlers on) {
      on.post(ctx -> Future.succeededFuture());
    }
  }

  // tag::command[]
  record NewItem(@NotBlank(message = "Title is required") @Size(max = 20) String title) {}

  final class ItemsCommand implements Command {
    public void handlers(Handlers on) {
      on.post(ctx -> {                                   // event loop: return a Future
        NewItem item = ctx.input(NewItem.class);         // bound and validated
        items.add(item.title());
        ctx.publish(BOARD, "item-added", Map.of("title", item.title()))
           .reply(Effect.toast("Added"));
        return Future.succeededFuture();
      });
      on.deleteBlocking(ctx -> repository.clear());      // blocking: virtual thread or worker
    }
  }
  // end::command[]

  record Search(String q) {
  }

  static Map<String, Object> results(Search in) {
    return Map.of("q", in.q());
  }

  public void keepForm(Handlers on) {
    // tag::keepForm[] (also CommandContext.keepForm's Javadoc)
    on.post(ctx -> {
      Search in = ctx.input(Search.class);
      ctx.keepForm().reply(Effect.region("search/results", results(in)));   // the query stays in the box
      return Future.succeededFuture();
    });
    // end::keepForm[]
  }

  public void topics(Vertx vertx, HonoStarOptions options) {
    // tag::topics[]
    HonoStar.create(vertx, options)
        .topics("issues", "issue", "labels")      // Topic.of("issue", 42) is in family "issue"
        .page("/issues", new IssuesPage(), "issues/index");
    // end::topics[]
  }

  static final class IssuesPage implements Page<Object> {
    @Override
    public Future<Object> load(PageContext ctx) {
      return Future.succeededFuture(Map.of());
    }
  }

  public void effects(HonoStar honostar, CommandContext ctx) {
    // tag::effect[]
    honostar.effect("flash", (payload, view) -> List.of(
        PatchElements.of(view.render("flash", payload.getMap())).selector("#flash")));
    // in a command:
    ctx.reply(Effect.custom("flash", new JsonObject().put("text", "Saved")));
    // end::effect[]
  }

  public void stream(HonoStar honostar, Vertx vertx) {
    // tag::stream[]
    honostar.stream("/clock", ctx -> vertx.eventBus().<String>consumer("clock").bodyStream(),
        time -> PatchElements.of("<time id=\"clock\">" + time + "</time>"));
    // end::stream[]
  }

  /** A plain vertx-web route piping an app's source of effects into an SSE stream. */
  public void pipe(Router router, java.util.function.Supplier<ReadStream<DatastarEvent>> prices) {
    // tag::pipe[]
    router.get("/prices").handler(ctx -> {
      ReadStream<DatastarEvent> source = prices.get();
      source.pipeTo(SseStream.create(ctx));
    });
    // end::pipe[]
  }

  public void helper(HonoStar honostar) {
    // tag::helper[] (docs/views.md and HonoStar.helper's Javadoc)
    honostar.helper("upper", (Helper<Object>) (value, options) -> String.valueOf(value).toUpperCase(Locale.ROOT));
    // in a template: {{upper issue.title}}
    // end::helper[]
  }

  /** docs/views.md: the view engine on its own. */
  public void viewEngine(Vertx vertx, Router router, Object model, String nonce, String token, String cookieValue, String liveElementHtml) {
    // tag::viewEngine[]
    ViewOptions options = new ViewOptions().applyEnvironment(System.getenv());
    AssetHandler.create(vertx, options)
        .compose(assets -> {
          router.get(options.getAssetsPath() + "*").handler(assets);       // /_/assets/*
          RouteResolver routes = (name, p) -> "/issues/" + p.get("id");    // your named routes
          return ViewEngine.create(vertx, options, routes, assets, Map.of());
        })
        .onSuccess(views -> {
          String html = views.renderPage("issues/index", model,
              List.of(ViewEngine.DEFAULT_LAYOUT),
              Map.of("nonce", nonce, "csrfToken", token,
                     "theme", Theme.fromCookie(cookieValue),
                     "head", Map.of("title", "Issues",
                                    "meta", List.of(Map.of("name", "description", "content", "All issues"))),
                     "live", liveElementHtml));
        });
    // end::viewEngine[]
  }

  public void render(ViewEngine views, Object model, Object issue, Map<String, Object> data) {
    views.renderPage("issues/show", issue, List.of("issues/layout", ViewEngine.DEFAULT_LAYOUT), data);
    String patch = views.renderRegion("issues/list", model, data);
  }
}
