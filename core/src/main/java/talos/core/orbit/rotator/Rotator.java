package talos.core.orbit.rotator;

import java.util.Objects;

/**
 * What an azimuth/elevation rotator can do: its mechanical travel on each axis, how fast each axis
 * turns, and where it rests between passes. Angles are in the rotator's own coordinates, in
 * degrees: an azimuth travel of 0..450 has 90° of overlap past north, -180..180 is centred on
 * north, and an elevation travel of 0..180 lets the rotator flip (point at compass azimuth
 * {@code az} as azimuth {@code az ± 180} with elevation {@code 180 - el}).
 *
 * @param azimuthMin lowest azimuth the rotator turns to
 * @param azimuthMax highest azimuth the rotator turns to, greater than {@code azimuthMin}
 * @param elevationMin lowest elevation, at least -90
 * @param elevationMax highest elevation, greater than {@code elevationMin} and at most 180
 * @param azimuthRate azimuth slew rate in degrees per second, positive;
 *     {@link #UNLIMITED_RATE} when the rotator can follow any track
 * @param elevationRate elevation slew rate in degrees per second, positive;
 *     {@link #UNLIMITED_RATE} when the rotator can follow any track
 * @param park where the rotator rests; plans start from there when its position is not given
 */
public record Rotator(double azimuthMin, double azimuthMax, double elevationMin,
                      double elevationMax, double azimuthRate, double elevationRate,
                      RotatorPosition park) {

  /** The slew rate of an axis assumed to follow any track. */
  public static final double UNLIMITED_RATE = Double.POSITIVE_INFINITY;

  /**
   * @throws NullPointerException if {@code park} is null
   * @throws IllegalArgumentException if a travel is empty or not finite, the elevation travel
   *     leaves [-90, 180], a rate is not positive, or the park position is outside the travel
   */
  public Rotator {
    if (!Double.isFinite(azimuthMin) || !Double.isFinite(azimuthMax) || azimuthMin >= azimuthMax) {
      throw new IllegalArgumentException("azimuth travel must be finite with azimuthMin < "
          + "azimuthMax, got " + azimuthMin + "°.." + azimuthMax + "°");
    }
    if (!(elevationMin >= -90 && elevationMin < elevationMax && elevationMax <= 180)) {
      throw new IllegalArgumentException("elevation travel must satisfy -90 <= elevationMin < "
          + "elevationMax <= 180, got " + elevationMin + "°.." + elevationMax + "°");
    }
    if (!(azimuthRate > 0) || !(elevationRate > 0)) {
      throw new IllegalArgumentException("slew rates must be positive degrees per second, got "
          + "azimuth " + azimuthRate + ", elevation " + elevationRate);
    }
    Objects.requireNonNull(park, "park");
    if (park.azimuth() < azimuthMin || park.azimuth() > azimuthMax
        || park.elevation() < elevationMin || park.elevation() > elevationMax) {
      throw new IllegalArgumentException("park position (" + park.azimuth() + "°, "
          + park.elevation() + "°) is outside the travel " + azimuthMin + "°.." + azimuthMax
          + "° by " + elevationMin + "°.." + elevationMax + "°");
    }
  }

  /**
   * A rotator with the given travel that can follow any track and parks at the centre of its
   * azimuth travel, at its lowest elevation.
   *
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static Rotator of(double azimuthMin, double azimuthMax, double elevationMin,
                           double elevationMax) {
    RotatorPosition centre = new RotatorPosition((azimuthMin + azimuthMax) / 2, elevationMin);
    return new Rotator(azimuthMin, azimuthMax, elevationMin, elevationMax, UNLIMITED_RATE,
        UNLIMITED_RATE, centre);
  }

  /**
   * This rotator with the given slew rates, in degrees per second.
   *
   * @throws IllegalArgumentException if a rate is not positive
   */
  public Rotator withSlewRates(double azimuthRate, double elevationRate) {
    return new Rotator(azimuthMin, azimuthMax, elevationMin, elevationMax, azimuthRate,
        elevationRate, park);
  }

  /**
   * This rotator parked at {@code park}.
   *
   * @throws IllegalArgumentException if {@code park} is outside the travel
   */
  public Rotator withPark(RotatorPosition park) {
    return new Rotator(azimuthMin, azimuthMax, elevationMin, elevationMax, azimuthRate,
        elevationRate, park);
  }
}
