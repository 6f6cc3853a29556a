package talos.core.orbit.rotator;

import java.time.Instant;
import java.util.Objects;

/**
 * One sample of a pass track: where the satellite is seen from the station at one instant.
 *
 * @param time the instant of the sample
 * @param azimuth degrees clockwise from north; any finite value, read modulo 360
 * @param elevation degrees above the horizon, within [-90, 90]
 */
public record TrackPoint(Instant time, double azimuth, double elevation) {

  /**
   * @throws NullPointerException if {@code time} is null
   * @throws IllegalArgumentException if the azimuth is not finite or the elevation is outside
   *     [-90, 90]
   */
  public TrackPoint {
    Objects.requireNonNull(time, "time");
    if (!Double.isFinite(azimuth)) {
      throw new IllegalArgumentException("track azimuth must be finite, got " + azimuth);
    }
    if (!(elevation >= -90 && elevation <= 90)) {
      throw new IllegalArgumentException(
          "track elevation must be within [-90°, 90°], got " + elevation + "° at " + time);
    }
  }
}
