package talos.core.orbit;

import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static talos.core.orbit.OrbitFixtures.BERLIN;
import static talos.core.orbit.OrbitFixtures.CONTEXT;
import static talos.core.orbit.OrbitFixtures.ISS;

/**
 * Verifies Magic Find over the whole catalogue: the satellite that really transmitted is found from
 * the Doppler-shifted frequency heard at a station, ranked first when the pointing is known, and
 * nothing below the horizon or off frequency is offered.
 */
class MagicFindTest {

  private static final double ISS_FM = 437_800_000;
  private static final Instant DURING_PASS = Instant.parse("2026-03-19T15:46:37Z");

  @Test
  void testTheTransmittingSatelliteIsFoundFromTheShiftedFrequencyAndPointing() {
    List<MagicFind.Candidate> candidates = candidates();
    Look iss = new Tracker(CONTEXT, OrbitFixtures.tle(ISS), BERLIN).look(DURING_PASS);
    double heard = iss.downlink(ISS_FM);

    List<MagicFind.Match> byFrequency = new MagicFind(CONTEXT).find(candidates,
        new MagicFind.Observation(BERLIN, DURING_PASS, heard, 2_000, Double.NaN, Double.NaN, 0), 2);
    List<MagicFind.Match> byBoth = new MagicFind(CONTEXT).find(candidates,
        new MagicFind.Observation(BERLIN, DURING_PASS, heard, 2_000, iss.azimuth(), iss.elevation(), 5), 2);

    assertThat(byFrequency).extracting(MagicFind.Match::noradId).contains(ISS);
    assertThat(byBoth.get(0).noradId()).isEqualTo(ISS);
    assertThat(byBoth.get(0).predictedFrequency()).isCloseTo(heard, within(1.0));
    assertThat(byBoth.get(0).pointingError()).isLessThan(0.01);
    assertThat(byBoth).allSatisfy(match -> {
      assertThat(match.elevation()).isPositive();
      assertThat(match.pointingError()).isLessThanOrEqualTo(5);
      assertThat(match.frequencyError()).isLessThanOrEqualTo(2_000);
    });
  }

  @Test
  void testTheUnshiftedFrequencyOfAnApproachingSatelliteIsOutsideATightTolerance() {
    Instant approaching = Instant.parse("2026-03-19T15:44:00Z");
    Look iss = new Tracker(CONTEXT, OrbitFixtures.tle(ISS), BERLIN).look(approaching);
    double shift = Math.abs(iss.downlink(ISS_FM) - ISS_FM);

    List<MagicFind.Match> matches = new MagicFind(CONTEXT).find(candidates(),
        new MagicFind.Observation(BERLIN, approaching, ISS_FM, shift / 4, Double.NaN, Double.NaN, 0), 2);

    assertThat(iss.elevation()).isPositive();
    assertThat(shift).isGreaterThan(1_000);
    assertThat(matches).extracting(MagicFind.Match::noradId).doesNotContain(ISS);
  }

  @Test
  void testTheArcBetweenDirectionsIsTheGreatCircleAngle() {
    assertThat(MagicFind.arc(0, 0, 90, 0)).isCloseTo(90, within(1e-9));
    assertThat(MagicFind.arc(10, 90, 250, 90)).isCloseTo(0, within(1e-6));
    assertThat(MagicFind.arc(359, 10, 1, 10)).isCloseTo(1.97, within(0.01));
  }

  /** The whole catalogue, every satellite given the ISS's FM downlink, so only geometry tells them apart. */
  static List<MagicFind.Candidate> candidates() {
    List<TLE> catalogue = OrbitFixtures.catalogue();
    List<MagicFind.Candidate> candidates = new ArrayList<>();
    for (TLE tle : catalogue) {
      candidates.add(new MagicFind.Candidate(tle.getSatelliteNumber(), "NORAD " + tle.getSatelliteNumber(),
          Ephemeris.sgp4(tle), List.of(new MagicFind.Downlink("fm", ISS_FM, Double.NaN, "FM"))));
    }
    return candidates;
  }
}
