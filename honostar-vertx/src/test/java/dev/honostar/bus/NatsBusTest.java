package dev.honostar.bus;

/** NATS against the shared server on 127.0.0.1:4222 and private servers for restarts. */
class NatsBusTest extends BrokerBusContract {

  @Override
  protected BusKind expectedKind() {
    return BusKind.NATS;
  }

  @Override
  protected String sharedUrl() {
    return "nats://127.0.0.1:4222";
  }

  @Override
  protected String url(int port, String password) {
    return "nats://" + (password == null ? "" : "user:" + password + "@") + "127.0.0.1:" + port;
  }

  @Override
  protected BusOptions withUrl(BusOptions options, String url) {
    return options.setNatsUrl(url);
  }

  @Override
  protected ExternalProcess startServer(int port) {
    return ExternalProcess.nats(port);
  }

  @Override
  protected String urlEnvVar() {
    return "HONOSTAR_NATS_URL";
  }
}
