package talos.core.schedule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import talos.core.orbit.OrbitFixtures;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.orbit.rotator.Rotator;
import talos.core.schedule.Opportunity.Campaign;
import talos.core.schedule.Planner.Plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the planner on the real catalogue of 2026-03-19: three campaigns of different priorities
 * over three stations, one with a reservation, give timelines without overlaps or impossible slews
 * that respect the reservation and the priorities and explain every pass left out; and, on made-up
 * passes, fair shares, slew gaps and passes in progress.
 */
class PlannerTest {

  private static final Instant START = OrbitFixtures.DAY;
  private static final Instant END = START.plus(Duration.ofHours(48));
  private static final Rotator ROTATOR = Rotator.of(0, 450, 0, 180).withSlewRates(3, 3);
  private static final Campaign ISS = new Campaign("iss", "ISS voice", 1, 0);
  private static final Campaign WEATHER = new Campaign("wx", "Weather", 2, 10);
  private static final Campaign CUBESATS = new Campaign("cube", "Cubesats", 5, 20);
  private static final TimeWindow MAINTENANCE = new TimeWindow(START.plus(Duration.ofHours(10)),
      START.plus(Duration.ofHours(14)));

  private static final Map<String, StationSchedule> STATIONS = Map.of(
      "berlin", new StationSchedule("berlin", "Berlin", true, ROTATOR,
          List.of(new StationSchedule.Reservation(MAINTENANCE, "antenna maintenance"))),
      "svalbard", new StationSchedule("svalbard", "Svalbard", true, ROTATOR, List.of()),
      "hobart", new StationSchedule("hobart", "Hobart", true, ROTATOR, List.of()));
  private static final Map<String, Site> SITES = Map.of("berlin", OrbitFixtures.BERLIN,
      "svalbard", OrbitFixtures.SVALBARD, "hobart", OrbitFixtures.HOBART);

  private static List<Opportunity> opportunities;
  private static Plan plan;

  @BeforeAll
  static void planTwoDays() {
    opportunities = new ArrayList<>();
    add(ISS, 25544, 1, "berlin", "hobart");
    add(WEATHER, 43013, 1, "berlin", "svalbard");
    add(WEATHER, 40069, 1, "berlin", "svalbard");
    add(CUBESATS, 27607, 2, "berlin", "svalbard", "hobart");
    add(CUBESATS, 37849, 1, "berlin", "svalbard", "hobart");
    plan = new Planner().plan(opportunities, STATIONS, List.of());
  }

  /** Every opportunity is either planned or left out with a reason. */
  @Test
  void accountsForEveryOpportunity() {
    assertThat(plan.planned().size() + plan.rejected().size()).isEqualTo(opportunities.size());
    assertThat(plan.planned()).isNotEmpty();
    assertThat(plan.rejected()).isNotEmpty().allSatisfy(rejected ->
        assertThat(rejected.reason()).isNotBlank());
  }

  /** No station's timeline overlaps, and the rotator always has time to slew between passes. */
  @Test
  void timelinesLeaveTimeToSlew() {
    for (String station : STATIONS.keySet()) {
      List<Opportunity> timeline = plan.timeline(station);
      for (int i = 1; i < timeline.size(); i++) {
        Pass before = timeline.get(i - 1).pass();
        Pass after = timeline.get(i).pass();
        Duration slew = Planner.slew(ROTATOR, before.losAzimuth(), after.aosAzimuth());
        assertThat(before.los().plus(slew)).as("%s: %s then %s", station, before, after)
            .isBeforeOrEqualTo(after.aos());
      }
    }
  }

  /** Nothing is planned in the owner's reservation, and what fell in it says so. */
  @Test
  void respectsTheReservation() {
    assertThat(plan.timeline("berlin")).noneSatisfy(opportunity ->
        assertThat(new TimeWindow(opportunity.pass().aos(), opportunity.pass().los())
            .overlaps(MAINTENANCE)).isTrue());
    assertThat(plan.rejected()).filteredOn(rejected -> rejected.opportunity().stationId()
            .equals("berlin") && new TimeWindow(rejected.opportunity().pass().aos(),
            rejected.opportunity().pass().los()).overlaps(MAINTENANCE))
        .isNotEmpty()
        .allSatisfy(rejected -> assertThat(rejected.reason()).matches(
            "reserved by owner from .* to .*: antenna maintenance|below minimum elevation.*"))
        .anySatisfy(rejected -> assertThat(rejected.reason()).startsWith("reserved by owner"));
  }

  /** The highest priority loses no pass to another campaign; lower ones name who took theirs. */
  @Test
  void higherPriorityComesFirst() {
    assertThat(plan.rejected()).filteredOn(rejected -> rejected.opportunity().campaign() == ISS)
        .allSatisfy(rejected -> assertThat(rejected.reason()).startsWith("reserved by owner"));
    assertThat(plan.rejected()).extracting(Planner.Rejected::reason)
        .anySatisfy(reason -> assertThat(reason).contains("higher-priority campaign"));
    for (Planner.Rejected rejected : plan.rejected()) {
      if (rejected.reason().contains("higher-priority campaign 'ISS voice'")) {
        assertThat(rejected.opportunity().campaign().priority()).isGreaterThan(1);
      }
    }
  }

