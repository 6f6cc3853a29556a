package talos.core.orbit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static talos.core.orbit.OrbitFixtures.BERLIN;
import static talos.core.orbit.OrbitFixtures.CONTEXT;
import static talos.core.orbit.OrbitFixtures.DAY;
import static talos.core.orbit.OrbitFixtures.GOES_19;
import static talos.core.orbit.OrbitFixtures.GOES_18;
import static talos.core.orbit.OrbitFixtures.ISS;
import static talos.core.orbit.OrbitFixtures.QUITO;
import static talos.core.orbit.OrbitFixtures.tle;

/**
 * Verifies pass prediction on real elements of 2026-03-19: events located where the elevation
 * crosses the mask, the edges of the window, objects always or never up, and horizon masks.
 */
@Timeout(60)
class PassPredictorTest {

  private final PassPredictor predictor = new PassPredictor(CONTEXT);
  private final Instant end = DAY.plus(Duration.ofDays(1));

  @Test
  void testIssPassesOverBerlinStartAndEndOnTheHorizonWithTheirHighestPointInside() {
    List<Pass> passes = predictor.passes(tle(ISS), BERLIN, 0, DAY, end);
    Tracker tracker = new Tracker(CONTEXT, tle(ISS), BERLIN);

    assertThat(passes).hasSizeBetween(3, 8);
    for (Pass pass : passes) {
      assertThat(pass.aos()).isBefore(pass.tca());
      assertThat(pass.tca()).isBefore(pass.los());
      assertThat(pass.duration()).isBetween(60.0, 12 * 60.0);
      assertThat(tracker.look(pass.aos()).elevation()).isCloseTo(0, within(0.01));
      assertThat(tracker.look(pass.los()).elevation()).isCloseTo(0, within(0.01));
      double highest = highestSampled(tracker, pass);
      assertThat(pass.maxElevation()).isCloseTo(highest, within(0.01)).isGreaterThanOrEqualTo(highest - 1e-6);
      assertThat(pass.startsBeforeWindow()).isFalse();
      assertThat(pass.endsAfterWindow()).isFalse();
    }
  }

  @Test
  void testAPassInProgressAtTheWindowStartBeginsAtTheStart() {
    Pass whole = predictor.passes(tle(ISS), BERLIN, 0, DAY, end).get(0);
    Instant middle = whole.aos().plus(Duration.between(whole.aos(), whole.los()).dividedBy(2));

    Pass cut = predictor.passes(tle(ISS), BERLIN, 0, middle, end).get(0);

    assertThat(cut.startsBeforeWindow()).isTrue();
    assertThat(cut.aos()).isEqualTo(middle);
    assertThat(cut.los()).isCloseTo(whole.los(), within(Duration.ofMillis(50)));
  }

  @Test
  void testAPassThatDoesNotSetInTheWindowEndsAtTheEnd() {
    Pass whole = predictor.passes(tle(ISS), BERLIN, 0, DAY, end).get(0);
    Instant middle = whole.aos().plus(Duration.between(whole.aos(), whole.los()).dividedBy(2));

    List<Pass> passes = predictor.passes(tle(ISS), BERLIN, 0, DAY, middle);
    Pass cut = passes.get(passes.size() - 1);

    assertThat(cut.endsAfterWindow()).isTrue();
    assertThat(cut.los()).isEqualTo(middle);
    assertThat(cut.aos()).isCloseTo(whole.aos(), within(Duration.ofMillis(50)));
  }

  @Test
  void testAGeostationaryObjectInViewIsOnePassCoveringTheWholeWindow() {
    List<Pass> passes = predictor.passes(tle(GOES_19), QUITO, 0, DAY, end);

    assertThat(passes).singleElement().satisfies(pass -> {
      assertThat(pass.aos()).isEqualTo(DAY);
      assertThat(pass.los()).isEqualTo(end);
      assertThat(pass.startsBeforeWindow()).isTrue();
      assertThat(pass.endsAfterWindow()).isTrue();
      assertThat(pass.maxElevation()).isGreaterThan(80);
    });
  }

  @Test
  void testAnObjectNeverInViewHasNoPasses() {
    assertThat(predictor.passes(tle(GOES_18), BERLIN, 0, DAY, end)).isEmpty();
  }

  @Test
  void testAMinimumElevationDropsLowPassesAndMovesTheEventsUp() {
    List<Pass> all = predictor.passes(tle(ISS), BERLIN, 0, DAY, end);
    List<Pass> high = predictor.passes(tle(ISS), BERLIN, 20, DAY, end);
    Tracker tracker = new Tracker(CONTEXT, tle(ISS), BERLIN);

    assertThat(high.size()).isLessThanOrEqualTo(all.size());
    assertThat(all.stream().filter(pass -> pass.maxElevation() > 20.05).count()).isEqualTo(high.size());
    for (Pass pass : high) {
      assertThat(tracker.look(pass.aos()).elevation()).isCloseTo(20, within(0.01));
      assertThat(tracker.look(pass.los()).elevation()).isCloseTo(20, within(0.01));
    }
  }

  @Test
  void testAHorizonMaskHidesTheDirectionsItCovers() {
    // a wall of 40° to the north-west, north and north-east; open elsewhere
    Site walled = new Site(BERLIN.latitude(), BERLIN.longitude(), BERLIN.altitude(), List.of(
        new Site.MaskPoint(0, 40), new Site.MaskPoint(89, 40), new Site.MaskPoint(91, 0),
        new Site.MaskPoint(269, 0), new Site.MaskPoint(271, 40)));
    Tracker tracker = new Tracker(CONTEXT, tle(ISS), walled);

    List<Pass> passes = predictor.passes(tle(ISS), walled, 0, DAY, end);

    assertThat(passes).isNotEmpty();
    for (Pass pass : passes) {
      for (Instant edge : List.of(pass.aos(), pass.los())) {
        Look look = tracker.look(edge);
        assertThat(look.elevation()).isCloseTo(walled.maskElevation(look.azimuth()), within(0.02));
      }
    }
  }

  @Test
  void testAnEmptyWindowIsRefused() {
    assertThatThrownBy(() -> predictor.passes(tle(ISS), BERLIN, 0, DAY, DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after its start");
  }

  private static double highestSampled(Tracker tracker, Pass pass) {
    double highest = -90;
    for (Instant t = pass.aos(); !t.isAfter(pass.los()); t = t.plusSeconds(1)) {
      highest = Math.max(highest, tracker.look(t).elevation());
    }
    return highest;
  }
}
