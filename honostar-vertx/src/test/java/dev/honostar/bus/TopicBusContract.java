package dev.honostar.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Behaviour every backend must show, with two nodes A and B. Subclasses say how to create a node.
 */
@ExtendWith(VertxExtension.class)
abstract class TopicBusContract {

  protected final String prefix = TestSupport.uniquePrefix();
  protected TopicBus busA;
  protected TopicBus busB;

  /** Creates node A (the test's Vert.x instance may be ignored, e.g. by clustered tests). */
  protected abstract Future<TopicBus> createNodeA(Vertx vertx);

  protected abstract Future<TopicBus> createNodeB(Vertx vertx);

  protected abstract BusKind expectedKind();

  /** The Vert.x instance node B runs on. */
  protected Vertx vertxOfB(Vertx testVertx) {
    return testVertx;
  }

  @BeforeEach
  void createNodes(Vertx vertx, VertxTestContext tc) {
    createNodeA(vertx).compose(a -> {
      busA = a;
      return createNodeB(vertx);
    }).onComplete(tc.succeeding(b -> {
      busB = b;
      tc.completeNow();
    }));
  }

  @AfterEach
  void closeNodes(VertxTestContext tc) {
    Future<Void> a = busA == null ? Future.succeededFuture() : busA.close();
    Future<Void> b = busB == null ? Future.succeededFuture() : busB.close();
    Future.join(a, b).onComplete(ar -> tc.completeNow());
  }

  private static String newTopic() {
    return "board:" + UUID.randomUUID().toString().substring(0, 8) + ".cards";
  }

  @Test
  void reportsKindNodeIdAndHealth() {
    assertThat(busA.kind()).isEqualTo(expectedKind());
    assertThat(busA.nodeId()).isNotBlank().isNotEqualTo(busB.nodeId());
    assertThat(busA.health().up()).as(busA.health().message()).isTrue();
  }

  /**
   * A and B both publish; each node's subscriber gets each event exactly once, in publish order, with the payload
   * intact and the publisher's origin. Markers that travel through the broker after each event prove that no late
   * echo or duplicate follows.
   */
  @Test
  void deliversEveryEventExactlyOncePerNode(Vertx vertx, VertxTestContext tc) throws Exception {
    String topic = newTopic();
    List<DomainEvent> atA = Collections.synchronizedList(new ArrayList<>());
    List<DomainEvent> atB = Collections.synchronizedList(new ArrayList<>());
    Promise<Void> aDoneAtB = Promise.promise();
    Promise<Void> bDoneAtA = Promise.promise();
    Promise<Void> aFinalAtA = Promise.promise();
    Promise<Void> aFinalAtB = Promise.promise();
    Context contextB = vertxOfB(vertx).getOrCreateContext();
    JsonObject payload = new JsonObject()
      .put("card", 7)
      .put("title", "Grüße, \"quotes\" & <html> ✓")
      .put("tags", new JsonArray().add("a").add(2).add(true).addNull())
      .put("nested", new JsonObject().put("x", 1.5).put("deep", new JsonObject().put("y", "z")));

    Promise<TopicSubscription> subB = Promise.promise();
    contextB.runOnContext(v -> busB.subscribe(topic, ev -> {
      tc.verify(() -> assertThat(Vertx.currentContext()).as("handler runs on the subscribing context").isSameAs(contextB));
      atB.add(ev);
      if (ev.name().equals("a-done")) {
        aDoneAtB.tryComplete();
      } else if (ev.name().equals("a-final")) {
        aFinalAtB.tryComplete();
      }
    }).onComplete(subB));

    busA.subscribe(topic, ev -> {
        atA.add(ev);
        if (ev.name().equals("b-done")) {
          bDoneAtA.tryComplete();
        } else if (ev.name().equals("a-final")) {
          aFinalAtA.tryComplete();
        }
      })
      .compose(s -> subB.future())
      .compose(s -> busA.publish(DomainEvent.of(topic, "e1", payload)))
      .compose(v -> busA.publish(DomainEvent.of(topic, "a-done")))
      .compose(v -> aDoneAtB.future())
      .compose(v -> busB.publish(DomainEvent.of(topic, "e2", new JsonObject().put("n", 2))))
      .compose(v -> busB.publish(DomainEvent.of(topic, "b-done")))
      .compose(v -> bDoneAtA.future())
      .compose(v -> busA.publish(DomainEvent.of(topic, "a-final")))
      .compose(v -> Future.all(aFinalAtA.future(), aFinalAtB.future()))
      .onComplete(tc.succeeding(v -> tc.verify(() -> {
        List<String> expected = List.of("e1", "a-done", "e2", "b-done", "a-final");
        assertThat(names(atA)).isEqualTo(expected);
        assertThat(names(atB)).isEqualTo(expected);
        DomainEvent e1AtB = atB.get(0);
        assertThat(e1AtB.payload()).isEqualTo(payload);
        assertThat(e1AtB.origin()).isEqualTo(busA.nodeId());
        assertThat(e1AtB.topic().name()).isEqualTo(topic);
        assertThat(e1AtB.timestamp()).isEqualTo(atA.get(0).timestamp()).isPositive();
        assertThat(atA.get(2).origin()).isEqualTo(busB.nodeId());
        tc.completeNow();
      })));
    assertThat(tc.awaitCompletion(20, TimeUnit.SECONDS)).as("completed in time").isTrue();
  }

