package talos.core.orbit.rotator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static talos.core.orbit.rotator.SyntheticPasses.AOS;
import static talos.core.orbit.rotator.SyntheticPasses.assertContinuous;
import static talos.core.orbit.rotator.SyntheticPasses.assertWithinSlewRates;
import static talos.core.orbit.rotator.SyntheticPasses.assertWithinTravel;
import static talos.core.orbit.rotator.SyntheticPasses.greatCircle;
import static talos.core.orbit.rotator.SyntheticPasses.sweep;

/** Verifies turn choice, overlap, flip, stops, near-zenith passes and elevation limits. */
class RotatorPlannerTest {

  /** From north-west (300°) through north to 40°, low: crosses the stop of a 0..360 rotator. */
  private static final List<TrackPoint> ACROSS_NORTH = sweep(300, 100, 15, 100);

  /** From 120° through south to 220°: crosses the stop of a -180..180 rotator. */
  private static final List<TrackPoint> ACROSS_SOUTH = sweep(120, 100, 15, 100);

  /** From 10° to 170°, the eastern half of the sky: fits any rotator. */
  private static final List<TrackPoint> EAST = sweep(10, 160, 40, 160);

  /** Culminates at 89° towards south at AOS + 90 s; the azimuth swings from ~90° to ~270°. */
  private static final List<TrackPoint> NEAR_ZENITH = greatCircle(180, 89);

  private final RotatorPlanner planner = new RotatorPlanner();

  @Test
  void testAPassInTheEasternSkyIsCommandedAsTrackedOnEveryRotatorCentredOnIt() {
    for (Rotator rotator : List.of(Rotator.of(0, 360, 0, 90), Rotator.of(0, 450, 0, 90),
        Rotator.of(-180, 180, 0, 90), Rotator.of(-180, 180, 0, 180))) {
      RotatorPath path = planner.plan(EAST, rotator);

      assertWithinTravel(path, rotator);
      assertThat(path.mode()).as("mode on %s", rotator).isEqualTo(RotatorMode.NORMAL);
      assertThat(path.warnings()).isEmpty();
      for (int i = 0; i < EAST.size(); i++) {
        assertThat(path.points().get(i).azimuth()).isCloseTo(EAST.get(i).azimuth(), within(1e-9));
        assertThat(path.points().get(i).elevation())
            .isCloseTo(EAST.get(i).elevation(), within(1e-9));
      }
      assertThat(path.maxPointingError()).isLessThan(1e-6);
    }
  }

  @Test
  void testWithoutAKnownPositionTheTurnNearestTheCentreOfTheTravelIsChosen() {
    Rotator rotator = Rotator.of(0, 540, 0, 90);

    RotatorPath path = planner.plan(EAST, rotator);

    assertWithinTravel(path, rotator);
    assertContinuous(path, EAST);
    assertThat(path.mode()).isEqualTo(RotatorMode.OVERLAP);
    assertThat(path.prePosition().azimuth()).isCloseTo(370, within(1e-9));
    assertThat(path.points().get(EAST.size() - 1).azimuth()).isCloseTo(530, within(1e-9));
    assertThat(path.warnings()).isEmpty();
  }

  @Test
  void testTheTurnNearestTheCurrentPositionIsChosen() {
    Rotator rotator = Rotator.of(0, 450, 0, 90);
    List<TrackPoint> track = sweep(10, 50, 20, 50);

    RotatorPath fromOverlap = planner.plan(track, rotator, new RotatorPosition(400, 20), AOS);
    RotatorPath fromNorth = planner.plan(track, rotator, new RotatorPosition(20, 0), AOS);

    assertWithinTravel(fromOverlap, rotator);
    assertWithinTravel(fromNorth, rotator);
    assertThat(fromOverlap.mode()).isEqualTo(RotatorMode.OVERLAP);
    assertThat(fromOverlap.prePosition().azimuth()).isCloseTo(370, within(1e-9));
    assertThat(fromNorth.mode()).isEqualTo(RotatorMode.NORMAL);
    assertThat(fromNorth.prePosition().azimuth()).isCloseTo(10, within(1e-9));
  }

  @Test
  void testAPassCrossingNorthContinuesIntoTheOverlapOfA450DegreeRotator() {
    Rotator rotator = Rotator.of(0, 450, 0, 90);

    RotatorPath path = planner.plan(ACROSS_NORTH, rotator);

    assertWithinTravel(path, rotator);
    assertContinuous(path, ACROSS_NORTH);
    assertThat(path.mode()).isEqualTo(RotatorMode.OVERLAP);
    assertThat(path.prePosition().azimuth()).isCloseTo(300, within(1e-9));
    assertThat(path.points().get(ACROSS_NORTH.size() - 1).azimuth()).isCloseTo(400, within(1e-9));
    assertThat(path.warnings()).isEmpty();
    assertThat(path.maxPointingError()).isLessThan(1e-6);
  }

