package talos.core.orbit.rotator;

import java.time.Instant;

/**
 * One command for the rotator: where it must point at an instant, in its own coordinates.
 *
 * @param time the instant, the time of the matching track sample
 * @param azimuth degrees, within the rotator's azimuth travel
 * @param elevation degrees, within the rotator's elevation travel
 */
public record CommandedPoint(Instant time, double azimuth, double elevation) {

  /** The commanded azimuth and elevation, without the time. */
  public RotatorPosition position() {
    return new RotatorPosition(azimuth, elevation);
  }
}
