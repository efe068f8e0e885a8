package dev.honostar.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the log (slf4j-simple, which writes to the current System.err) prints while some code runs. */
final class LogCapture implements AutoCloseable {

  interface Work {
    void run() throws Exception;
  }

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private LogCapture() {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  /** Captures until {@link #close()}. */
  static LogCapture start() {
    return new LogCapture();
  }

  static String during(Work work) throws Exception {
    try (LogCapture capture = start()) {
      work.run();
      return capture.text();
    }
  }

  /** @return what was logged so far */
  String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
