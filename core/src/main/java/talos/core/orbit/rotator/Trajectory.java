package talos.core.orbit.rotator;

/**
 * One way for a rotator to follow a pass, simulated sample by sample.
 *
 * <p>The azimuth aims at each sample at one representation of the satellite's azimuth: either a
 * fixed turn of the unwrapped azimuth ({@code unwrapped + 360·k}, never flipped), or, when
 * flipping is allowed, whichever {@code az + 180·m} is nearest to where the antenna is, so that a
 * high pass can keep the azimuth almost still while the elevation sweeps through the zenith. The
 * aim is clamped to the travel and approached by at most the slew rate times the interval between
 * samples; the first sample is reached exactly. A smoothed trajectory also runs that pursuit
 * backwards in time from the last point and averages both, so that a swing the rotator cannot
 * follow is spread around the moment it is needed instead of trailing after it; both runs are
 * within the rates and the travel, so their average is too.
 *
 * <p>The elevation then aims at the elevation that points closest to the satellite from the
 * commanded azimuth ({@code el} on the satellite's azimuth, {@code 180 - el} on the opposite one),
 * clamped to the travel, and is approached within its own slew rate.
 */
final class Trajectory {

  /** Where one pursuit aims at sample {@code i}, given the antenna's azimuth before it. */
  private interface Aim {
    double at(int i, double current);
  }

  private final double[] azimuth;
  private final double[] elevation;
  private final double[] aimAzimuth;
  private final double[] aimElevation;
  private final double[] offAim;
  private final double[] offSatellite;
  private final double elevationCeiling;

  private Trajectory(int size, double elevationCeiling) {
    this.azimuth = new double[size];
    this.elevation = new double[size];
    this.aimAzimuth = new double[size];
    this.aimElevation = new double[size];
    this.offAim = new double[size];
    this.offSatellite = new double[size];
    this.elevationCeiling = elevationCeiling;
  }

  /**
   * Follows the track without flipping, on the turn whose azimuth is the unwrapped track azimuth
   * plus {@code 360·turn}; elevations stay at most 90°.
   */
  static Trajectory onTurn(Samples samples, Rotator rotator, int turn, boolean smoothed) {
    double offset = 360.0 * turn;
    Aim aim = (i, current) -> samples.unwrapped(i) + offset;
    double ceiling = Math.min(rotator.elevationMax(), 90);
    return follow(samples, rotator, aim, aim.at(0, Double.NaN), ceiling, smoothed);
  }

  /**
   * Follows the track allowing flips, starting on azimuth {@code az + 180·halfTurns} of the first
   * sample (flipped when {@code halfTurns} is odd).
   */
  static Trajectory flipping(Samples samples, Rotator rotator, long halfTurns, boolean smoothed) {
    Aim aim = (i, current) -> samples.azimuth(i)
        + 180.0 * Math.round((current - samples.azimuth(i)) / 180);
    double start = samples.azimuth(0) + 180.0 * halfTurns;
    return follow(samples, rotator, aim, start, rotator.elevationMax(), smoothed);
  }

  private static Trajectory follow(Samples samples, Rotator rotator, Aim aim, double start,
                                   double ceiling, boolean smoothed) {
    int size = samples.size();
    Trajectory path = new Trajectory(size, ceiling);
    double[] forward = pursue(samples, rotator, aim, start, true, path.aimAzimuth);
    if (smoothed) {
      double[] backward = pursue(samples, rotator, aim, forward[size - 1], false, null);
      for (int i = 0; i < size; i++) {
        path.azimuth[i] = (forward[i] + backward[i]) / 2;
      }
    } else {
      System.arraycopy(forward, 0, path.azimuth, 0, size);
    }

    double el = 0;
    for (int i = 0; i < size; i++) {
      double satelliteAz = samples.azimuth(i);
      double satelliteEl = samples.elevation(i);
      boolean opposite = Math.abs(Angles.wrap(path.aimAzimuth[i] - satelliteAz)) > 90;
      path.aimElevation[i] = opposite ? 180 - satelliteEl : satelliteEl;
      double wanted = Angles.clamp(closestElevation(satelliteAz, satelliteEl, path.azimuth[i]),
          rotator.elevationMin(), ceiling);
      el = i == 0 ? wanted : approach(el, wanted, rotator.elevationRate() * samples.interval(i));
      path.elevation[i] = el;
      double reachableAz = Angles.clamp(path.aimAzimuth[i], rotator.azimuthMin(),
          rotator.azimuthMax());
      double reachableEl = Angles.clamp(path.aimElevation[i], rotator.elevationMin(), ceiling);
      path.offAim[i] = Angles.separation(path.azimuth[i], el, reachableAz, reachableEl);
      path.offSatellite[i] = Angles.separation(path.azimuth[i], el, satelliteAz, satelliteEl);
    }
    return path;
  }

