package talos.core.orbit.rotator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/** Finds the spans of a trajectory where the rotator cannot do what the pass asks. */
final class Warnings {

  /** Below this many degrees off its aim the antenna counts as on it; absorbs rounding only. */
  private static final double ON_AIM = 1e-6;

  private final Samples samples;
  private final Rotator rotator;
  private final Trajectory path;
  private final double tolerance;
  private final boolean flipPossible;

  private Warnings(Samples samples, Rotator rotator, Trajectory path, double tolerance,
                   boolean flipPossible) {
    this.samples = samples;
    this.rotator = rotator;
    this.path = path;
    this.tolerance = tolerance;
    this.flipPossible = flipPossible;
  }

  /**
   * The azimuth-limit, elevation-limit and slew-rate warnings of {@code path}.
   *
   * @param tolerance degrees the antenna may trail the satellite before it is a warning
   * @param flipPossible whether the rotator could have flipped this pass
   */
  static List<RotatorWarning> of(Samples samples, Rotator rotator, Trajectory path,
                                 double tolerance, boolean flipPossible) {
    Warnings warnings = new Warnings(samples, rotator, path, tolerance, flipPossible);
    List<RotatorWarning> found = new ArrayList<>();
    warnings.azimuthLimits(found);
    warnings.elevationLimits(found);
    warnings.slewRates(found);
    return found;
  }

  private void azimuthLimits(List<RotatorWarning> found) {
    double low = rotator.azimuthMin();
    double high = rotator.azimuthMax();
    for (Run run : runs(i -> path.aimAzimuth(i) > high)) {
      found.add(azimuthLimit(run, high, maxOf(run, path::aimAzimuth)));
    }
    for (Run run : runs(i -> path.aimAzimuth(i) < low)) {
      found.add(azimuthLimit(run, low, -maxOf(run, i -> -path.aimAzimuth(i))));
    }
  }

  private RotatorWarning azimuthLimit(Run run, double stop, double needed) {
    String why;
    if (path.flips()) {
      why = "even flipped, the pass does not fit in the azimuth travel";
    } else {
      why = format("the pass sweeps %.1f° of azimuth (%.1f° to %.1f° unwrapped), which fits in "
              + "the %.1f°..%.1f° travel at no whole turn, and %s",
          samples.maxUnwrapped() - samples.minUnwrapped(), samples.unwrapped(0),
          samples.unwrapped(samples.size() - 1), rotator.azimuthMin(), rotator.azimuthMax(),
          flipPossible ? "flipping does not do better"
              : format("the rotator cannot flip (its elevation stops at %.1f°)",
                  rotator.elevationMax()));
    }
    String message = format("From %s to %s the antenna cannot point at the satellite: it would "
            + "need azimuth %.1f°, beyond the stop at %.1f°, because %s; the antenna waits at the "
            + "stop", samples.time(run.first()), samples.time(run.last()), needed, stop, why);
    return warning(RotatorWarning.Kind.AZIMUTH_LIMIT, run, needed, stop, message);
  }

  private void elevationLimits(List<RotatorWarning> found) {
    double low = rotator.elevationMin();
    double high = path.elevationCeiling();
    for (Run run : runs(i -> path.aimElevation(i) < low)) {
      double needed = -maxOf(run, i -> -path.aimElevation(i));
      double satellite = -maxOf(run, i -> -samples.elevation(i));
      found.add(elevationLimit(run, needed, low, "down", satellite));
    }
    for (Run run : runs(i -> path.aimElevation(i) > high)) {
      double needed = maxOf(run, path::aimElevation);
      double satellite = maxOf(run, samples::elevation);
      found.add(elevationLimit(run, needed, high, "up", satellite));
    }
  }

  private RotatorWarning elevationLimit(Run run, double needed, double limit, String direction,
                                        double satellite) {
    String message = format("From %s to %s the track needs elevation %s to %.1f° (the satellite "
            + "at %.1f°), beyond the rotator's limit of %.1f°; the elevation is held at the limit",
        samples.time(run.first()), samples.time(run.last()), direction, needed, satellite, limit);
    return warning(RotatorWarning.Kind.ELEVATION_LIMIT, run, needed, limit, message);
  }

  /**
   * One warning per run of samples trailing their aim by more than the tolerance. The rates
   * needed are taken over the whole episode: from the last sample on its aim before the run.
   */
  private void slewRates(List<RotatorWarning> found) {
    for (Run run : runs(i -> path.offAim(i) > tolerance)) {
      int from = run.first();
      while (from > 0 && path.offAim(from) > ON_AIM) {
        from--;
      }
      double azimuthNeeded = 0;
      double elevationNeeded = 0;
      double trailing = 0;
      for (int i = from + 1; i <= run.last(); i++) {
        azimuthNeeded = Math.max(azimuthNeeded, samples.azimuthRate(i));
        elevationNeeded = Math.max(elevationNeeded, samples.elevationRate(i));
        trailing = Math.max(trailing, path.offAim(i));
      }
      boolean azimuthWorse = azimuthNeeded / rotator.azimuthRate()
          >= elevationNeeded / rotator.elevationRate();
      String axis = azimuthWorse ? "azimuth" : "elevation";
      double needed = azimuthWorse ? azimuthNeeded : elevationNeeded;
      double available = azimuthWorse ? rotator.azimuthRate() : rotator.elevationRate();
      String message = format("From %s to %s the antenna trails the satellite by up to %.1f°: "
              + "the satellite's %s moves at up to %.1f°/s, but the rotator turns at %.1f°/s",
          samples.time(run.first()), samples.time(run.last()), trailing, axis, needed, available);
      found.add(warning(RotatorWarning.Kind.SLEW_RATE, run, needed, available, message));
    }
  }

  private RotatorWarning warning(RotatorWarning.Kind kind, Run run, double required,
                                 double available, String message) {
    return new RotatorWarning(kind, samples.time(run.first()), samples.time(run.last()), required,
        available, message);
  }

  /** The maximal runs of consecutive samples that satisfy {@code test}. */
  private List<Run> runs(IntPredicate test) {
    List<Run> runs = new ArrayList<>();
    int first = -1;
    for (int i = 0; i < samples.size(); i++) {
      if (test.test(i)) {
        if (first < 0) {
          first = i;
        }
      } else if (first >= 0) {
        runs.add(new Run(first, i - 1));
        first = -1;
      }
    }
    if (first >= 0) {
      runs.add(new Run(first, samples.size() - 1));
    }
    return runs;
  }

  private static double maxOf(Run run, IntToDoubleFunction value) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = run.first(); i <= run.last(); i++) {
      max = Math.max(max, value.applyAsDouble(i));
    }
    return max;
  }

  static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }

  /** Sample indices {@code first..last}, inclusive. */
  private record Run(int first, int last) {
  }
}
