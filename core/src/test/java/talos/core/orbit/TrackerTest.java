package talos.core.orbit;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static talos.core.orbit.OrbitFixtures.BERLIN;
import static talos.core.orbit.OrbitFixtures.CONTEXT;
import static talos.core.orbit.OrbitFixtures.DAY;
import static talos.core.orbit.OrbitFixtures.ISS;
import static talos.core.orbit.OrbitFixtures.tle;

/**
 * Verifies what the tracker derives beyond the geometry that the reference test checks: Doppler
 * shifts, the footprint, sunlight, the horizon mask and the shipped time data.
 */
class TrackerTest {

  @Test
  void testDownlinkIsHeardLowWhileTheSatelliteRecedesAndUplinkIsSentHigh() {
    Look receding = new Look(DAY, 0, 10, 1_000_000, 7_000, 0, 0, 400_000, 2_000_000, true);
    Look approaching = new Look(DAY, 0, 10, 1_000_000, -7_000, 0, 0, 400_000, 2_000_000, true);

    assertThat(receding.downlink(437.8e6)).isCloseTo(437.8e6 - 10_222, within(1.0));
    assertThat(approaching.downlink(437.8e6)).isCloseTo(437.8e6 + 10_222, within(1.0));
    assertThat(receding.uplink(145.9e6)).isCloseTo(145.9e6 + 3_407, within(1.0));
    assertThat(receding.downlink(receding.uplink(145.9e6))).isCloseTo(145.9e6, within(1e-6));
  }

  @Test
  void testTheFootprintGrowsWithAltitudeAndDopplerFollowsTheRangeRate() {
    Tracker tracker = new Tracker(CONTEXT, tle(ISS), BERLIN);

    Look look = tracker.look(DAY.plus(Duration.ofHours(6)));

    // a 420 km orbit sees the ground out to about 2,250 km
    assertThat(look.footprintRadius()).isBetween(2_150_000.0, 2_350_000.0);
    assertThat(look.altitude()).isBetween(400_000.0, 440_000.0);
    assertThat(look.downlink(1e9) - 1e9).isCloseTo(-look.rangeRate() / Look.SPEED_OF_LIGHT * 1e9, within(1.0));
  }

  @Test
  void testTheIssSpendsPartOfEachOrbitInTheEarthsShadow() {
    Tracker tracker = new Tracker(CONTEXT, tle(ISS), BERLIN);
    int sunlit = 0;
    int samples = 0;
    for (Instant t = DAY; t.isBefore(DAY.plus(Duration.ofMinutes(93))); t = t.plusSeconds(30)) {
      samples++;
      sunlit += tracker.look(t).sunlit() ? 1 : 0;
    }

    // near the March equinox the ISS is in shadow for about 35 minutes of its 93-minute orbit
    assertThat((double) sunlit / samples).isBetween(0.55, 0.75);
  }

  @Test
  void testTheSunIsAtTheEquinoxAndSolsticeDirections() {
    Vector3D equinox = SunDirection.at(CONTEXT.date(Instant.parse("2026-03-20T14:46:00Z")), CONTEXT.utc());
    Vector3D solstice = SunDirection.at(CONTEXT.date(Instant.parse("2026-06-21T08:24:00Z")), CONTEXT.utc());

    assertThat(Math.toDegrees(Vector3D.angle(equinox, Vector3D.PLUS_I))).isLessThan(0.05);
    assertThat(Math.toDegrees(Math.asin(solstice.getZ()))).isCloseTo(23.44, within(0.05));
  }

  @Test
  void testAPointBehindTheEarthIsShadowedAndBesideItIsLit() {
    Vector3D sun = Vector3D.PLUS_I;
    double radius = 6_378_137;

    assertThat(SunDirection.sunlit(new Vector3D(-7_000_000, 0, 0), sun, radius)).isFalse();
    assertThat(SunDirection.sunlit(new Vector3D(-7_000_000, 6_500_000, 0), sun, radius)).isTrue();
    assertThat(SunDirection.sunlit(new Vector3D(7_000_000, 0, 0), sun, radius)).isTrue();
  }

  @Test
  void testTheHorizonMaskIsInterpolatedAroundNorth() {
    Site site = new Site(0, 0, 0, List.of(new Site.MaskPoint(350, 10), new Site.MaskPoint(10, 30),
        new Site.MaskPoint(180, 0)));

    assertThat(site.maskElevation(0)).isCloseTo(20, within(1e-9));
    assertThat(site.maskElevation(355)).isCloseTo(15, within(1e-9));
    assertThat(site.maskElevation(10)).isCloseTo(30, within(1e-9));
    assertThat(site.maskElevation(95)).isCloseTo(15, within(1e-9));
    assertThat(Site.at(1, 2, 3).maskElevation(123)).isZero();
    assertThatThrownBy(() -> Site.at(91, 0, 0)).hasMessage("latitude 91.0° is outside [-90°, 90°]");
  }

  @Test
  void testTheShippedLeapSecondTableGivesTodaysOffset() {
    assertThat(CONTEXT.utc().offsetFromTAI(CONTEXT.date(DAY)).toDouble()).isEqualTo(-37.0);
    assertThat(CONTEXT.instant(CONTEXT.date(Instant.parse("2026-03-19T12:34:56.123456789Z"))))
        .isCloseTo(Instant.parse("2026-03-19T12:34:56.123456789Z"), within(Duration.ofNanos(1_000)));
    assertThat(CONTEXT.usesOrekitDataFolder()).isFalse();
  }
}
