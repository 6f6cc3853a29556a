package talos.core.orbit.rotator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static talos.core.orbit.rotator.SyntheticPasses.AOS;
import static talos.core.orbit.rotator.SyntheticPasses.assertWithinTravel;
import static talos.core.orbit.rotator.SyntheticPasses.sweep;

/** Verifies the pre-position point, the start time set by the slower axis, and late starts. */
class PrePositionTest {

  /** Rises at azimuth 10°, elevation 0°, at AOS; sets at 170°. */
  private static final List<TrackPoint> EAST = sweep(10, 160, 40, 160);

  private final RotatorPlanner planner = new RotatorPlanner();

  @Test
  void testThePrePositionPointIsTheFirstCommandedPointAtAos() {
    Rotator rotator = Rotator.of(0, 360, 0, 180).withSlewRates(5, 5);
    List<TrackPoint> acrossNorth = sweep(300, 100, 15, 100);

    for (List<TrackPoint> track : List.of(EAST, acrossNorth)) {
      RotatorPath path = planner.plan(track, rotator);

      assertWithinTravel(path, rotator);
      assertThat(path.prePosition()).isEqualTo(path.points().get(0));
      assertThat(path.prePosition().time()).isEqualTo(AOS);
    }
    assertThat(planner.plan(acrossNorth, rotator).prePosition().position())
        .isEqualTo(new RotatorPosition(120, 180));
  }

  @Test
  void testTheStartTimeAllowsForTheSlowerAxisFromTheCurrentPosition() {
    Rotator rotator = Rotator.of(0, 450, 0, 90).withSlewRates(6, 2);

    // 90° of azimuth at 6°/s is 15 s; 60° of elevation at 2°/s is 30 s: elevation decides
    RotatorPath elevationBound = planner.plan(EAST, rotator, new RotatorPosition(100, 60),
        AOS.minusSeconds(3600));
    // 240° of azimuth at 6°/s is 40 s; 10° of elevation at 2°/s is 5 s: azimuth decides
    RotatorPath azimuthBound = planner.plan(EAST, rotator, new RotatorPosition(250, 10),
        AOS.minusSeconds(3600));

    assertWithinTravel(elevationBound, rotator);
    assertWithinTravel(azimuthBound, rotator);
    assertThat(elevationBound.prePosition().position()).isEqualTo(new RotatorPosition(10, 0));
    assertThat(azimuthBound.prePosition().position()).isEqualTo(new RotatorPosition(10, 0));
    assertThat(elevationBound.startMovingBy()).isEqualTo(AOS.minusSeconds(30));
    assertThat(azimuthBound.startMovingBy()).isEqualTo(AOS.minusSeconds(40));
    assertThat(elevationBound.warnings()).isEmpty();
    assertThat(azimuthBound.warnings()).isEmpty();
  }

  @Test
  void testWithoutACurrentPositionTheRotatorStartsFromItsPark() {
    Rotator rotator = Rotator.of(0, 450, 0, 90).withSlewRates(5, 5)
        .withPark(new RotatorPosition(0, 90));

    RotatorPath path = planner.plan(EAST, rotator);

    assertWithinTravel(path, rotator);
    // from (0°, 90°) to (10°, 0°): 2 s of azimuth, 18 s of elevation
    assertThat(path.startMovingBy()).isEqualTo(AOS.minusSeconds(18));
  }

  @Test
  void testARotatorAlreadyInPlaceOrWithUnlimitedRatesStartsAtAos() {
    Rotator limited = Rotator.of(0, 450, 0, 90).withSlewRates(5, 5);
    Rotator unlimited = Rotator.of(0, 450, 0, 90);

    RotatorPath inPlace = planner.plan(EAST, limited, new RotatorPosition(10, 0), AOS);
    RotatorPath fast = planner.plan(EAST, unlimited, new RotatorPosition(400, 90), AOS);

    assertWithinTravel(inPlace, limited);
    assertWithinTravel(fast, unlimited);
    assertThat(inPlace.startMovingBy()).isEqualTo(AOS);
    assertThat(fast.startMovingBy()).isEqualTo(AOS);
    assertThat(inPlace.warnings()).isEmpty();
    assertThat(fast.warnings()).isEmpty();
  }

  @Test
  void testARotatorThatCannotReachThePrePositionByAosIsWarned() {
    Rotator rotator = Rotator.of(0, 450, 0, 90).withSlewRates(6, 2);
    RotatorPosition current = new RotatorPosition(250, 10);

    RotatorPath path = planner.plan(EAST, rotator, current, AOS.minusSeconds(10));

    assertWithinTravel(path, rotator);
    assertThat(path.startMovingBy()).isEqualTo(AOS.minusSeconds(40));
    assertThat(path.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.LATE_START);
      assertThat(warning.required()).isCloseTo(40, within(1e-9));
      assertThat(warning.available()).isCloseTo(10, within(1e-9));
      assertThat(warning.start()).isEqualTo(AOS.minus(Duration.ofSeconds(40)));
      assertThat(warning.end()).isEqualTo(AOS);
      assertThat(warning.message()).contains("40.0 s", "10.0 s", AOS.toString());
    });
  }

  @Test
  void testAPlanMadeAfterAosSaysHowLongAgoAosPassed() {
    Rotator rotator = Rotator.of(0, 450, 0, 90).withSlewRates(6, 2);

    RotatorPath path = planner.plan(EAST, rotator, new RotatorPosition(250, 10),
        AOS.plusSeconds(5));

    assertWithinTravel(path, rotator);
    assertThat(path.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.LATE_START);
      assertThat(warning.available()).isCloseTo(-5, within(1e-9));
      assertThat(warning.message()).contains("passed 5.0 s ago");
    });
  }
}
