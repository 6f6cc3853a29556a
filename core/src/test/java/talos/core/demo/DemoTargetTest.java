package talos.core.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.catalog.CatalogueStore;
import talos.core.orbit.OrbitFixtures;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo picks the soonest worthwhile pass, as the orbit engine's own predictor sees it. */
class DemoTargetTest {

  private static final List<Integer> LEO = List.of(25544, 43013, 40069, 27607, 37849, 39634);

  /** Among several low-orbit satellites, the chosen pass is the one that starts first. */
  @Test
  void choosesTheSoonestPassAboveTheMinimumElevation() {
    Instant now = OrbitFixtures.DAY.plus(Duration.ofHours(5));
    List<CatalogueStore.Latest> catalogue = LEO.stream().map(DemoTargetTest::latest).toList();

    DemoTarget.Choice choice = new DemoTarget(OrbitFixtures.CONTEXT)
        .choose(catalogue, OrbitFixtures.BERLIN, now).orElseThrow();

    PassPredictor predictor = new PassPredictor(OrbitFixtures.CONTEXT);
    Map<Integer, Instant> starts = LEO.stream().collect(Collectors.toMap(id -> id, id ->
        predictor.passes(OrbitFixtures.tle(id), OrbitFixtures.BERLIN, DemoTarget.MIN_ELEVATION,
                now, now.plus(DemoTarget.HORIZON)).stream()
            .filter(pass -> pass.los().isAfter(now.plus(DemoTarget.MIN_REMAINING)))
            .map(pass -> pass.aos().isBefore(now) ? now : pass.aos())
            .findFirst().orElse(Instant.MAX)));
    int soonest = starts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(choice.noradId()).isEqualTo(soonest);
    Pass pass = choice.pass();
    assertThat(pass.maxElevation()).isGreaterThanOrEqualTo(DemoTarget.MIN_ELEVATION);
    assertThat(Duration.between(starts.get(soonest), pass.aos().isBefore(now) ? now : pass.aos()))
        .isLessThan(Duration.ofSeconds(30));
  }

  /**
   * A satellite with a downlink is preferred to the soonest pass when its own pass starts within
   * the allowed wait, and not when it starts later.
   */
  @Test
  @Timeout(60)
  void prefersASatelliteWithADownlinkWhenItsPassComesSoonEnough() {
    // GIVEN the satellites' first worthwhile pass starts, as the orbit engine predicts them
    Instant now = OrbitFixtures.DAY.plus(Duration.ofHours(5));
    List<CatalogueStore.Latest> catalogue = LEO.stream().map(DemoTargetTest::latest).toList();
    Map<Integer, Instant> starts = firstStarts(now);
    List<Integer> bySoonest = LEO.stream().filter(id -> starts.get(id) != Instant.MAX)
        .sorted(Comparator.comparing(starts::get)).toList();
    int soonest = bySoonest.get(0);
    DemoTarget target = new DemoTarget(OrbitFixtures.CONTEXT);

    Instant limit = starts.get(soonest).plus(DemoTarget.DOWNLINK_WAIT);
    Duration margin = Duration.ofSeconds(30);
    int preferred = 0;
    int passedOver = 0;
    for (int later : bySoonest.subList(1, bySoonest.size())) {
      // WHEN only a later satellite has a downlink
      int chosen = target.choose(catalogue, Set.of(later), OrbitFixtures.BERLIN, now).orElseThrow()
          .noradId();

      // THEN it is chosen if its pass starts within the wait, else the soonest
      if (starts.get(later).isBefore(limit.minus(margin))) {
        assertThat(chosen).as("only %d has a downlink", later).isEqualTo(later);
        preferred++;
      } else if (starts.get(later).isAfter(limit.plus(margin))) {
        assertThat(chosen).as("only %d has a downlink", later).isEqualTo(soonest);
        passedOver++;
      }
    }
    assertThat(preferred).as("satellites preferred").isPositive();
    assertThat(passedOver).as("satellites passed over").isPositive();
    assertThat(target.choose(catalogue, Set.of(), OrbitFixtures.BERLIN, now).orElseThrow()
        .noradId()).isEqualTo(soonest);
  }

  /** A catalogue with nothing in view within the horizon gives no choice, and bad entries are skipped. */
  @Test
  void skipsUnreadableElementSetsAndMayFindNothing() {
    CatalogueStore.Latest broken = new CatalogueStore.Latest(1, "BROKEN", "1 garbage", "2 garbage",
        Instant.now());
    CatalogueStore.Latest geostationary = latest(OrbitFixtures.GOES_18);

    assertThat(new DemoTarget(OrbitFixtures.CONTEXT).choose(List.of(broken, geostationary),
        OrbitFixtures.BERLIN, OrbitFixtures.DAY)).isEmpty();
  }

  private static Map<Integer, Instant> firstStarts(Instant now) {
    PassPredictor predictor = new PassPredictor(OrbitFixtures.CONTEXT);
    return LEO.stream().collect(Collectors.toMap(id -> id, id ->
        predictor.passes(OrbitFixtures.tle(id), OrbitFixtures.BERLIN, DemoTarget.MIN_ELEVATION,
                now, now.plus(DemoTarget.HORIZON)).stream()
            .filter(pass -> pass.los().isAfter(now.plus(DemoTarget.MIN_REMAINING)))
            .map(pass -> pass.aos().isBefore(now) ? now : pass.aos())
            .findFirst().orElse(Instant.MAX)));
  }

  private static CatalogueStore.Latest latest(int noradId) {
    TLE tle = OrbitFixtures.tle(noradId);
    return new CatalogueStore.Latest(noradId, "NORAD " + noradId, tle.getLine1(), tle.getLine2(),
        tle.getDate().toDate(OrbitFixtures.CONTEXT.utc()).toInstant());
  }
}
