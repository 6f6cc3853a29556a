package talos.core.director;

/**
 * How far the antenna was off its commanded direction over a pass, from the rotator's measured
 * position in telemetry: root mean square, maximum and the number of samples. Confined to the
 * thread that drives the session.
 */
final class TrackingError {

  private double sumOfSquares;
  private double max;
  private int samples;
  private boolean changed;

  /** An accumulator that goes on from what an earlier driver recorded. */
  static TrackingError resumed(Double rms, Double max, int samples) {
    TrackingError error = new TrackingError();
    if (rms != null && samples > 0) {
      error.sumOfSquares = rms * rms * samples;
      error.samples = samples;
      error.max = max == null ? 0 : max;
    }
    return error;
  }

  /** Adds one sample: the angle in degrees between the commanded and the measured direction. */
  void add(double degrees) {
    sumOfSquares += degrees * degrees;
    max = Math.max(max, degrees);
    samples++;
    changed = true;
  }

  /** The root mean square in degrees, or {@code null} without samples. */
  Double rms() {
    return samples == 0 ? null : Math.sqrt(sumOfSquares / samples);
  }

  /** The largest angle in degrees, or {@code null} without samples. */
  Double max() {
    return samples == 0 ? null : max;
  }

  int samples() {
    return samples;
  }

  /** Whether samples came in since the last call, which resets it. */
  boolean takeChanged() {
    boolean was = changed;
    changed = false;
    return was;
  }

  /**
   * The great-circle angle in degrees between two antenna directions given in a rotator's own
   * coordinates: azimuths beyond 360° (or below 0°) are brought into [0°, 360°), and elevations
   * past 90° (a flipped rotator) are folded back over the zenith, before the angle is taken.
   */
  static double angle(double azimuth1, double elevation1, double azimuth2, double elevation2) {
    double[] a = direction(azimuth1, elevation1);
    double[] b = direction(azimuth2, elevation2);
    double crossX = a[1] * b[2] - a[2] * b[1];
    double crossY = a[2] * b[0] - a[0] * b[2];
    double crossZ = a[0] * b[1] - a[1] * b[0];
    double cross = Math.sqrt(crossX * crossX + crossY * crossY + crossZ * crossZ);
    double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    return Math.toDegrees(Math.atan2(cross, dot));
  }

  /** Unit vector (east, north, up) of a direction, after normalising it. */
  private static double[] direction(double azimuth, double elevation) {
    double az = azimuth;
    double el = elevation;
    if (el > 90) {
      el = 180 - el;
      az += 180;
    }
    az %= 360;
    if (az < 0) {
      az += 360;
    }
    double a = Math.toRadians(az);
    double e = Math.toRadians(el);
    return new double[] {Math.cos(e) * Math.sin(a), Math.cos(e) * Math.cos(a), Math.sin(e)};
  }
}
