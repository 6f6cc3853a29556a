package talos.core.orbit;

import java.time.Instant;

/**
 * Where a satellite is at one instant, as seen from a site.
 *
 * @param azimuth degrees clockwise from north, [0, 360)
 * @param elevation degrees above the horizontal plane of the site
 * @param range metres from the site
 * @param rangeRate metres per second, positive while the satellite moves away
 * @param latitude sub-satellite point, degrees
 * @param longitude sub-satellite point, degrees, (-180, 180]
 * @param altitude metres above the WGS-84 ellipsoid
 * @param footprintRadius metres along the ground from the sub-satellite point to the satellite's horizon
 * @param sunlit whether the Sun shines on the satellite (cylindrical Earth shadow, analytic Sun)
 */
public record Look(Instant instant, double azimuth, double elevation, double range, double rangeRate,
                   double latitude, double longitude, double altitude, double footprintRadius,
                   boolean sunlit) {

  /** Speed of light in vacuum, m/s. */
  public static final double SPEED_OF_LIGHT = 299_792_458.0;

  /** The frequency (Hz) a station receives from a transmitter on {@code frequency} Hz. */
  public double downlink(double frequency) {
    return frequency * SPEED_OF_LIGHT / (SPEED_OF_LIGHT + rangeRate);
  }

  /** The frequency (Hz) a station must send for the satellite to receive {@code frequency} Hz. */
  public double uplink(double frequency) {
    return frequency * (SPEED_OF_LIGHT + rangeRate) / SPEED_OF_LIGHT;
  }
}