  /**
   * Azimuth pursuit of {@code aim}, forwards from the first sample starting on the (clamped) aim
   * at {@code start}, or backwards from the last sample starting at {@code start}. A forward run
   * records its aims in {@code aims}.
   */
  private static double[] pursue(Samples samples, Rotator rotator, Aim aim, double start,
                                 boolean forwards, double[] aims) {
    int size = samples.size();
    double[] azimuth = new double[size];
    int first = forwards ? 0 : size - 1;
    int step = forwards ? 1 : -1;
    double az = start;
    for (int i = first; i >= 0 && i < size; i += step) {
      double wanted = aim.at(i, az);
      double reachable = Angles.clamp(wanted, rotator.azimuthMin(), rotator.azimuthMax());
      if (i == first) {
        az = forwards ? reachable : start;
      } else {
        double interval = samples.interval(Math.max(i, i - step));
        az = approach(az, reachable, rotator.azimuthRate() * interval);
      }
      azimuth[i] = az;
      if (aims != null) {
        aims[i] = wanted;
      }
    }
    return azimuth;
  }

  /**
   * The elevation, in [-90, 270), that brings a boresight turned to {@code azimuth} closest to the
   * satellite at ({@code satelliteAz}, {@code satelliteEl}): past 90 when the satellite is behind.
   */
  private static double closestElevation(double satelliteAz, double satelliteEl, double azimuth) {
    double el = Math.toRadians(satelliteEl);
    double across = Math.cos(Math.toRadians(satelliteAz - azimuth));
    double closest = Math.toDegrees(Math.atan2(Math.sin(el), Math.cos(el) * across));
    return closest < -90 ? closest + 360 : closest;
  }

  /** From {@code from} towards {@code to}, by at most {@code step} (which may be infinite). */
  private static double approach(double from, double to, double step) {
    double distance = to - from;
    return Math.abs(distance) <= step ? to : from + Math.copySign(step, distance);
  }

  int size() {
    return azimuth.length;
  }

  /** Commanded azimuth at sample {@code i}, rotator coordinates, within the travel. */
  double azimuth(int i) {
    return azimuth[i];
  }

  /** Commanded elevation at sample {@code i}, within the travel. */
  double elevation(int i) {
    return elevation[i];
  }

  /** The azimuth aimed at for sample {@code i}, before clamping to the travel. */
  double aimAzimuth(int i) {
    return aimAzimuth[i];
  }

  /** The elevation of the satellite seen from the aimed azimuth, before clamping to the travel. */
  double aimElevation(int i) {
    return aimElevation[i];
  }

  /** Degrees between the commanded direction and the clamped aim: how far the rotator trails. */
  double offAim(int i) {
    return offAim[i];
  }

  /** Degrees between the commanded direction and the satellite. */
  double offSatellite(int i) {
    return offSatellite[i];
  }

  /** The highest elevation this trajectory may command: at most 90 unless it may flip. */
  double elevationCeiling() {
    return elevationCeiling;
  }

  /** Whether any command points beyond the zenith (elevation above 90°). */
  boolean flips() {
    for (double el : elevation) {
      if (el > 90) {
        return true;
      }
    }
    return false;
  }

  /** How many samples leave the antenna more than {@code tolerance} degrees off the satellite. */
  int samplesOff(double tolerance) {
    int count = 0;
    for (double off : offSatellite) {
      if (off > tolerance) {
        count++;
      }
    }
    return count;
  }

  double maxOffSatellite() {
    double max = 0;
    for (double off : offSatellite) {
      max = Math.max(max, off);
    }
    return max;
  }
}
