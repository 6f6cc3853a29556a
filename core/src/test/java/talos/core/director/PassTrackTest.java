package talos.core.director;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.orbit.Look;
import talos.core.orbit.OrbitFixtures;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Tracker;
import talos.core.orbit.rotator.CommandedPoint;
import talos.core.orbit.rotator.Rotator;
import talos.core.orbit.rotator.RotatorPosition;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Setpoints along one real ISS pass over Berlin, as the director streams them. */
class PassTrackTest {

  private static final Rotator ROTATOR = Rotator.of(0, 450, 0, 180).withSlewRates(6, 6);
  private static final long DOWNLINK = 437_800_000L;
  private static final long UPLINK = 145_990_000L;

  private static Tracker tracker;
  private static Pass pass;
  private static PassTrack track;

  @BeforeAll
  static void computeAPass() {
    TLE iss = OrbitFixtures.tle(OrbitFixtures.ISS);
    List<Pass> passes = new PassPredictor(OrbitFixtures.CONTEXT).passes(iss, OrbitFixtures.BERLIN,
        10, OrbitFixtures.DAY, OrbitFixtures.DAY.plus(Duration.ofDays(1)));
    pass = passes.get(0);
    tracker = new Tracker(OrbitFixtures.CONTEXT, iss, OrbitFixtures.BERLIN);
    track = PassTrack.compute(tracker, pass, ROTATOR, new RotatorPosition(0, 90),
        pass.aos().minus(Duration.ofMinutes(5)));
  }

  /** Before AOS the rotator is held at the pre-position point: the first commanded direction. */
  @Test
  void holdsThePrePositionPointBeforeAos() {
    CommandedPoint first = track.path().prePosition();

    List<PointingSetpoints.Point> points = track.pointing(pass.aos().minusSeconds(30),
        Duration.ofSeconds(10), Duration.ofMillis(500));

    assertThat(points).hasSize(21).allSatisfy(point -> {
      assertThat(point.azimuth()).isEqualTo(first.azimuth());
      assertThat(point.elevation()).isEqualTo(first.elevation());
    });
  }

  /** During the pass the setpoints follow the satellite within the planner's pointing tolerance. */
  @Test
  void followsTheSatelliteDuringThePass() {
    Instant middle = pass.tca().minusSeconds(60);

    for (PointingSetpoints.Point point : track.pointing(middle, Duration.ofSeconds(10),
        Duration.ofMillis(500))) {
      Look look = tracker.look(point.time());
      double azimuthError = Math.abs(((point.azimuth() - look.azimuth()) % 360 + 540) % 360 - 180);
      assertThat(azimuthError * Math.cos(Math.toRadians(look.elevation())))
          .isLessThan(1.0);
      assertThat(point.elevation()).isCloseTo(look.elevation(), within(1.0));
    }
  }

  /** Points are time-tagged at the given spacing and never reach past LOS. */
  @Test
  void stopsTheWindowAtLos() {
    List<PointingSetpoints.Point> points = track.pointing(pass.los().minusSeconds(2),
        Duration.ofSeconds(10), Duration.ofMillis(500));

    assertThat(points).hasSize(5);
    assertThat(points.get(points.size() - 1).time()).isEqualTo(pass.los());
    assertThat(points.get(1).time()).isEqualTo(points.get(0).time().plusMillis(500));
  }

  /** The downlink is heard high while the satellite approaches and low as it recedes. */
  @Test
  void correctsFrequenciesForDoppler() {
    RadioSetpoints.Point approaching = track.radio(pass.aos().plusSeconds(30), Duration.ZERO,
        Duration.ofSeconds(1), DOWNLINK, UPLINK).get(0);
    RadioSetpoints.Point receding = track.radio(pass.los().minusSeconds(30), Duration.ZERO,
        Duration.ofSeconds(1), DOWNLINK, UPLINK).get(0);

    assertThat(approaching.downlinkHz()).isGreaterThan(DOWNLINK + 5_000);
    assertThat(approaching.uplinkHz()).isLessThan(UPLINK - 1_000);
    assertThat(receding.downlinkHz()).isLessThan(DOWNLINK - 5_000);
    assertThat(receding.uplinkHz()).isGreaterThan(UPLINK + 1_000);
    Look look = tracker.look(pass.aos().plusSeconds(30));
    assertThat((double) approaching.downlinkHz()).isCloseTo(look.downlink(DOWNLINK), within(20.0));
  }

  /** A receive-only transmitter gets no uplink. */
  @Test
  void leavesTheUplinkOutForReceiveOnly() {
    assertThat(track.radio(pass.tca(), Duration.ofSeconds(2), Duration.ofSeconds(1), DOWNLINK, null))
        .hasSize(3).allSatisfy(point -> assertThat(point.uplinkHz()).isNull());
  }
}