  /** Passes that peak below a campaign's minimum elevation are left out, saying how high they got. */
  @Test
  void explainsPassesBelowTheMinimumElevation() {
    assertThat(plan.rejected()).filteredOn(rejected -> rejected.reason().startsWith("below"))
        .isNotEmpty()
        .allSatisfy(rejected -> assertThat(rejected.opportunity().pass().maxElevation())
            .isLessThan(rejected.opportunity().campaign().minElevation()));
  }

  /** An offline station gets nothing. */
  @Test
  void plansNothingOnAnOfflineStation() {
    Map<String, StationSchedule> offline = Map.of(
        "berlin", new StationSchedule("berlin", "Berlin", false, ROTATOR, List.of()),
        "svalbard", STATIONS.get("svalbard"), "hobart", STATIONS.get("hobart"));

    Plan withoutBerlin = new Planner().plan(opportunities, offline, List.of());

    assertThat(withoutBerlin.timeline("berlin")).isEmpty();
    assertThat(withoutBerlin.rejected()).filteredOn(r -> r.opportunity().stationId().equals("berlin"))
        .isNotEmpty().allSatisfy(r -> assertThat(r.reason()).isEqualTo("station offline"));
  }

  /** Two campaigns of equal priority fighting for the same passes share them by weight. */
  @Test
  void sharesContestedPassesByWeight() {
    Campaign heavy = new Campaign("a", "Heavy", 3, 0);
    Campaign light = new Campaign("b", "Light", 3, 0);
    List<Opportunity> contested = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Pass pass = pass(START.plus(Duration.ofHours(i)), 600, 0, 0);
      contested.add(new Opportunity(heavy, 1, 2, "berlin", pass));
      contested.add(new Opportunity(light, 2, 1, "berlin", pass));
    }
    Map<String, StationSchedule> free = Map.of("berlin",
        new StationSchedule("berlin", "Berlin", true, ROTATOR, List.of()));

    Plan shared = new Planner().plan(contested, free, List.of());