  /**
   * An event published inside a span carries that span's W3C context through the backend's envelope; on the other
   * node the event has it, and it is the current context while the handler runs (so spans started there join).
   */
  @Test
  void carriesTheTraceContextOfItsPublisherToTheOtherNode(Vertx vertx, VertxTestContext tc) throws Exception {
    String topic = newTopic();
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    Span span = tracing.get("test").spanBuilder("publisher").startSpan();
    String traceId = span.getSpanContext().getTraceId();
    Promise<DomainEvent> atB = Promise.promise();
    Promise<String> currentAtB = Promise.promise();
    Promise<DomainEvent> untracedAtB = Promise.promise();
    vertxOfB(vertx).getOrCreateContext().runOnContext(v -> busB.subscribe(topic, ev -> {
      if (ev.name().equals("traced")) {
        currentAtB.tryComplete(Span.current().getSpanContext().getTraceId());
        atB.tryComplete(ev);
      } else {
        untracedAtB.tryComplete(ev);
      }
    }).onComplete(tc.succeeding(sub -> {
      try (Scope ignored = span.makeCurrent()) {
        busA.publish(DomainEvent.of(topic, "traced"));
      }
      busA.publish(DomainEvent.of(topic, "untraced"));
    })));
    Future.all(atB.future(), currentAtB.future(), untracedAtB.future()).onComplete(tc.succeeding(v -> tc.verify(() -> {
      assertThat(atB.future().result().traceContext().get("traceparent"))
        .startsWith("00-" + traceId + "-" + span.getSpanContext().getSpanId() + "-");
      assertThat(currentAtB.future().result()).isEqualTo(traceId);
      assertThat(untracedAtB.future().result().traceContext()).isEmpty();
      assertThat(untracedAtB.future().result().toJson().containsKey("trace")).isFalse();
      tc.completeNow();
    })));
    assertThat(tc.awaitCompletion(20, TimeUnit.SECONDS)).as("completed in time").isTrue();
    span.end();
    tracing.close();
  }

