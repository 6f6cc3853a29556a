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
import talos.core.orbit.Ephemeris;
import talos.core.orbit.Look;
import talos.core.orbit.MagicFind;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Site;
import talos.core.orbit.SkyView;
import talos.core.orbit.Tracker;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The orbit engine on the real 14,710-object element set of 2026-03-19, from Berlin: one tracking
 * step, the whole catalogue's sky at one instant (the engine's SGP4 on one and two threads, and a
 * plain per-satellite Orekit loop for comparison), and Magic Find.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OrbitBenchmark {

  /** The element set, relative to the folder the benchmark runs in (the repository root). */
  @Param("core/src/test/resources/catalog/active-2026-03-19.tle")
  public String catalogue;

  private static final Site BERLIN = Site.at(52.52, 13.405, 34);
  private static final Instant NOON = Instant.parse("2026-03-19T12:00:00Z");

  private final OrbitContext context = OrbitContext.offline();
  private Tracker iss;
  private List<Ephemeris> orekit;
  private List<Ephemeris> sgp4;
  private List<MagicFind.Candidate> candidates;
  private MagicFind magicFind;
  private MagicFind.Observation observation;
  private SkyView sky;
  private SkyView.Snapshot snapshot;
  private long step;

  @Setup
  public void setUp() throws IOException {
    List<TLE> elements = ElementSets.load(catalogue, context);
    TLE issElements = elements.stream().filter(tle -> tle.getSatelliteNumber() == 25544).findFirst().orElseThrow();
    iss = new Tracker(context, issElements, BERLIN);
    orekit = elements.stream().map(tle -> Ephemeris.orekit(context, tle)).toList();
    sgp4 = elements.stream().map(Ephemeris::sgp4).toList();
    // every object given one 437.8 MHz downlink: the worst case, where only geometry rules them out
    candidates = elements.stream().map(tle -> new MagicFind.Candidate(tle.getSatelliteNumber(), "",
        Ephemeris.sgp4(tle), List.of(new MagicFind.Downlink("fm", 437_800_000, Double.NaN, "FM")))).toList();
    magicFind = new MagicFind(context);
    observation = new MagicFind.Observation(BERLIN, NOON, 437_805_000, 10_000, Double.NaN, Double.NaN, 0);
    sky = new SkyView(context, BERLIN);
    snapshot = SkyView.empty(NOON, elements.size());
  }

  /** SGP4, TEME to the site's frame, azimuth, elevation, range rate, sub-point, footprint, sunlight. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Look trackingStep() {
    return iss.look(NOON.plusMillis(500 * (step++ % 7200)));
  }

  /** Azimuth, elevation, range and range rate of all 14,710 objects, the engine's SGP4, one thread. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SkyView.Snapshot catalogueInstant() {
    sky.compute(sgp4, NOON, 0, sgp4.size(), snapshot);
    return snapshot;
  }

  /** The same, split between the machine's two cores. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SkyView.Snapshot catalogueInstantTwoThreads() {
    return sky.computeAll(sgp4, NOON, 2);
  }

  /** Magic Find over the whole catalogue, two threads. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<MagicFind.Match> magicFind() {
    return magicFind.find(candidates, observation, 2);
  }

  /** Azimuth, elevation, range and range rate of all 14,710 objects, Orekit's SGP4, one thread. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SkyView.Snapshot catalogueInstantOrekit() {
    sky.compute(orekit, NOON, 0, orekit.size(), snapshot);
    return snapshot;
  }
}
