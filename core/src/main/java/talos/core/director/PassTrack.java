package talos.core.director;

import talos.core.orbit.Look;
import talos.core.orbit.Pass;
import talos.core.orbit.Tracker;
import talos.core.orbit.rotator.CommandedPoint;
import talos.core.orbit.rotator.Rotator;
import talos.core.orbit.rotator.RotatorPath;
import talos.core.orbit.rotator.RotatorPlanner;
import talos.core.orbit.rotator.RotatorPosition;
import talos.core.orbit.rotator.TrackPoint;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pass as a station follows it: the rotator's commanded path (in the rotator's own coordinates,
 * within its travel and slew rates) and the satellite's range rate, sampled once a second from AOS
 * to LOS. Setpoints at any instant are interpolated between the samples; before AOS the rotator is
 * held at the pre-position point.
 *
 * <p>Immutable once computed, so it may be read from any thread.
 */
public final class PassTrack {

  /** Spacing of the samples computed from the orbit. */
  static final Duration SAMPLE_STEP = Duration.ofSeconds(1);

  private final Pass pass;
  private final RotatorPath path;
  private final long[] times;
  private final double[] azimuths;
  private final double[] elevations;
  private final double[] rangeRates;

  private PassTrack(Pass pass, RotatorPath path, double[] rangeRates) {
    this.pass = pass;
    this.path = path;
    this.rangeRates = rangeRates;
    List<CommandedPoint> points = path.points();
    this.times = new long[points.size()];
    this.azimuths = new double[points.size()];
    this.elevations = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      times[i] = points.get(i).time().toEpochMilli();
      azimuths[i] = points.get(i).azimuth();
      elevations[i] = points.get(i).elevation();
    }
  }

  /**
   * Samples a pass and plans the rotator's path through it, starting from where the rotator is.
   * Runs the orbit engine: call it on a worker thread.
   *
   * @param current where the rotator points now, or {@code null} when unknown (it is then assumed
   *     parked)
   * @throws IllegalStateException when the element set cannot be propagated over the pass
   */
  public static PassTrack compute(Tracker tracker, Pass pass, Rotator rotator,
                                  RotatorPosition current, Instant now) {
    return compute(tracker, pass, rotator, current, now, pass.aos());
  }

  /**
   * Like {@link #compute(Tracker, Pass, Rotator, RotatorPosition, Instant)}, but samples only the
   * part of the pass from {@code from} on (a pass taken over while under way): the rotator's path
   * then starts at the satellite's direction at {@code from}. AOS and LOS stay the pass's own.
   */
  public static PassTrack compute(Tracker tracker, Pass pass, Rotator rotator,
                                  RotatorPosition current, Instant now, Instant from) {
    Instant first = from.isAfter(pass.aos()) ? from : pass.aos();
    if (!first.isBefore(pass.los())) {
      first = pass.los().minus(SAMPLE_STEP).isAfter(pass.aos())
          ? pass.los().minus(SAMPLE_STEP) : pass.aos();
    }
    List<TrackPoint> samples = new ArrayList<>();
    List<Double> rangeRates = new ArrayList<>();
    for (Instant t = first; t.isBefore(pass.los()); t = t.plus(SAMPLE_STEP)) {
      Look look = tracker.look(t);
      samples.add(new TrackPoint(t, look.azimuth(), look.elevation()));
      rangeRates.add(look.rangeRate());
    }
    Look last = tracker.look(pass.los());
    samples.add(new TrackPoint(pass.los(), last.azimuth(), last.elevation()));
    rangeRates.add(last.rangeRate());
    RotatorPlanner planner = new RotatorPlanner();
    RotatorPath path = current == null ? planner.plan(samples, rotator)
        : planner.plan(samples, rotator, clamp(current, rotator), now);
    return new PassTrack(pass, path, rangeRates.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public Pass pass() {
    return pass;
  }

  public RotatorPath path() {
    return path;
  }

  public Instant aos() {
    return pass.aos();
  }

  public Instant los() {
    return pass.los();
  }

  /**
   * The latest instant the rotator may leave where it was planned from and still reach the
   * pre-position point in time.
   */
  public Instant startMovingBy() {
    return path.startMovingBy();
  }

  /** Where the rotator ends the pass: the last commanded direction. */
  public RotatorPosition end() {
    int last = times.length - 1;
    return new RotatorPosition(azimuths[last], elevations[last]);
  }

  /** Whether the pass is over at {@code now}. */
  public boolean isOver(Instant now) {
    return now.isAfter(pass.los());
  }

  /** The commanded direction at an instant: the pre-position point before AOS, the last after LOS. */
  public PointingSetpoints.Point pointing(Instant at) {
    long t = at.toEpochMilli();
    int i = segment(t);
    if (i < 0) {
      return new PointingSetpoints.Point(at, azimuths[0], elevations[0]);
    }
    if (i >= times.length - 1) {
      int last = times.length - 1;
      return new PointingSetpoints.Point(at, azimuths[last], elevations[last]);
    }
    double f = fraction(t, i);
    return new PointingSetpoints.Point(at, azimuths[i] + f * (azimuths[i + 1] - azimuths[i]),
        elevations[i] + f * (elevations[i + 1] - elevations[i]));
  }

  /** The satellite's range rate in metres per second at an instant, held outside the pass. */
  public double rangeRate(Instant at) {
    long t = at.toEpochMilli();
    int i = segment(t);
    if (i < 0) {
      return rangeRates[0];
    }
    if (i >= times.length - 1) {
      return rangeRates[times.length - 1];
    }
    double f = fraction(t, i);
    return rangeRates[i] + f * (rangeRates[i + 1] - rangeRates[i]);
  }

  /**
   * Pointing setpoints from {@code from} over {@code window}, one every {@code spacing}, never past
   * LOS (but at least one point).
   */
  public List<PointingSetpoints.Point> pointing(Instant from, Duration window, Duration spacing) {
    int count = count(from, window, spacing);
    long step = spacing.toMillis();
    List<PointingSetpoints.Point> points = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      points.add(pointing(from.plusMillis(k * step)));
    }
    return points;
  }

  /**
   * Doppler-corrected radio setpoints from {@code from} over {@code window}, one every
   * {@code spacing}: the frequency heard on the ground for a downlink, the frequency to send so the
   * satellite hears the nominal uplink.
   *
   * @param uplinkHz the nominal uplink, or {@code null} for receive only
   */
  public List<RadioSetpoints.Point> radio(Instant from, Duration window, Duration spacing,
                                          long downlinkHz, Long uplinkHz) {
    int count = count(from, window, spacing);
    long step = spacing.toMillis();
    List<RadioSetpoints.Point> points = new ArrayList<>(count);
    double c = Look.SPEED_OF_LIGHT;
    for (int k = 0; k < count; k++) {
      Instant t = from.plusMillis(k * step);
      double rangeRate = rangeRate(t);
      points.add(new RadioSetpoints.Point(t, Math.round(downlinkHz * c / (c + rangeRate)),
          uplinkHz == null ? null : Math.round(uplinkHz * (c + rangeRate) / c)));
    }
    return points;
  }

  /** How many points from {@code from} over the window fit before LOS; at least one. */
  private int count(Instant from, Duration window, Duration spacing) {
    long start = from.toEpochMilli();
    long end = Math.min(start + window.toMillis(), Math.max(start, pass.los().toEpochMilli()));
    return (int) ((end - start) / spacing.toMillis()) + 1;
  }

  /** The index of the sample at or before {@code t}; -1 before the first. */
  private int segment(long t) {
    int index = Arrays.binarySearch(times, t);
    return index >= 0 ? index : -index - 2;
  }

  private double fraction(long t, int i) {
    return (double) (t - times[i]) / (times[i + 1] - times[i]);
  }

  private static RotatorPosition clamp(RotatorPosition position, Rotator rotator) {
    return new RotatorPosition(
        Math.max(rotator.azimuthMin(), Math.min(rotator.azimuthMax(), position.azimuth())),
        Math.max(rotator.elevationMin(), Math.min(rotator.elevationMax(), position.elevation())));
  }
}
