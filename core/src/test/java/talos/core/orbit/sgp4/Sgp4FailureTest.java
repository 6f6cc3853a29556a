package talos.core.orbit.sgp4;

import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.orbit.sgp4.Sgp4Fixtures.CONTEXT;

/** Element sets the model cannot follow give false and a reason, never an exception. */
class Sgp4FailureTest {

  /** A low orbit with an enormous drag term (B* = 0.5): it decays within hours. */
  static final String HIGH_DRAG_1 =
      "1 99999U 26001A   26078.50000000  .10000000  00000+0  50000-1 0  9990";
  static final String HIGH_DRAG_2 =
      "2 99999  51.6000 100.0000 0005000  90.0000 270.0000 16.20000000 00010";
  /** A mean motion of zero. */
  static final String STILL_1 =
      "1 99998U 26001B   26078.50000000  .00000000  00000+0  00000+0 0  9990";
  static final String STILL_2 =
      "2 99998  51.6000 100.0000 0005000  90.0000 270.0000  0.00000000 00010";
  /** A 12-hour orbit of eccentricity 0.99 (deep space): its perigee is inside the Earth. */
  static final String GRAZING_1 =
      "1 99997U 26001C   26078.50000000  .00000000  00000+0  10000-3 0  9990";
  static final String GRAZING_2 =
      "2 99997  63.4000 100.0000 9900000 270.0000   0.0000  2.00600000 00010";
  /** A 2-hour orbit of eccentricity 0.99 (near Earth), which drag soon makes hyperbolic. */
  static final String PLUNGING_1 =
      "1 99996U 26001D   26078.50000000  .00000000  00000+0  10000-3 0  9990";
  static final String PLUNGING_2 =
      "2 99996  63.4000 100.0000 9900000 270.0000   0.0000 12.00000000 00010";

  @Test
  void testAHighDragSetPropagatesUntilItsOrbitDegeneratesThenFailsWithoutThrowing() {
    Sgp4 model = new Sgp4(new TLE(HIGH_DRAG_1, HIGH_DRAG_2, CONTEXT.utc()));
    double[] state = new double[6];

    assertThat(model.propagate(60, state)).isTrue();
    assertThat(model.propagate(720, state)).isFalse();
    assertThat(model.propagateWithStatus(720, state))
        .isEqualTo(Sgp4Status.MEAN_ECCENTRICITY_OUT_OF_RANGE);
    assertThat(model.propagateWithStatus(14_400, state))
        .isEqualTo(Sgp4Status.MEAN_ECCENTRICITY_OUT_OF_RANGE);
  }

  @Test
  void testAFailedPropagationFillsTheStateWithNaN() {
    Sgp4 model = new Sgp4(new TLE(HIGH_DRAG_1, HIGH_DRAG_2, CONTEXT.utc()));
    double[] state = {1, 2, 3, 4, 5, 6};

    model.propagate(720, state);

    assertThat(state).containsOnly(Double.NaN);
  }

  @Test
  void testARealStarlinkReentryIsReportedWhereOrekitPutsItUnderground() {
    Sgp4 model = new Sgp4(Sgp4Fixtures.named("STARLINK-30559").tle());
    double minutes = model.minutesSinceEpoch(CONTEXT.date(Instant.parse("2026-03-22T12:00:00Z")));

    assertThat(model.propagateWithStatus(minutes, new double[6]))
        .isEqualTo(Sgp4Status.MEAN_ECCENTRICITY_OUT_OF_RANGE);
  }

  @Test
  void testAZeroMeanMotionFailsAtEveryTime() {
    Sgp4 model = new Sgp4(new TLE(STILL_1, STILL_2, CONTEXT.utc()));
    double[] state = new double[6];

    assertThat(model.propagateWithStatus(0, state)).isEqualTo(Sgp4Status.MEAN_MOTION_NOT_POSITIVE);
    assertThat(model.propagateWithStatus(1440, state))
        .isEqualTo(Sgp4Status.MEAN_MOTION_NOT_POSITIVE);
  }

  @Test
  void testAnEccentricityOutsideTheEllipseRangeFailsAtEveryTime() {
    TLE valid = new TLE(HIGH_DRAG_1, HIGH_DRAG_2, CONTEXT.utc());
    TLE hyperbolic = new TLE(valid.getSatelliteNumber(), 'U', 2026, 1, "A", 0, 1, valid.getDate(),
        valid.getMeanMotion(), 0, 0, 1.2, valid.getI(), valid.getPerigeeArgument(),
        valid.getRaan(), valid.getMeanAnomaly(), 1, 0, CONTEXT.utc());
    Sgp4 model = new Sgp4(hyperbolic);

    assertThat(model.propagateWithStatus(0, new double[6]))
        .isEqualTo(Sgp4Status.ECCENTRICITY_INVALID);
  }

  @Test
  void testAPerigeeInsideTheEarthIsReportedAsDecayedAtPerigeeOnly() {
    Sgp4 model = new Sgp4(new TLE(GRAZING_1, GRAZING_2, CONTEXT.utc()));
    double[] state = new double[6];

    assertThat(model.isDeepSpace()).isTrue();
    assertThat(model.propagateWithStatus(0, state)).isEqualTo(Sgp4Status.DECAYED);
    assertThat(model.propagateWithStatus(60, state)).isEqualTo(Sgp4Status.OK);
  }

  @Test
  void testAnOrbitThatStopsBeingAnEllipseIsReportedAsSuch() {
    Sgp4 model = new Sgp4(new TLE(PLUNGING_1, PLUNGING_2, CONTEXT.utc()));

    assertThat(model.isDeepSpace()).isFalse();
    assertThat(model.propagateWithStatus(5760, new double[6]))
        .isEqualTo(Sgp4Status.SEMI_LATUS_RECTUM_NEGATIVE);
  }

  @Test
  void testANonFiniteTimeIsRefused() {
    Sgp4 model = new Sgp4(Sgp4Fixtures.named("ISS (ZARYA)").tle());
    double[] state = new double[6];

    assertThat(model.propagateWithStatus(Double.NaN, state)).isEqualTo(Sgp4Status.TIME_NOT_FINITE);
    assertThat(model.propagateWithStatus(Double.POSITIVE_INFINITY, state))
        .isEqualTo(Sgp4Status.TIME_NOT_FINITE);
  }

  @Test
  void testEveryFailureExplainsItself() {
    for (Sgp4Status status : Sgp4Status.values()) {
      assertThat(status.description()).isNotBlank();
      assertThat(status.isOk()).isEqualTo(status == Sgp4Status.OK);
    }
  }
}
