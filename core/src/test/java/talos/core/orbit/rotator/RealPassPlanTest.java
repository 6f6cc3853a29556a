package talos.core.orbit.rotator;

import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.catalog.TleParser;
import talos.core.orbit.Look;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies rotator plans for real passes of a polar weather satellite over Berlin on 2026-03-19:
 * passes that cross north are followed by overlap or flip without touching a stop, every command
 * stays inside the travel and within the slew rates, the antenna stays on the satellite, and a
 * rotator that can neither overlap far enough nor flip waits at the stop and says so.
 */
class RealPassPlanTest {

  private static final OrbitContext CONTEXT = OrbitContext.offline();
  private static final Site BERLIN = Site.at(52.52, 13.405, 34);
  private static final Instant DAY = Instant.parse("2026-03-19T00:00:00Z");
  private static final int NOAA_20 = 43013;

  @Test
  void testNorthCrossingPassesUseTheOverlapOrFlipAndStayOnTheSatellite() throws IOException {
    TLE elements = elements(NOAA_20);
    Tracker tracker = new Tracker(CONTEXT, elements, BERLIN);
    Rotator rotator = Rotator.of(0, 450, 0, 180).withSlewRates(6, 3);
    int northCrossings = 0;

    for (Pass pass : new PassPredictor(CONTEXT).passes(elements, BERLIN, 0, DAY, DAY.plus(Duration.ofDays(1)))) {
      List<TrackPoint> track = new ArrayList<>();
      for (Instant t = pass.aos(); t.isBefore(pass.los()); t = t.plusSeconds(1)) {
        Look look = tracker.look(t);
        track.add(new TrackPoint(t, look.azimuth(), Math.max(0, look.elevation())));
      }
      RotatorPath path = new RotatorPlanner().plan(track, rotator);
      if (crossesNorth(track)) {
        northCrossings++;
        assertThat(path.mode()).as("pass at %s", pass.aos()).isIn(RotatorMode.OVERLAP, RotatorMode.FLIP);
      }

      assertThat(path.warnings()).as("warnings of the pass at %s", pass.aos()).isEmpty();
      assertThat(path.maxPointingError()).isLessThan(RotatorPlanner.DEFAULT_POINTING_TOLERANCE);
      assertFollowable(path, rotator);
    }
    assertThat(northCrossings).as("passes crossing north").isPositive();
  }

  @Test
  void testWithoutFlipAPassThatFitsNoTurnWaitsAtTheStopAndSaysWhen() throws IOException {
    TLE elements = elements(NOAA_20);
    Tracker tracker = new Tracker(CONTEXT, elements, BERLIN);
    Rotator overlapOnly = Rotator.of(0, 450, 0, 90).withSlewRates(6, 3);

    for (Pass pass : new PassPredictor(CONTEXT).passes(elements, BERLIN, 0, DAY, DAY.plus(Duration.ofDays(1)))) {
      List<TrackPoint> track = new ArrayList<>();
      for (Instant t = pass.aos(); t.isBefore(pass.los()); t = t.plusSeconds(1)) {
        Look look = tracker.look(t);
        track.add(new TrackPoint(t, look.azimuth(), Math.max(0, look.elevation())));
      }
      RotatorPath path = new RotatorPlanner().plan(track, overlapOnly);

      assertFollowable(path, overlapOnly);
      path.warnings().forEach(warning -> {
        assertThat(warning.kind()).isEqualTo(RotatorWarning.Kind.AZIMUTH_LIMIT);
        assertThat(warning.message()).contains("cannot flip");
      });
    }
  }

  private static void assertFollowable(RotatorPath path, Rotator rotator) {
    for (int i = 0; i < path.points().size(); i++) {
      CommandedPoint point = path.points().get(i);
      assertThat(point.azimuth()).isBetween(rotator.azimuthMin(), rotator.azimuthMax());
      assertThat(point.elevation()).isBetween(rotator.elevationMin(), rotator.elevationMax());
      if (i > 0) {
        // one-second samples: no step beyond the slew rate, so no swing across a stop
        assertThat(Math.abs(point.azimuth() - path.points().get(i - 1).azimuth()))
            .isLessThanOrEqualTo(rotator.azimuthRate() + 1e-9);
      }
    }
  }

  private static boolean crossesNorth(List<TrackPoint> track) {
    for (int i = 1; i < track.size(); i++) {
      if (Math.abs(track.get(i).azimuth() - track.get(i - 1).azimuth()) > 180) {
        return true;
      }
    }
    return false;
  }

  private static TLE elements(int noradId) throws IOException {
    try (InputStream in = RealPassPlanTest.class.getClassLoader()
        .getResourceAsStream("catalog/active-2026-03-19.tle")) {
      return TleParser.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).accepted().stream()
          .filter(set -> set.noradId() == noradId)
          .map(set -> new TLE(set.line1(), set.line2(), CONTEXT.utc()))
          .findFirst().orElseThrow();
    }
  }
}
