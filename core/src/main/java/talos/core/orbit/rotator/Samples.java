package talos.core.orbit.rotator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated pass track as arrays: times, compass azimuths in [0, 360), the azimuth unwrapped so
 * that it never jumps across north (each step the shorter way round), and elevations.
 */
final class Samples {

  private final Instant[] times;
  private final double[] seconds;
  private final double[] azimuth;
  private final double[] unwrapped;
  private final double[] elevation;

  private Samples(Instant[] times, double[] seconds, double[] azimuth, double[] unwrapped,
                  double[] elevation) {
    this.times = times;
    this.seconds = seconds;
    this.azimuth = azimuth;
    this.unwrapped = unwrapped;
    this.elevation = elevation;
  }

  /**
   * Reads a track.
   *
   * @throws NullPointerException if {@code track} is null
   * @throws IllegalArgumentException if the track is empty, holds a null sample, or its times do
   *     not strictly increase
   */
  static Samples of(List<TrackPoint> track) {
    Objects.requireNonNull(track, "track");
    if (track.isEmpty()) {
      throw new IllegalArgumentException(
          "track is empty: a pass needs at least one sample (time, azimuth, elevation)");
    }
    int size = track.size();
    Instant[] times = new Instant[size];
    double[] seconds = new double[size];
    double[] azimuth = new double[size];
    double[] unwrapped = new double[size];
    double[] elevation = new double[size];
    int i = 0;
    for (TrackPoint point : track) {
      if (point == null) {
        throw new IllegalArgumentException("track sample " + i + " is null");
      }
      times[i] = point.time();
      azimuth[i] = Angles.normalize(point.azimuth());
      elevation[i] = point.elevation();
      if (i == 0) {
        unwrapped[i] = azimuth[i];
      } else {
        if (!times[i].isAfter(times[i - 1])) {
          throw new IllegalArgumentException("track times must strictly increase, but sample " + i
              + " at " + times[i] + " is not after sample " + (i - 1) + " at " + times[i - 1]);
        }
        Duration elapsed = Duration.between(times[0], times[i]);
        seconds[i] = elapsed.getSeconds() + elapsed.getNano() / 1e9;
        unwrapped[i] = unwrapped[i - 1] + Angles.wrap(azimuth[i] - azimuth[i - 1]);
      }
      i++;
    }
    return new Samples(times, seconds, azimuth, unwrapped, elevation);
  }

  int size() {
    return times.length;
  }

  Instant time(int i) {
    return times[i];
  }

  /** Seconds from sample {@code i - 1} to sample {@code i}, positive; {@code i >= 1}. */
  double interval(int i) {
    return seconds[i] - seconds[i - 1];
  }

  /** Compass azimuth of sample {@code i}, in [0, 360). */
  double azimuth(int i) {
    return azimuth[i];
  }

  /** Azimuth of sample {@code i} continued from the first sample without jumps across north. */
  double unwrapped(int i) {
    return unwrapped[i];
  }

  double elevation(int i) {
    return elevation[i];
  }

  double minUnwrapped() {
    double min = Double.POSITIVE_INFINITY;
    for (double value : unwrapped) {
      min = Math.min(min, value);
    }
    return min;
  }

  double maxUnwrapped() {
    double max = Double.NEGATIVE_INFINITY;
    for (double value : unwrapped) {
      max = Math.max(max, value);
    }
    return max;
  }

  double minElevation() {
    double min = Double.POSITIVE_INFINITY;
    for (double value : elevation) {
      min = Math.min(min, value);
    }
    return min;
  }

  /** How fast the satellite's azimuth moves from sample {@code i - 1} to {@code i}, deg/s. */
  double azimuthRate(int i) {
    return Math.abs(Angles.wrap(azimuth[i] - azimuth[i - 1])) / interval(i);
  }

  /** How fast the satellite's elevation moves from sample {@code i - 1} to {@code i}, deg/s. */
  double elevationRate(int i) {
    return Math.abs(elevation[i] - elevation[i - 1]) / interval(i);
  }
}
