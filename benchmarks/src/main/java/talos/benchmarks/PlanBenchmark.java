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
import talos.core.orbit.Site;
import talos.core.orbit.rotator.Rotator;
import talos.core.orbit.sgp4.Sgp4;
import talos.core.schedule.Opportunities;
import talos.core.schedule.Opportunity;
import talos.core.schedule.Planner;
import talos.core.schedule.StationSchedule;
import talos.core.schedule.TimeWindow;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole plan from scratch: 50 stations spread over the globe, 20 campaigns of three priorities
 * with three low-orbit targets each, every campaign assigned to 10 stations, over 48 hours: finding
 * the passes (on two threads) and building the timelines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class PlanBenchmark {

  @Param("core/src/test/resources/catalog/active-2026-03-19.tle")
  public String catalogue;

  private static final Instant START = Instant.parse("2026-03-19T00:00:00Z");
  private static final TimeWindow HORIZON = new TimeWindow(START, START.plus(Duration.ofHours(48)));
  private static final int STATIONS = 50;
  private static final int CAMPAIGNS = 20;
  private static final int TARGETS = 3;
  private static final int STATIONS_PER_CAMPAIGN = 10;

  private final OrbitContext context = OrbitContext.offline();
  private final Map<String, Site> sites = new HashMap<>();
  private final Map<String, StationSchedule> stations = new HashMap<>();
  private final List<Opportunities.CampaignPlan> campaigns = new ArrayList<>();

  @Setup
  public void setUp() throws IOException {
    List<TLE> lowOrbit = ElementSets.load(catalogue, context).stream()
        .filter(tle -> tle.getMeanMotion() * 86_400 / (2 * Math.PI) > 11)
        .toList();
    Rotator rotator = Rotator.of(0, 450, 0, 180).withSlewRates(4, 4);
    for (int i = 0; i < STATIONS; i++) {
      String id = "station-" + i;
      sites.put(id, Site.at(-60 + (i * 2.4) % 120, -180 + i * 7.2, 100));
      stations.put(id, new StationSchedule(id, id, true, rotator, List.of()));
    }
    for (int c = 0; c < CAMPAIGNS; c++) {
      List<Opportunities.Target> targets = new ArrayList<>();
      for (int t = 0; t < TARGETS; t++) {
        TLE elements = lowOrbit.get((c * 97 + t * 31) % lowOrbit.size());
        targets.add(new Opportunities.Target(elements.getSatelliteNumber(), 1 + t,
            new Sgp4(elements)));
      }
      List<Opportunities.Assignment> assignments = new ArrayList<>();
      for (int s = 0; s < STATIONS_PER_CAMPAIGN; s++) {
        assignments.add(new Opportunities.Assignment("station-" + ((c * 7 + s * 5) % STATIONS),
            null));
      }
      campaigns.add(new Opportunities.CampaignPlan(new Opportunity.Campaign("campaign-" + c,
          "Campaign " + c, 1 + c % 3, 10), targets, assignments, null));
    }
  }

  @Benchmark
  public Planner.Plan fiftyStationsTwentyCampaignsTwoDays() {
    List<Opportunity> opportunities = new Opportunities(new CataloguePasses(context), 2)
        .find(campaigns, sites, HORIZON);
    return new Planner().plan(opportunities, stations, List.of());
  }
}
