package talos.core.orbit.rotator;

/**
 * Where a rotator points, in its own coordinates.
 *
 * @param azimuth degrees, as the rotator counts them (may be negative or past 360)
 * @param elevation degrees (past 90 on a rotator that flips)
 */
public record RotatorPosition(double azimuth, double elevation) {

  /** @throws IllegalArgumentException if an angle is not finite */
  public RotatorPosition {
    if (!Double.isFinite(azimuth) || !Double.isFinite(elevation)) {
      throw new IllegalArgumentException(
          "rotator position must be finite, got (" + azimuth + ", " + elevation + ")");
    }
  }
}
