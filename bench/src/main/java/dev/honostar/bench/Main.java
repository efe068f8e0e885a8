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

  private static boolean parallelGc() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(b -> b.getName().startsWith("PS "));
  }

  /**
   * The generator runs with the parallel collector: with G1, its concurrent refinement threads
   * took a fifth of the generator's CPU, on the same two cores as the server it measures.
   * {@code BENCH_KEEP_GC=1} keeps the JVM's own choice.
   */
  private static int rerunWithParallelGc(String[] args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
      java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC",
      "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(Arrays.asList(args));
    return new ProcessBuilder(cmd).inheritIO().start().waitFor();
  }

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "run" : args[0];
    String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "server" -> BenchServer.main(rest);
      case "run" -> {
        if (!parallelGc() && System.getenv("BENCH_KEEP_GC") == null) {
          System.exit(rerunWithParallelGc(args));
        }
        Bench.main(rest);
      }
      case "jmh" -> org.openjdk.jmh.Main.main(rest.length == 0 ? new String[] {"RenderBenchmark"} : rest);
      default -> {
        System.err.println("usage: bench.jar run [quick|full] [scenario...] | server [port] | jmh [options]");
        System.exit(2);
      }
    }
  }
}
