package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Tab;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Kept renders are bounded; a view whose render was evicted still renders per event and heals joining tabs. */
class ViewCacheBoundTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().getLimits().setCommandRatePerSecond(10_000).setCommandBurst(10_000);
    options.getLive().setMaxCachedViews(1);
    return options;
  }

  @Test
  void theBoundEvictsAndTheEvictedViewStillHeals() throws Exception {
    Tab apples = browser().open("/shelf?filter=app").connect();
    awaitReceived(apples, "filter \"app\", 0 in all");
    Tab berries = browser().open("/shelf?filter=berr").connect();
    awaitReceived(berries, "filter \"berr\", 0 in all");
    assertThat(counter("honostar.live.views.evicted")).as("two views, room for one render").isEqualTo(1);

    double renders = counter("honostar.live.renders", "scope", "shared");
    command(apples, HttpMethod.POST, "/items", new JsonObject().put("title", "apple"));
    awaitReceived(apples, "filter \"app\", 1 in all: [apple]");
    awaitReceived(berries, "filter \"berr\", 1 in all:</div>");
    assertThat(counter("honostar.live.renders", "scope", "shared") - renders).as("both views render per event").isEqualTo(2);

    // New tabs of each view: whichever view's render was evicted renders again; both heal.
    double before = counter("honostar.live.renders", "scope", "shared");
    double evicted = counter("honostar.live.views.evicted");
    awaitReceived(browser().open("/shelf?filter=app").connect(), "filter \"app\", 1 in all: [apple]");
    awaitReceived(browser().open("/shelf?filter=berr").connect(), "filter \"berr\", 1 in all:</div>");
    assertThat(counter("honostar.live.views.evicted")).isGreaterThan(evicted);
    // At least the evicted view rendered again; with room for one, the other may have been evicted meanwhile too.
    assertThat(counter("honostar.live.renders", "scope", "shared") - before).isBetween(1.0, 2.0);
  }
}
