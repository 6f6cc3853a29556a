package talos.core.orbit.rotator;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static talos.core.orbit.rotator.SyntheticPasses.AOS;

/** Verifies that bad tracks, rotators and arguments are rejected naming what is wrong. */
class RotatorInputTest {

  private final RotatorPlanner planner = new RotatorPlanner();
  private final Rotator rotator = Rotator.of(0, 360, 0, 90);

  @Test
  void testAnEmptyTrackIsRejected() {
    assertThatThrownBy(() -> planner.plan(List.of(), rotator))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("track is empty");
  }

  @Test
  void testATrackWhoseTimesDoNotIncreaseIsRejectedNamingTheSamples() {
    List<TrackPoint> repeated = List.of(new TrackPoint(AOS, 10, 0),
        new TrackPoint(AOS.plusSeconds(1), 11, 1), new TrackPoint(AOS.plusSeconds(1), 12, 2));

    assertThatThrownBy(() -> planner.plan(repeated, rotator))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increase")
        .hasMessageContaining("sample 2")
        .hasMessageContaining("sample 1");
  }

  @Test
  void testANullSampleIsRejectedNamingItsIndex() {
    List<TrackPoint> holed = Arrays.asList(new TrackPoint(AOS, 10, 0), null);

    assertThatThrownBy(() -> planner.plan(holed, rotator))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("track sample 1 is null");
  }

  @Test
  void testImpossibleSamplesAreRejected() {
    assertThatThrownBy(() -> new TrackPoint(AOS, 10, 91))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("elevation");
    assertThatThrownBy(() -> new TrackPoint(AOS, Double.NaN, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("azimuth");
    assertThatThrownBy(() -> new TrackPoint(null, 10, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("time");
  }

  @Test
  void testImpossibleRotatorsAreRejected() {
    assertThatThrownBy(() -> Rotator.of(360, 0, 0, 90))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("azimuthMin < azimuthMax");
    assertThatThrownBy(() -> Rotator.of(0, 360, 0, 190))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("elevationMax <= 180");
    assertThatThrownBy(() -> rotator.withSlewRates(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slew rates must be positive");
    assertThatThrownBy(() -> rotator.withPark(new RotatorPosition(400, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("park position");
  }

  @Test
  void testANonPositiveToleranceAndMissingArgumentsAreRejected() {
    List<TrackPoint> track = List.of(new TrackPoint(AOS, 10, 0));

    assertThatThrownBy(() -> new RotatorPlanner(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pointing tolerance");
    assertThatThrownBy(() -> planner.plan(null, rotator))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("track");
    assertThatThrownBy(() -> planner.plan(track, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rotator");
    assertThatThrownBy(() -> planner.plan(track, rotator, null, AOS))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("current");
  }
}
