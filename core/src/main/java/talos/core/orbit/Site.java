package talos.core.orbit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A place satellites are seen from: geodetic position on WGS-84 and the lowest usable elevation in
 * each direction. The horizon mask is a list of points (azimuth, minimum elevation) in degrees,
 * interpolated linearly between points and around north; an empty mask is a flat horizon.
 *
 * @param latitude degrees, north positive
 * @param longitude degrees, east positive
 * @param altitude metres above the ellipsoid
 */
public record Site(double latitude, double longitude, double altitude, List<MaskPoint> horizonMask) {

  /** One point of a horizon mask, in degrees. */
  public record MaskPoint(double azimuth, double elevation) {
  }

  public Site {
    if (latitude < -90 || latitude > 90) {
      throw new IllegalArgumentException("latitude " + latitude + "° is outside [-90°, 90°]");
    }
    if (longitude < -180 || longitude > 180) {
      throw new IllegalArgumentException("longitude " + longitude + "° is outside [-180°, 180°]");
    }
    List<MaskPoint> sorted = new ArrayList<>(horizonMask);
    sorted.sort(Comparator.comparingDouble(MaskPoint::azimuth));
    horizonMask = List.copyOf(sorted);
  }

  /** A site with a flat horizon. */
  public static Site at(double latitude, double longitude, double altitude) {
    return new Site(latitude, longitude, altitude, List.of());
  }

  /** The lowest usable elevation towards {@code azimuth} (degrees), from the horizon mask. */
  public double maskElevation(double azimuth) {
    if (horizonMask.isEmpty()) {
      return 0;
    }
    if (horizonMask.size() == 1) {
      return horizonMask.get(0).elevation();
    }
    double az = ((azimuth % 360) + 360) % 360;
    MaskPoint before = horizonMask.get(horizonMask.size() - 1);
    double beforeAz = before.azimuth() - 360;
    for (MaskPoint point : horizonMask) {
      if (point.azimuth() >= az) {
        return interpolate(beforeAz, before.elevation(), point.azimuth(), point.elevation(), az);
      }
      before = point;
      beforeAz = point.azimuth();
    }
    MaskPoint first = horizonMask.get(0);
    return interpolate(beforeAz, before.elevation(), first.azimuth() + 360, first.elevation(), az);
  }

  private static double interpolate(double az0, double el0, double az1, double el1, double az) {
    return az1 == az0 ? Math.max(el0, el1) : el0 + (el1 - el0) * (az - az0) / (az1 - az0);
  }
}