  @Test
  void testWithoutOverlapOrFlipAPassCrossingNorthWaitsAtTheStopAndNamesTheSpan() {
    Rotator rotator = Rotator.of(0, 360, 0, 90);

    RotatorPath path = planner.plan(ACROSS_NORTH, rotator);

    assertWithinTravel(path, rotator);
    assertThat(path.mode()).isEqualTo(RotatorMode.NORMAL);
    // the satellite passes north 60 s after AOS; from then on it is beyond the 360° stop
    assertThat(path.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.AZIMUTH_LIMIT);
      assertThat(warning.start()).isEqualTo(AOS.plusSeconds(61));
      assertThat(warning.end()).isEqualTo(AOS.plusSeconds(100));
      assertThat(warning.required()).isCloseTo(400, within(1e-9));
      assertThat(warning.available()).isEqualTo(360);
      assertThat(warning.message()).contains(AOS.plusSeconds(61).toString(),
          AOS.plusSeconds(100).toString(), "cannot point", "stop at 360.0°", "cannot flip");
    });
    assertThat(path.points().subList(61, 101)).allSatisfy(
        point -> assertThat(point.azimuth()).isEqualTo(360));
    assertThat(path.maxPointingError()).isGreaterThan(30);
  }

  @Test
  void testARotatorThatFlipsFollowsThePassCrossingNorthFlippedWithoutTouchingAStop() {
    Rotator rotator = Rotator.of(0, 360, 0, 180);

    RotatorPath path = planner.plan(ACROSS_NORTH, rotator);

    assertWithinTravel(path, rotator);
    assertContinuous(path, ACROSS_NORTH);
    assertThat(path.mode()).isEqualTo(RotatorMode.FLIP);
    for (int i = 0; i < ACROSS_NORTH.size(); i++) {
      CommandedPoint point = path.points().get(i);
      TrackPoint sample = ACROSS_NORTH.get(i);
      assertThat(Angles.normalize(point.azimuth() - sample.azimuth()))
          .isCloseTo(180, within(1e-9));
      assertThat(point.elevation()).isCloseTo(180 - sample.elevation(), within(1e-9));
    }
    assertThat(path.prePosition().azimuth()).isCloseTo(120, within(1e-9));
    assertThat(path.warnings()).isEmpty();
    assertThat(path.maxPointingError()).isLessThan(1e-6);
  }

  @Test
  void testAMinus180To180RotatorCrossesNorthFreelyAndFlipsToCrossSouth() {
    Rotator plain = Rotator.of(-180, 180, 0, 90);
    Rotator flipping = Rotator.of(-180, 180, 0, 180);

    RotatorPath north = planner.plan(ACROSS_NORTH, plain);
    RotatorPath southPlain = planner.plan(ACROSS_SOUTH, plain);
    RotatorPath southFlipped = planner.plan(ACROSS_SOUTH, flipping);

    assertWithinTravel(north, plain);
    assertContinuous(north, ACROSS_NORTH);
    assertThat(north.mode()).isNotEqualTo(RotatorMode.FLIP);
    assertThat(north.prePosition().azimuth()).isCloseTo(-60, within(1e-9));
    assertThat(north.warnings()).isEmpty();

    assertWithinTravel(southPlain, plain);
    assertThat(southPlain.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.AZIMUTH_LIMIT);
      assertThat(warning.available()).isEqualTo(180);
      assertThat(warning.start()).isEqualTo(AOS.plusSeconds(61));
    });

    assertWithinTravel(southFlipped, flipping);
    assertContinuous(southFlipped, ACROSS_SOUTH);
    assertThat(southFlipped.mode()).isEqualTo(RotatorMode.FLIP);
    assertThat(southFlipped.prePosition().azimuth()).isCloseTo(-60, within(1e-9));
    assertThat(southFlipped.warnings()).isEmpty();
  }

  @Test
  void testTheNearZenithFixtureSwingsItsAzimuthByAlmostAHalfTurnWithinSecondsOfTheTop() {
    double before = NEAR_ZENITH.get(85).azimuth();
    double after = NEAR_ZENITH.get(95).azimuth();

    assertThat(NEAR_ZENITH.get(90).elevation()).isCloseTo(89, within(1e-9));
    assertThat(before).isCloseTo(90, within(15.0));
    assertThat(after).isCloseTo(270, within(15.0));
  }

  @Test
  void testANearZenithPassFlipsWhenTheAzimuthCannotSwingFastEnough() {
    Rotator rotator = Rotator.of(0, 360, 0, 180).withSlewRates(6, 6);

    RotatorPath path = planner.plan(NEAR_ZENITH, rotator);

    assertWithinTravel(path, rotator);
    assertWithinSlewRates(path, rotator);
    assertThat(path.mode()).isEqualTo(RotatorMode.FLIP);
    assertThat(path.warnings()).isEmpty();
    double lowest = path.points().stream().mapToDouble(CommandedPoint::azimuth).min()
        .orElseThrow();
    double highest = path.points().stream().mapToDouble(CommandedPoint::azimuth).max()
        .orElseThrow();
    assertThat(highest - lowest).as("azimuth travelled").isLessThan(20);
    assertThat(path.points().get(0).elevation()).isCloseTo(0, within(1e-9));
    assertThat(path.points().get(NEAR_ZENITH.size() - 1).elevation()).isCloseTo(180, within(1e-9));
    // the pass misses the zenith by 1°: the antenna stays within about that of the satellite
    assertThat(path.maxPointingError()).isLessThan(1.1);
  }

  @Test
  void testANearZenithPassOnARotatorThatCannotFlipReportsTheAzimuthRateItNeeds() {
    Rotator rotator = Rotator.of(0, 450, 0, 90).withSlewRates(6, 6);

    RotatorPath path = planner.plan(NEAR_ZENITH, rotator);

    assertWithinTravel(path, rotator);
    assertWithinSlewRates(path, rotator);
    assertThat(path.mode()).isEqualTo(RotatorMode.NORMAL);
    assertThat(path.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.SLEW_RATE);
      assertThat(warning.start()).isBetween(AOS.plusSeconds(80), AOS.plusSeconds(100));
      assertThat(warning.end()).isAfter(warning.start());
      assertThat(warning.required()).isGreaterThan(30);
      assertThat(warning.available()).isEqualTo(6);
      assertThat(warning.message()).contains("azimuth", warning.start().toString(),
          warning.end().toString());
    });
  }

  @Test
  void testANearZenithPassIsFollowedExactlyWhenTheRotatorCanFollowAnyRate() {
    Rotator rotator = Rotator.of(0, 450, 0, 90);

    RotatorPath path = planner.plan(NEAR_ZENITH, rotator);

    assertWithinTravel(path, rotator);
    assertContinuous(path, NEAR_ZENITH);
    assertThat(path.mode()).isEqualTo(RotatorMode.NORMAL);
    assertThat(path.warnings()).isEmpty();
    assertThat(path.maxPointingError()).isLessThan(1e-6);
  }

  @Test
  void testAPassBelowTheLowestElevationIsHeldAtItWithAWarningAtEachEnd() {
    Rotator rotator = Rotator.of(0, 360, 0, 90);
    List<TrackPoint> masked = sweep(10, 160, 30, 160, 2);

    RotatorPath path = planner.plan(masked, rotator);

    assertWithinTravel(path, rotator);
    assertThat(path.warnings()).hasSize(2).allSatisfy(warning -> {
      assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.ELEVATION_LIMIT);
      assertThat(warning.required()).isCloseTo(-2, within(1e-9));
      assertThat(warning.available()).isEqualTo(0);
      assertThat(warning.message()).contains("down to -2.0°");
    });
    assertThat(path.warnings().get(0).start()).isEqualTo(AOS);
    assertThat(path.warnings().get(1).end()).isEqualTo(AOS.plusSeconds(160));
    for (int i = 0; i < masked.size(); i++) {
      double elevation = masked.get(i).elevation();
      assertThat(path.points().get(i).elevation()).isCloseTo(Math.max(0, elevation), within(1e-9));
    }
  }

  @Test
  void testAPassAboveTheHighestElevationIsHeldAtItWithAWarning() {
    Rotator rotator = Rotator.of(0, 360, 0, 60);

    RotatorPath path = planner.plan(EAST, rotator);

    assertWithinTravel(path, rotator);
    assertThat(path.warnings()).isEmpty();

    RotatorPath high = planner.plan(sweep(10, 160, 75, 160), rotator);

    assertWithinTravel(high, rotator);
    assertThat(high.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.ELEVATION_LIMIT);
      assertThat(warning.required()).isCloseTo(75, within(1e-9));
      assertThat(warning.available()).isEqualTo(60);
      assertThat(warning.start()).isBefore(AOS.plusSeconds(80));
      assertThat(warning.end()).isAfter(AOS.plusSeconds(80));
    });
  }
}
