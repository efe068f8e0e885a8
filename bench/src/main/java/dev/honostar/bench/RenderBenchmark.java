package dev.honostar.bench;

import dev.honostar.view.ViewEngine;
import dev.honostar.view.ViewOptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rendering the bench page's 50-row region (~8 KB): with HonoStar's {@link ViewEngine}, the
 * rows inlined in the region against one partial per row (the same markup), and the stock
 * vertx-web Handlebars engine rendering the partial version.
 *
 * <pre>
 * java -jar bench/target/bench.jar jmh            # all three, default settings below
 * java -jar bench/target/bench.jar jmh -f 1 -wi 3 -i 5 RenderBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

  private Vertx vertx;
  private ViewEngine views;
  private HandlebarsTemplateEngine stock;
  private Map<String, Object> model;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    vertx = Vertx.vertx();
    views = ViewEngine.create(vertx, new ViewOptions().setDev(false)).await(30, TimeUnit.SECONDS);
    stock = HandlebarsTemplateEngine.create(vertx);
    model = BenchModel.rows(42, BenchModel.nowMicros());
    if (!views.renderRegion("bench/rows-partials", model, Map.of()).equals(views.renderRegion("bench/rows-inline", model, Map.of()))) {
      throw new IllegalStateException("the partial and the inline region must render the same markup");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /** The 50 rows written out in the region template. */
  @Benchmark
  public String honostarInline() {
    return views.renderRegion("bench/rows-inline", model, Map.of());
  }

  /** The same markup with {@code {{> bench/row}}} per row: partials are compiled once, so it costs the same. */
  @Benchmark
  public String honostarPartials() {
    return views.renderRegion("bench/rows-partials", model, Map.of());
  }

  /** The stock vertx-web Handlebars engine on the partial version (stock/rows.hbs, partials relative to it, as that engine resolves them). */
  @Benchmark
  public String stockVertxWebPartials() throws Exception {
    return stock.render(model, "stock/rows.hbs").await(10, TimeUnit.SECONDS).toString();
  }
}
