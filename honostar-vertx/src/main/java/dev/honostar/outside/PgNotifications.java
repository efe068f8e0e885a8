package dev.honostar.outside;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgNotification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} as a {@link Feed}: rows changed by anything (another service, a migration,
 * {@code psql}) reach the tabs on every node once a trigger calls {@code pg_notify}. Each node listens on its own
 * connection (Vert.x PostgreSQL client) and publishes what it hears on the bus; the copies the other nodes publish
 * carry the same event id, so every node renders each notification once, and a node whose listening connection
 * dropped still gets the others' copies. After a reconnect the feed publishes {@link Feed#RESYNC} on its topics.
 *
 * <p>The default mapping reads the payload as JSON {@code {"topic":"issues","name":"issue-created","payload":{...},"id":"..."}}
 * ({@code name} defaults to the channel, {@code payload} to {@code {}}); without an {@code id} the event's id is derived
 * from the channel, the notifying backend and the payload, so give one (e.g. {@code txid_current() || '-' || NEW.id})
 * when a session may send the same payload twice.
 *
 * <pre>{@code
 * PgConnectOptions pg = PgConnectOptions.fromUri("postgresql://app@db:5432/app");
 * PgNotifications.feed(vertx, bus, pg, new FeedOptions().setName("issues-db").addTopic("issues"), "issues_changed")
 *   .start();
 * }</pre>
 */
public final class PgNotifications {

  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private PgNotifications() {
  }

  /** A feed of {@code channels}, mapped with {@link #toEvent(PgNotification)}. */
  public static Feed feed(Vertx vertx, TopicBus bus, PgConnectOptions connect, FeedOptions options, String... channels) {
    return Feed.create(vertx, bus, options, listen(vertx, connect, options.getBufferSize(), channels), PgNotifications::toEvent);
  }

  /**
   * Opens a connection that listens on {@code channels}, as a stream of notifications that ends when the connection
   * closes; for {@link Feed#create} with a mapping of your own.
   *
   * @throws IllegalArgumentException when a channel is not a plain identifier
   */
  public static Supplier<Future<? extends ReadStream<PgNotification>>> listen(Vertx vertx, PgConnectOptions connect, int bufferSize,
                                                                               String... channels) {
    List<String> names = List.of(channels);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("Listen to at least one channel");
    }
    for (String c : names) {
      if (!CHANNEL.matcher(c).matches()) {
        throw new IllegalArgumentException("A notification channel is a plain identifier ([A-Za-z_][A-Za-z0-9_]*), not " + c);
      }
    }
    return () -> PgConnection.connect(vertx, connect).compose(conn -> {
      PushStream<PgNotification> stream = new PushStream<>(vertx.getOrCreateContext(), bufferSize);
      stream.onClose(conn::close);
      conn.notificationHandler(stream::push);
      conn.closeHandler(v -> stream.end());
      conn.exceptionHandler(stream::fail);
      Future<Void> listening = Future.succeededFuture();
      for (String c : names) {
        listening = listening.compose(v -> conn.query("LISTEN \"" + c + "\"").execute().mapEmpty());
      }
      return listening.<ReadStream<PgNotification>>map(v -> stream)
        .onFailure(err -> conn.close());
    });
  }

  /** The default mapping (see the class comment). */
  public static DomainEvent toEvent(PgNotification n) {
    JsonObject json = new JsonObject(n.getPayload());
    String id = json.getString("id");
    if (id == null || id.isEmpty()) {
      String key = n.getChannel() + '\n' + n.getProcessId() + '\n' + n.getPayload();
      id = "pg-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
    return new DomainEvent(dev.honostar.bus.Topic.of(json.getString("topic")), json.getString("name", n.getChannel()), json.getJsonObject("payload"), "",
      System.currentTimeMillis(), id);
  }
}
