package dev.honostar.examples.issues;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
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

/** A child process (the app's {@code main} in a JVM with the test class path, or a broker); its merged output is read line by line. */
final class AppProcess implements AutoCloseable {

  static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private volatile boolean eof;

  private AppProcess(Process process) {
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
    }, "app-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} with only {@code env} of the HONOSTAR_, ISSUES_, PORT and DATABASE_URL variables. */
  static AppProcess java(Map<String, String> env, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return start(cmd, env);
  }

  /** Starts {@code cmd} with {@code env} added to a copy of this environment without the app's variables. */
  static AppProcess start(List<String> cmd, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("HONOSTAR_") || k.startsWith("ISSUES_") || k.equals("PORT") || k.equals("DATABASE_URL"));
    pb.environment().putAll(env);
    return new AppProcess(pb.start());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits for a line matching {@code match}; fails with the output so far when the process exits or time runs out. */
  String await(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      if (line != null) {
        seen.add(line);
        if (match.test(line)) {
          return line;
        }
        continue;
      }
      if (left <= 0 || (eof && lines.isEmpty())) {
        throw new AssertionError("No matching line " + (eof ? "before the output ended" : "in " + timeout) + "; output:\n" + String.join("\n", seen));
      }
    }
  }

  /** SIGKILL: the process gets no chance to flush or close anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the process survived SIGKILL");
    }
  }

  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("The process did not exit in " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    lines.drainTo(seen);
    return String.join("\n", seen);
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
