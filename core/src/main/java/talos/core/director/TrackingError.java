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
}
