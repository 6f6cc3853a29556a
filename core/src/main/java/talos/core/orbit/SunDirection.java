package talos.core.orbit;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;

/**
 * The direction of the Sun from the Earth's centre, in the true-of-date equatorial frame (close
 * enough to TEME for shadow tests), from the low-precision formula of the Astronomical Almanac:
 * about 0.01° accurate from 1950 to 2050 and needing no ephemeris file.
 */
final class SunDirection {

  private static final double J2000_JULIAN_DATE = 2451545.0;
  private static final double JULIAN_DATE_OF_MODIFIED_ZERO = 2400000.5;

  private SunDirection() {
  }

  static Vector3D at(AbsoluteDate date, TimeScale utc) {
    double julianDate = date.getComponents(utc).getDate().getMJD() + JULIAN_DATE_OF_MODIFIED_ZERO
        + date.getComponents(utc).getTime().getSecondsInUTCDay() / 86400.0;
    double n = julianDate - J2000_JULIAN_DATE;
    double meanLongitude = Math.toRadians(280.460 + 0.9856474 * n);
    double meanAnomaly = Math.toRadians(357.528 + 0.9856003 * n);
    double eclipticLongitude = meanLongitude + Math.toRadians(1.915 * Math.sin(meanAnomaly)
        + 0.020 * Math.sin(2 * meanAnomaly));
    double obliquity = Math.toRadians(23.439 - 0.0000004 * n);
    return new Vector3D(
        Math.cos(eclipticLongitude),
        Math.cos(obliquity) * Math.sin(eclipticLongitude),
        Math.sin(obliquity) * Math.sin(eclipticLongitude));
  }

  /**
   * Whether a satellite at {@code position} (metres, Earth-centred) is in sunlight, taking the Earth's
   * shadow as a cylinder of the equatorial radius along the Sun direction (penumbra ignored).
   */
  static boolean sunlit(Vector3D position, Vector3D sun, double earthRadius) {
    double along = position.dotProduct(sun);
    if (along >= 0) {
      return true;
    }
    return position.subtract(sun.scalarMultiply(along)).getNorm() > earthRadius;
  }
}
