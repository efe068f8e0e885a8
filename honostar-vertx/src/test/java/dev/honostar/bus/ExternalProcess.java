package dev.honostar.bus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process (broker server or bus node) whose merged stdout/stderr is read on a background thread, so tests can
 * wait for a line with a deadline and the pipe never fills up.
 */
public final class ExternalProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = Collections.synchronizedList(new ArrayList<>());
  private final Writer stdin;

  private ExternalProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          all.add(line);
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process was killed
      }
    }, "output-of-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  public static ExternalProcess start(String name, List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      return new ExternalProcess(name, pb.start());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** A private Redis server on the loopback interface, without persistence; returns when it accepts connections. */
  public static ExternalProcess redis(int port) {
    ExternalProcess p = start("redis-" + port, List.of("redis-server", "--port", String.valueOf(port), "--bind",
      "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"), Map.of());
    p.awaitLine(l -> l.contains("Ready to accept connections"), 10_000);
    return p;
  }

  /** A private NATS server on the loopback interface; returns when it accepts connections. */
  public static ExternalProcess nats(int port) {
    ExternalProcess p = start("nats-" + port, List.of("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p",
      String.valueOf(port)), Map.of());
    p.awaitLine(l -> l.contains("Server is ready"), 10_000);
    return p;
  }

  /** Waits for the next line matching the predicate (skipping others). */
  public String awaitLine(Predicate<String> match, long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (line == null) {
          throw new AssertionError("Timed out after " + timeoutMs + " ms waiting for a line from " + name
            + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")") + "; output so far:\n"
            + String.join("\n", output()));
        }
        if (match.test(line)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  /** Every line printed so far. */
  List<String> output() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  void send(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write to " + name + ": " + e.getMessage(), e);
    }
  }

  /** Kills the process (SIGKILL, like a crash) and waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
