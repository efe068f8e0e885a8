package dev.honostar.bench;

import java.util.Arrays;

/**
 * One jar, several programs:
 *
 * <pre>
 * java -jar bench/target/bench.jar run quick|full [scenario ...]   # the load harness (starts its own server process)
 * java -jar bench/target/bench.jar server [port]                   # the bench server alone
 * java -jar bench/target/bench.jar jmh [JMH options]               # the render benchmarks
 * </pre>
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "run" : args[0];
    String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "server" -> BenchServer.main(rest);
      case "run" -> Bench.main(rest);
      case "jmh" -> org.openjdk.jmh.Main.main(rest.length == 0 ? new String[] {"RenderBenchmark"} : rest);
      default -> {
        System.err.println("usage: bench.jar run [quick|full] [scenario...] | server [port] | jmh [options]");
        System.exit(2);
      }
    }
  }
}
