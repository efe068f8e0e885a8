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
   * took a fifth of the generator's CPU, on the same two cores as the server it measures. Its
   * young generation is large enough (3 GB) that no collection falls inside a measured window
   * (each starts after a System.gc()): with the default sizing, young pauses of 100–225 ms with
   * 10,000 streams' state to copy were counted as the server's latency. It is pre-touched, so
   * the first round's connect does not pay the kernel for zeroing a fresh eden.
   * {@code BENCH_KEEP_GC=1} keeps the JVM's own choice.
   */
  private static int rerunWithParallelGc(String[] args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
      java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC",
      "-Xms4g", "-Xmx4g", "-Xmn3g", "-XX:+AlwaysPreTouch",
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
