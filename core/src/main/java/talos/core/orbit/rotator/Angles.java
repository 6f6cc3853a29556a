package talos.core.orbit.rotator;

/** Angle arithmetic in degrees shared by the rotator planner and the director. */
public final class Angles {

  private Angles() {
  }

  /** {@code degrees} brought into [0, 360). */
  static double normalize(double degrees) {
    double turned = degrees % 360;
    if (turned < 0) {
      turned += 360;
    }
    return turned >= 360 ? 0 : turned;
  }

  /** The difference {@code degrees} brought into (-180, 180]: the shorter way round. */
  static double wrap(double degrees) {
    double turned = normalize(degrees);
    return turned > 180 ? turned - 360 : turned;
  }

  /** {@code value} limited to [{@code low}, {@code high}]. */
  static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  /**
   * The angle in degrees, within [0, 180], between two pointing directions given as azimuth and
   * elevation, in a rotator's own coordinates: azimuths beyond [0, 360) are the same directions,
   * and elevations past 90 point beyond the zenith, as a flipped rotator does.
   */
  public static double separation(double azimuth1, double elevation1, double azimuth2,
                           double elevation2) {
    double[] a = direction(azimuth1, elevation1);
    double[] b = direction(azimuth2, elevation2);
    double crossX = a[1] * b[2] - a[2] * b[1];
    double crossY = a[2] * b[0] - a[0] * b[2];
    double crossZ = a[0] * b[1] - a[1] * b[0];
    double cross = Math.sqrt(crossX * crossX + crossY * crossY + crossZ * crossZ);
    double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    return Math.toDegrees(Math.atan2(cross, dot));
  }

  /** Unit vector (east, north, up) of a pointing direction. */
  private static double[] direction(double azimuth, double elevation) {
    double az = Math.toRadians(azimuth);
    double el = Math.toRadians(elevation);
    return new double[] {Math.cos(el) * Math.sin(az), Math.cos(el) * Math.cos(az), Math.sin(el)};
  }
}