    long heavyPasses = shared.planned().stream().filter(o -> o.campaign() == heavy).count();
    assertThat(shared.planned()).hasSize(30);
    assertThat(heavyPasses).isBetween(19L, 21L);
    assertThat(shared.rejected()).allSatisfy(rejected -> assertThat(rejected.reason())
        .contains("of the same priority"));
  }

  /** A pass that starts too soon after another for the rotator to turn is left out. */
  @Test
  void leavesTimeForTheRotatorToTurn() {
    Campaign first = new Campaign("a", "First", 1, 0);
    Campaign second = new Campaign("b", "Second", 2, 0);
    Pass north = pass(START, 600, 0, 0);
    Pass south = pass(START.plusSeconds(660), 600, 180, 180);
    Map<String, StationSchedule> station = Map.of("berlin",
        new StationSchedule("berlin", "Berlin", true, ROTATOR, List.of()));

    Plan tight = new Planner().plan(List.of(new Opportunity(first, 1, 1, "berlin", north),
        new Opportunity(second, 2, 1, "berlin", south)), station, List.of());

    assertThat(tight.planned()).extracting(Opportunity::campaign).containsExactly(first);
    assertThat(tight.rejected()).singleElement().satisfies(rejected -> assertThat(rejected.reason())
        .isEqualTo("no time to slew to or from higher-priority campaign 'First' (priority 1):"
            + " needs 70 s, has 60 s"));
  }

  /** A pass being tracked keeps its station even against a higher priority. */
  @Test
  void neverDisplacesAPassInProgress() {
    Campaign urgent = new Campaign("a", "Urgent", 1, 0);
    Campaign running = new Campaign("b", "Running", 9, 0);
    Opportunity tracked = new Opportunity(running, 2, 1, "berlin", pass(START, 600, 0, 0));
    Opportunity wanted = new Opportunity(urgent, 1, 1, "berlin",
        pass(START.plusSeconds(300), 600, 0, 0));
    Map<String, StationSchedule> station = Map.of("berlin",
        new StationSchedule("berlin", "Berlin", true, ROTATOR, List.of()));

    Plan kept = new Planner().plan(List.of(wanted), station, List.of(tracked));

    assertThat(kept.planned()).containsExactly(tracked);
    assertThat(kept.rejected()).singleElement().satisfies(rejected ->
        assertThat(rejected.reason()).startsWith("overlaps the pass of NORAD 2 being tracked now"));
  }

  /** A pass planned earlier that starts too soon to change is kept, and what it blocks says so. */
  @Test
  void keepsFixedPassesAndSaysWhy() {
    Campaign urgent = new Campaign("a", "Urgent", 1, 0);
    Campaign early = new Campaign("b", "Early", 9, 0);
    Opportunity soon = new Opportunity(early, 2, 1, "berlin", pass(START, 600, 0, 0));
    Opportunity wanted = new Opportunity(urgent, 1, 1, "berlin",
        pass(START.plusSeconds(300), 600, 0, 0));
    Map<String, StationSchedule> station = Map.of("berlin",
        new StationSchedule("berlin", "Berlin", true, ROTATOR, List.of()));

    Plan kept = new Planner().plan(List.of(wanted), station, List.of(), List.of(soon), List.of());

    assertThat(kept.planned()).containsExactly(soon);
    assertThat(kept.rejected()).singleElement().satisfies(rejected ->
        assertThat(rejected.reason()).startsWith("overlaps the pass of campaign 'Early'"
            + " (priority 9, fixed: it starts too soon to change) from"));
  }

  /**
   * A pass a station missed gives its target precedence for its next pass over another station of
   * the campaign, against a campaign of the same priority that would otherwise have had it, and
   * keeps the station that missed it free during the missed pass.
   */
  @Test
  void retriesAMissedPassOnAnotherStation() {
    Campaign iss = new Campaign("iss", "ISS", 3, 0);
    Campaign rival = new Campaign("a-rival", "Rival", 3, 0);
    Pass missed = pass(START, 600, 0, 0);
    Pass next = pass(START.plusSeconds(5_400), 600, 0, 0);
    Opportunity retry = new Opportunity(iss, 25544, 1, "hobart", next);
    Opportunity contested = new Opportunity(rival, 7, 1, "hobart", next);
    Opportunity duringMiss = new Opportunity(rival, 7, 1, "berlin",
        pass(START.plusSeconds(300), 600, 0, 0));
    List<Opportunity> wanted = List.of(retry, contested, duringMiss);
    Map<String, StationSchedule> stations = Map.of(
        "berlin", new StationSchedule("berlin", "Berlin", true, ROTATOR, List.of()),
        "hobart", new StationSchedule("hobart", "Hobart", true, ROTATOR, List.of()));
    Planner.Retry missedAtBerlin = new Planner.Retry("iss", 25544, "berlin",
        new TimeWindow(missed.aos(), missed.los()));

    Plan usual = new Planner().plan(List.of(retry, contested), stations, List.of());
    Plan retried = new Planner().plan(wanted, stations, List.of(), List.of(),
        List.of(missedAtBerlin));

    assertThat(usual.timeline("hobart")).containsExactly(contested);
    assertThat(retried.timeline("hobart")).containsExactly(retry);
    assertThat(retried.notes()).containsOnlyKeys(retry);
    assertThat(retried.notes().get(retry)).isEqualTo("retry of the pass of NORAD 25544 missed by"
        + " station 'Berlin' from " + missed.aos() + " to " + missed.los());
    assertThat(retried.timeline("berlin")).isEmpty();
    assertThat(retried.rejected()).filteredOn(r -> r.opportunity() == duringMiss).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("station unavailable: it missed the pass"
            + " of NORAD 25544"));
  }

  /** A retry already served by a fixed pass on another station is not given a second pass. */
  @Test
  void retriesAMissedPassOnlyOnce() {
    Campaign iss = new Campaign("iss", "ISS", 3, 0);
    Campaign rival = new Campaign("a-rival", "Rival", 3, 0);
    Pass missed = pass(START, 600, 0, 0);
    Opportunity served = new Opportunity(iss, 25544, 1, "hobart",
        pass(START.plusSeconds(3_000), 600, 0, 0));
    Pass later = pass(START.plusSeconds(9_000), 600, 0, 0);
    Opportunity again = new Opportunity(iss, 25544, 1, "hobart", later);
    Opportunity contested = new Opportunity(rival, 7, 1, "hobart", later);
    Map<String, StationSchedule> stations = Map.of(
        "berlin", new StationSchedule("berlin", "Berlin", true, ROTATOR, List.of()),
        "hobart", new StationSchedule("hobart", "Hobart", true, ROTATOR, List.of()));

    Plan plan = new Planner().plan(List.of(again, contested), stations, List.of(), List.of(served),
        List.of(new Planner.Retry("iss", 25544, "berlin",
            new TimeWindow(missed.aos(), missed.los()))));

    assertThat(plan.timeline("hobart")).containsExactly(served, contested);
    assertThat(plan.notes()).isEmpty();
  }

  private static void add(Campaign campaign, int noradId, double weight, String... stations) {
    PassPredictor predictor = new PassPredictor(OrbitFixtures.CONTEXT);
    for (String station : stations) {
      for (Pass pass : predictor.passes(OrbitFixtures.tle(noradId), SITES.get(station), 0, START,
          END)) {
        opportunities.add(new Opportunity(campaign, noradId, weight, station, pass));
      }
    }
  }

  private static Pass pass(Instant aos, long seconds, double aosAzimuth, double losAzimuth) {
    Instant los = aos.plusSeconds(seconds);
    return new Pass(aos, aos.plusSeconds(seconds / 2), los, aosAzimuth, 90, losAzimuth, 45,
        false, false);
  }
}
