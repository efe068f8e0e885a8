package dev.honostar.bus;

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
}
