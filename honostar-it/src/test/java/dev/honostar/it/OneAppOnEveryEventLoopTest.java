package dev.honostar.it;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One app served by one HTTP server per event loop (a verticle deployed N times with the app's
 * router): streams land on different loops, and each event still renders once for all of them.
 */
class OneAppOnEveryEventLoopTest extends BoardFixture {

  @Override
  int serverInstances() {
    return 2;
  }

  @Test
  void streamsOnEveryLoopGetEachPatchFromOneRender() throws Exception {
    List<TestBrowser.LiveStream> streams = new ArrayList<>();
    TestBrowser writer = testBrowser();
    writer.open("/board");
    // Pages first, then streams: Vert.x hands connections to the servers in turn, so the six
    // stream connections alternate between the two loops.
    List<TestBrowser> browsers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      TestBrowser b = testBrowser();
      b.open("/board");
      browsers.add(b);
    }
    for (TestBrowser b : browsers) {
      TestBrowser.LiveStream s = b.stream();
      s.awaitContains("<ul id=\"items\"></ul>");
      streams.add(s);
    }
    assertThat(streamThreads).as("the streams were served by both servers' event loops").hasSize(2);
    double before = counter("honostar.live.renders", "scope", "shared");
    writer.command(HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
    for (TestBrowser.LiveStream s : streams) {
      s.awaitContains("<ul id=\"items\"><li>milk</li></ul>");
    }
    assertThat(counter("honostar.live.renders", "scope", "shared") - before).isEqualTo(1.0);
  }
}
