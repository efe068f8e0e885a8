package dev.honostar.bus;

import static dev.honostar.bus.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/** REDIS against the shared server on 127.0.0.1:6379 and private servers for restarts. */
class RedisBusTest extends BrokerBusContract {

  @Override
  protected BusKind expectedKind() {
    return BusKind.REDIS;
  }

  @Override
  protected String sharedUrl() {
    return "redis://127.0.0.1:6379";
  }

  @Override
  protected String url(int port, String password) {
    return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port;
  }

  @Override
  protected BusOptions withUrl(BusOptions options, String url) {
    return options.setRedisUrl(url);
  }

  @Override
  protected ExternalProcess startServer(int port) {
    return ExternalProcess.redis(port);
  }

  @Override
  protected String urlEnvVar() {
    return "HONOSTAR_REDIS_URL";
  }

  @Test
  void aRedisUrlThatIsNoUrlNamesTheVariableAndTheExpectedForm(Vertx vertx) {
    for (String bad : new String[] {"notaurl", "localhost:6379", "http://127.0.0.1:6379", "redis://", "redis:///0"}) {
      BusOptions options = new BusOptions().applyEnvironment(java.util.Map.of("HONOSTAR_REDIS_URL", bad));
      Throwable failure = null;
      try {
        await(TopicBus.create(vertx, options), 10_000);
      } catch (AssertionError e) {
        failure = e.getCause();
      }
      assertThat(failure).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThat(failure.getMessage()).as(bad).contains("HONOSTAR_BUS_REDIS_URL", "redis://");
    }
  }
}
