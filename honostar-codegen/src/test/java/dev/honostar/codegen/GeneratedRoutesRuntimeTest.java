package dev.honostar.codegen;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.routing.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project compiled with the processor, then served: the generated table registers its pages,
 * layouts and commands with {@code HonoStar.routes}, and templates resolve named routes.
 */
class GeneratedRoutesRuntimeTest {

  @TempDir
  Path dir;
  private Vertx vertx;
  private ClassLoader previous;

  @AfterEach
  void stop() throws Exception {
    if (previous != null) {
      Thread.currentThread().setContextClassLoader(previous);
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theGeneratedTableServesTheAppWithNamedRoutes() throws Exception {
    TestProject project = TestProject.withRoot(dir)
      .type("com.example.routes.IndexPage", """
        public class %s implements dev.honostar.page.Page<java.util.Map<String, Object>> {
          public io.vertx.core.Future<java.util.Map<String, Object>> load(dev.honostar.page.PageContext ctx) {
            return io.vertx.core.Future.succeededFuture(java.util.Map.of("id", 7));
          }
        }
        """)
      .type("com.example.routes.issues._id.IndexPage", """
        public class %s implements dev.honostar.page.BlockingPage<java.util.Map<String, Object>> {
          public java.util.Map<String, Object> loadBlocking(dev.honostar.page.PageContext ctx) {
            long id = com.example.routes.Routes.Issues_ById.ID.from(ctx);
            return java.util.Map.of("id", id);
          }
        }
        """)
      .type("com.example.routes.issues.NewPage", """
        public class %s implements dev.honostar.page.Page<String> {
          public io.vertx.core.Future<String> load(dev.honostar.page.PageContext ctx) { return io.vertx.core.Future.succeededFuture("new"); }
        }
        """)
      .type("com.example.routes.issues.IndexCommand", """
        public class %s implements dev.honostar.command.Command {
          public void handlers(dev.honostar.command.Handlers on) {
            on.post(ctx -> io.vertx.core.Future.succeededFuture());
          }
        }
        """)
      .file("com.example.routes.issues._id", "package-info", "@dev.honostar.routing.Param(long.class)\npackage com.example.routes.issues._id;\n")
      .layout("com.example.routes.issues.Layout");
    write(project, "index", "<a id=\"link\" href=\"{{route \"issues.byId\" id=id}}\">issue</a>");
    write(project, "issues/_id/index", "<p id=\"issue\">Issue {{id}}</p>");
    write(project, "issues/new", "<p id=\"new\">{{this}}</p>");
    write(project, "issues/layout", "<section id=\"issues-layout\">{{{body}}}</section>");
    TestProject.Result result = project.compile();
    assertThat(result.success()).as(result.output()).isTrue();

    URLClassLoader loader = new URLClassLoader(new URL[] {project.classes.toUri().toURL(), project.resources.toUri().toURL()},
      getClass().getClassLoader());
    previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    List<RouteTable> tables = RouteTable.discover(loader);
    assertThat(tables).hasSize(1);

    vertx = Vertx.vertx();
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    HttpServer server = HonoStar.create(vertx, options)
      .routes(tables)
      .router()
      .compose(router -> vertx.createHttpServer(options.applyTo(new io.vertx.core.http.HttpServerOptions())).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);
    HttpClient http = vertx.createHttpClient();

    assertThat(get(http, server, "/")).contains("<a id=\"link\" href=\"/issues/7\">");
    String issue = get(http, server, "/issues/7");
    assertThat(issue).contains("<section id=\"issues-layout\"><p id=\"issue\">Issue 7</p></section>");
    assertThat(status(http, server, "/issues/abc")).as("a typed parameter answers 404 to a non-number").isEqualTo(404);
    // Static beats dynamic: /issues/new is the NewPage, not the issue "new".
    assertThat(get(http, server, "/issues/new")).contains("<p id=\"new\">new</p>");
    io.vertx.core.Promise<HttpClientResponse> posted = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(x -> http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
      .setPort(server.actualPort()).setURI("/issues")).compose(r -> r.send()).onComplete(posted));
    HttpClientResponse post = posted.future().await(10, TimeUnit.SECONDS);
    assertThat(post.statusCode()).as("the command is routed (and guarded by CSRF)").isEqualTo(403);
  }

  private static void write(TestProject project, String name, String content) throws Exception {
    Path file = project.resources.resolve("templates").resolve(name + ".hbs");
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private int status(HttpClient http, HttpServer server, String path) throws Exception {
    io.vertx.core.Promise<Integer> status = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(x -> http.request(HttpMethod.GET, server.actualPort(), "localhost", path)
      .compose(r -> r.send()).map(HttpClientResponse::statusCode).onComplete(status));
    return status.future().await(10, TimeUnit.SECONDS);
  }

  /** From a Vert.x context: from the test thread a small response could end before body() is asked for. */
  private String get(HttpClient http, HttpServer server, String path) throws Exception {
    io.vertx.core.Promise<String> body = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(x -> http.request(HttpMethod.GET, server.actualPort(), "localhost", path)
      .compose(r -> r.send()).compose(HttpClientResponse::body).map(Buffer::toString).onComplete(body));
    return body.future().await(10, TimeUnit.SECONDS);
  }
}