  /**
   * An event published again with the same id (an outbox relay taking over a crashed node's row), on the same node or
   * another, is delivered once per node; the marker that follows through the broker proves no late copy comes.
   */
  @Test
  void anEventPublishedAgainWithItsIdIsDeliveredOncePerNode(Vertx vertx, VertxTestContext tc) throws Exception {
    String topic = newTopic();
    List<String> atA = Collections.synchronizedList(new ArrayList<>());
    List<String> atB = Collections.synchronizedList(new ArrayList<>());
    Promise<Void> markerAtA = Promise.promise();
    Promise<Void> markerAtB = Promise.promise();
    DomainEvent event = DomainEvent.of(topic, "issue-created", new JsonObject().put("id", 12));
    assertThat(event.id()).isNotEmpty();
    Future<TopicSubscription> a = busA.subscribe(topic, ev -> {
      atA.add(ev.name() + "/" + ev.id());
      if (ev.name().equals("marker")) {
        markerAtA.tryComplete();
      }
    });
    Future<TopicSubscription> b = busB.subscribe(topic, ev -> {
      atB.add(ev.name() + "/" + ev.id());
      if (ev.name().equals("marker")) {
        markerAtB.tryComplete();
      }
    });
    Future.all(a, b)
      .compose(v -> busA.publish(event))
      .compose(v -> busA.publish(event))
      .compose(v -> busB.publish(event.withOrigin("")))
      .compose(v -> busA.publish(DomainEvent.of(topic, "marker")))
      .compose(v -> busB.publish(DomainEvent.of(topic, "marker")))
      .compose(v -> Future.all(markerAtA.future(), markerAtB.future()))
      .compose(v -> busA.publish(DomainEvent.of(topic, "final")))
      .compose(v -> TestSupport.eventually(vertx, 10_000, "final at B", () -> atB.stream().anyMatch(n -> n.startsWith("final/"))))
      .onComplete(tc.succeeding(v -> tc.verify(() -> {
        assertThat(atA.stream().filter(n -> n.equals("issue-created/" + event.id()))).hasSize(1);
        assertThat(atB.stream().filter(n -> n.equals("issue-created/" + event.id()))).hasSize(1);
        assertThat(atB.stream().filter(n -> n.startsWith("marker/"))).hasSize(2);
        tc.completeNow();
      })));
    assertThat(tc.awaitCompletion(20, TimeUnit.SECONDS)).as("completed in time").isTrue();
  }

  /** After unsubscribe a handler gets nothing, while the node's other handlers of the topic still do. */
  @Test
  void unsubscribeStopsDelivery(VertxTestContext tc) throws Exception {
    String topic = newTopic();
    String other = newTopic();
    List<String> removed = Collections.synchronizedList(new ArrayList<>());
    List<String> removedOther = Collections.synchronizedList(new ArrayList<>());
    List<String> kept = Collections.synchronizedList(new ArrayList<>());
    Promise<Void> markerSeen = Promise.promise();

    Future<TopicSubscription> s1 = busA.subscribe(topic, ev -> removed.add(ev.name()));
    Future<TopicSubscription> s2 = busA.subscribe(topic, ev -> {
      kept.add(ev.name());
      if (ev.name().equals("marker")) {
        markerSeen.tryComplete();
      }
    });
    // "other" loses its only handler, so node A drops the broker subscription too.
    Future<TopicSubscription> s3 = busA.subscribe(other, ev -> removedOther.add(ev.name()));
    Future.all(s1, s2, s3)
      .compose(v -> Future.all(s1.result().unsubscribe(), s3.result().unsubscribe()))
      .compose(v -> busB.publish(DomainEvent.of(other, "lost")))
      .compose(v -> busB.publish(DomainEvent.of(topic, "marker")))
      .compose(v -> markerSeen.future())
      .onComplete(tc.succeeding(v -> tc.verify(() -> {
        assertThat(kept).containsExactly("marker");
        assertThat(removed).isEmpty();
        assertThat(removedOther).isEmpty();
        assertThat(s1.result().topic().name()).isEqualTo(topic);
        tc.completeNow();
      })));
    assertThat(tc.awaitCompletion(15, TimeUnit.SECONDS)).as("completed in time").isTrue();
  }

  @Test
  void rejectsInvalidTopics() {
    for (String bad : List.of("", "has space", "a..b", ".a", "a.", "ümlaut", "a/b", "x".repeat(201), "a*", "a>")) {
      assertThatThrownBy(() -> busA.subscribe(bad, ev -> { }))
        .as("topic '%s'", bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
      assertThatThrownBy(() -> DomainEvent.of(bad, "x"))
        .as("topic '%s'", bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> busA.subscribe((String) null, ev -> { })).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> names(List<DomainEvent> events) {
    synchronized (events) {
      return events.stream().map(DomainEvent::name).collect(Collectors.toList());
    }
  }
}
