package talos.core.orbit.rotator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pass tracks built from simple geometry, and the checks every rotator path must pass. */
final class SyntheticPasses {

  static final Instant AOS = Instant.parse("2026-03-19T10:00:00Z");

  private SyntheticPasses() {
  }

  /**
   * A pass sampled once a second for {@code seconds} seconds whose azimuth turns steadily by
   * {@code sweep} degrees (clockwise when positive) from {@code fromAzimuth}, and whose elevation
   * rises from 0 to {@code maxElevation} halfway and sets again, minus {@code belowHorizon}.
   */
  static List<TrackPoint> sweep(double fromAzimuth, double sweep, double maxElevation,
                                int seconds, double belowHorizon) {
    List<TrackPoint> track = new ArrayList<>();
    for (int i = 0; i <= seconds; i++) {
      double azimuth = ((fromAzimuth + sweep * i / seconds) % 360 + 360) % 360;
      double elevation = maxElevation * Math.sin(Math.PI * i / seconds) - belowHorizon;
      track.add(new TrackPoint(AOS.plusSeconds(i), azimuth, elevation));
    }
    return track;
  }

  /** {@link #sweep} with the elevation never below the horizon. */
  static List<TrackPoint> sweep(double fromAzimuth, double sweep, double maxElevation,
                                int seconds) {
    return sweep(fromAzimuth, sweep, maxElevation, seconds, 0);
  }

  /**
   * A pass along a great circle of the sky, one sample per second, moving one degree of arc per
   * second from horizon to horizon (181 samples). It culminates at {@code maxElevation} towards
   * {@code culminationAzimuth} at AOS + 90 s, rising at {@code culminationAzimuth - 90} and
   * setting at {@code culminationAzimuth + 90}. With a maximum elevation near 90° it passes next
   * to the zenith, where its azimuth swings by almost 180° within seconds.
   */
  static List<TrackPoint> greatCircle(double culminationAzimuth, double maxElevation) {
    double az = Math.toRadians(culminationAzimuth);
    double top = Math.toRadians(maxElevation);
    double[] culmination = {Math.sin(az) * Math.cos(top), Math.cos(az) * Math.cos(top),
        Math.sin(top)};
    double[] heading = {Math.sin(az + Math.PI / 2), Math.cos(az + Math.PI / 2), 0};
    List<TrackPoint> track = new ArrayList<>();
    for (int second = 0; second <= 180; second++) {
      double angle = Math.toRadians(second - 90);
      double east = Math.cos(angle) * culmination[0] + Math.sin(angle) * heading[0];
      double north = Math.cos(angle) * culmination[1] + Math.sin(angle) * heading[1];
      double up = Math.max(0, Math.cos(angle) * culmination[2]);
      double azimuth = (Math.toDegrees(Math.atan2(east, north)) + 360) % 360;
      double elevation = Math.toDegrees(Math.asin(Math.min(1, up)));
      track.add(new TrackPoint(AOS.plusSeconds(second), azimuth, elevation));
    }
    return track;
  }

  /** Every commanded point lies within the rotator's travel. */
  static void assertWithinTravel(RotatorPath path, Rotator rotator) {
    assertThat(path.points()).allSatisfy(point -> {
      assertThat(point.azimuth()).isBetween(rotator.azimuthMin(), rotator.azimuthMax());
      assertThat(point.elevation()).isBetween(rotator.elevationMin(), rotator.elevationMax());
    });
  }

  /**
   * The path has one point per sample, at the sample's time, and no command moves an axis more
   * than the satellite moved between the same two samples: no jump from stop to stop.
   */
  static void assertContinuous(RotatorPath path, List<TrackPoint> track) {
    assertThat(path.points()).hasSameSizeAs(track);
    for (int i = 0; i < track.size(); i++) {
      assertThat(path.points().get(i).time()).isEqualTo(track.get(i).time());
    }
    for (int i = 1; i < track.size(); i++) {
      double satelliteAzimuth = Math.abs(Angles.wrap(track.get(i).azimuth()
          - track.get(i - 1).azimuth()));
      double satelliteElevation =
          Math.abs(track.get(i).elevation() - track.get(i - 1).elevation());
      CommandedPoint before = path.points().get(i - 1);
      CommandedPoint after = path.points().get(i);
      assertThat(Math.abs(after.azimuth() - before.azimuth()))
          .as("azimuth step into sample %d", i).isLessThanOrEqualTo(satelliteAzimuth + 1e-9);
      assertThat(Math.abs(after.elevation() - before.elevation()))
          .as("elevation step into sample %d", i).isLessThanOrEqualTo(satelliteElevation + 1e-9);
    }
  }

  /** No command moves an axis faster than the rotator's slew rate. */
  static void assertWithinSlewRates(RotatorPath path, Rotator rotator) {
    for (int i = 1; i < path.points().size(); i++) {
      CommandedPoint before = path.points().get(i - 1);
      CommandedPoint after = path.points().get(i);
      double seconds = (after.time().toEpochMilli() - before.time().toEpochMilli()) / 1000.0;
      assertThat(Math.abs(after.azimuth() - before.azimuth()) / seconds)
          .isLessThanOrEqualTo(rotator.azimuthRate() + 1e-9);
      assertThat(Math.abs(after.elevation() - before.elevation()) / seconds)
          .isLessThanOrEqualTo(rotator.elevationRate() + 1e-9);
    }
  }
}
