package dev.honostar.verticles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JVM started with the test class path; its merged output is read line by line. Always {@link #close()} it. */
final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  /** Set when the output reached its end (the process exited and everything it wrote was read). */
  private volatile boolean eof;

  private ChildProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process went away
      } finally {
        eof = true;
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The class path the tests run with (surefire passes it in a property, its own is a manifest jar). */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  static ChildProcess java(Map<String, String> env, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("PORT");
    pb.environment().keySet().removeIf(k -> k.startsWith("HONOSTAR_"));
    pb.environment().putAll(env);
    return new ChildProcess(pb.start());
  }

  /** Waits for a line matching {@code match}; fails with the output so far when the process exits or time runs out. */
  String await(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      if (line != null) {
        all.add(line);
        if (match.test(line)) {
          return line;
        }
        continue;
      }
      if (left <= 0 || (eof && lines.isEmpty())) {
        throw new AssertionError("No matching line " + (eof ? "before the output ended" : "in " + timeout) + "; output:\n" + String.join("\n", all));
      }
    }
  }

  /** SIGTERM, as Kubernetes and docker stop send it (through the handle: Process.destroy() also closes our end of the pipes). */
  void terminate() {
    process.toHandle().destroy();
  }

  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("The process did not exit in " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    lines.drainTo(all);
    return String.join("\n", all);
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
