package dev.honostar.test.impl;

import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.SseParser;
import dev.honostar.test.SseRecorder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

public final class SseRecorderImpl implements SseRecorder {

  private final Object lock = new Object();
  private final List<ReceivedEvent> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final SseParser parser;
  private HttpClientRequest request;
  private HttpClient ownClient;
  private int status;
  private MultiMap headers = MultiMap.caseInsensitiveMultiMap();
  private boolean ended;
  private Duration timeout;

  private SseRecorderImpl(Duration timeout) {
    this.timeout = timeout;
    this.parser = new SseParser(ReceivedEvent.Source.RAW, e -> {
      synchronized (lock) {
        events.add(e);
        lock.notifyAll();
      }
    }, c -> {
      synchronized (lock) {
        comments.add(c);
        lock.notifyAll();
      }
    });
  }

  public static SseRecorder open(Vertx vertx, String url, MultiMap headers, Duration timeout) {
    HttpClient client = vertx.createHttpClient();
    Future<HttpClientResponse> resp = client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
      .compose(req -> {
        req.headers().addAll(headers);
        return req.send().map(r -> {
          r.pause();
          return r;
        });
      });
    SseRecorderImpl rec = attach(resp.map(r -> new BrowserImpl.Exchange("GET", url, r.request(), r, List.of())), timeout);
    rec.ownClient = client;
    return rec;
  }

  static SseRecorderImpl attach(Future<BrowserImpl.Exchange> exchange, Duration timeout) {
    SseRecorderImpl rec = new SseRecorderImpl(timeout);
    Future<Void> started = exchange.map(x -> {
      HttpClientResponse resp = x.response();
      synchronized (rec.lock) {
        rec.request = x.request();
        rec.status = resp.statusCode();
        rec.headers = MultiMap.caseInsensitiveMultiMap().addAll(resp.headers());
      }
      // A compressed stream (the request accepted it) is decoded as its bytes arrive, as a browser does.
      Inflating inflating = Inflating.forEncoding(resp.getHeader("Content-Encoding"));
      resp.handler(received -> {
        // Parsing happens on the connection's event loop, in order.
        Buffer buf = inflating == null ? received : Buffer.buffer(inflating.inflate(received.getBytes()));
        synchronized (rec.lock) {
          rec.text.append(buf.toString(StandardCharsets.UTF_8));
        }
        rec.parser.feed(buf);
      });
      resp.endHandler(v -> rec.markEnded());
      resp.exceptionHandler(err -> rec.markEnded());
      resp.resume();
      return null;
    });
    Blocking.await(started, timeout, "opening the stream");
    return rec;
  }

  private void markEnded() {
    parser.end();
    synchronized (lock) {
      ended = true;
      lock.notifyAll();
    }
  }

  private void await(String what, BooleanSupplier cond) {
    Blocking.checkThread();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!cond.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("Timed out after " + Blocking.format(timeout) + " waiting for " + what + "; received so far:\n" + text);
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted", e);
        }
      }
    }
  }

  @Override
  public int status() {
    synchronized (lock) {
      return status;
    }
  }

  @Override
  public MultiMap headers() {
    synchronized (lock) {
      return headers;
    }
  }

  @Override
  public List<ReceivedEvent> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  @Override
  public List<String> comments() {
    synchronized (lock) {
      return List.copyOf(comments);
    }
  }

  @Override
  public String text() {
    synchronized (lock) {
      return text.toString();
    }
  }

  @Override
  public List<ReceivedEvent> awaitEvents(int n) {
    await(n + " event(s)", () -> events.size() >= n);
    return events();
  }

  @Override
  public ReceivedEvent awaitEvent(Predicate<ReceivedEvent> predicate) {
    ReceivedEvent[] found = new ReceivedEvent[1];
    await("a matching event", () -> {
      for (ReceivedEvent e : events) {
        if (predicate.test(e)) {
          found[0] = e;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  @Override
  public List<String> awaitComments(int n) {
    await(n + " comment(s)", () -> comments.size() >= n);
    return comments();
  }

  @Override
  public SseRecorder awaitEnd() {
    await("the end of the stream", () -> ended);
    return this;
  }

  @Override
  public boolean ended() {
    synchronized (lock) {
      return ended;
    }
  }

  @Override
  public SseRecorder timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  @Override
  public void close() {
    HttpClientRequest req;
    synchronized (lock) {
      req = request;
    }
    if (req != null && !ended()) {
      req.connection().close();
      await("the connection to close", () -> ended);
    }
    if (ownClient != null) {
      ownClient.close();
    }
  }
}
