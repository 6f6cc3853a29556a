package talos.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.orbit.CataloguePasses;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.orbit.sgp4.Sgp4;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * 24 hours of passes over Berlin: the whole 14,710-object catalogue with the catalogue search on two
 * threads, and, for comparison, Orekit's event-based predictor on every 50th object (multiply by 50
 * for the whole catalogue).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class PassesBenchmark {

  @Param("core/src/test/resources/catalog/active-2026-03-19.tle")
  public String catalogue;

  private static final Site BERLIN = Site.at(52.52, 13.405, 34);
  private static final Instant START = Instant.parse("2026-03-19T00:00:00Z");
  private static final Instant END = START.plus(Duration.ofDays(1));

  private final OrbitContext context = OrbitContext.offline();
  private List<TLE> elements;
  private List<Sgp4> sgp4;

  @Setup
  public void setUp() throws IOException {
    elements = ElementSets.load(catalogue, context);
    sgp4 = elements.stream().map(Sgp4::new).toList();
  }

  @Benchmark
  public List<List<Pass>> wholeCatalogueTwoThreads() {
    return new CataloguePasses(context).passes(sgp4, BERLIN, 0, START, END, 2);
  }

  @Benchmark
  public int orekitEventsEveryFiftieth() {
    PassPredictor predictor = new PassPredictor(context);
    int passes = 0;
    for (int i = 0; i < elements.size(); i += 50) {
      passes += predictor.passes(elements.get(i), BERLIN, 0, START, END).size();
    }
    return passes;
  }
}
