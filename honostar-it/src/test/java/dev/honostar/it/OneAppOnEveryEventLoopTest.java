package dev.honostar.it;

import dev.honostar.test.Tab;

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
    List<Tab> streams = new ArrayList<>();
    Tab writer = browser().open("/board");
    // Pages first, then streams: Vert.x hands connections to the servers in turn, so the six
    // stream connections alternate between the two loops.
    List<Tab> tabs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tabs.add(browser().open("/board"));
    }
    for (Tab s : tabs) {
      awaitReceived(s.connect(), "<ul id=\"items\"></ul>");
      streams.add(s);
    }
    assertThat(streamThreads).as("the streams were served by both servers' event loops").hasSize(2);
    double before = counter("honostar.live.renders", "scope", "shared");
    command(writer, HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
    for (Tab s : streams) {
      awaitReceived(s, "<ul id=\"items\"><li>milk</li></ul>");
    }
    assertThat(counter("honostar.live.renders", "scope", "shared") - before).isEqualTo(1.0);
  }
}
