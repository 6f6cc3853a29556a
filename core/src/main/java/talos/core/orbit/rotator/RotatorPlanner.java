package talos.core.orbit.rotator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Plans how a rotator follows one pass.
 *
 * <p>The track's azimuth is first unwrapped so that it never jumps across north. The planner
 * then simulates every candidate way of following it: without flipping, on each whole turn
 * ({@code k·360°}) of the unwrapped azimuth that meets the travel, clamped to the stops; and, if
 * the rotator can flip the pass (its elevation reaches {@code 180° -} the lowest track
 * elevation), from each half turn ({@code az + 180°·m}) of the first sample inside the travel,
 * aiming each sample at whichever half turn is nearest to the antenna. Each simulation moves the
 * azimuth towards its aim by at most the slew rate, once as it comes and once smoothed (the same
 * pursuit also run backwards in time and averaged, which centres a swing the rotator cannot keep
 * up with on the moment it is needed); the elevation then follows, within its own rate, the
 * elevation that points closest to the satellite from that azimuth. Every plan can therefore be
 * executed as commanded.
 *
 * <p>The plan kept is the one that leaves the antenna more than the pointing tolerance off the
 * satellite at the fewest samples; then one that does not flip; then the one whose first point
 * is nearest in azimuth, then in elevation, to the rotator's current position (its park position
 * when not given, by default the centre of the azimuth travel); then the one that stays closest
 * to the satellite. So a pass that fits on some turn never crosses a stop; one that fits on no
 * turn flips when the rotator can; a near-zenith pass, whose azimuth swings by about 180° in
 * seconds, flips when the slew rates cannot follow the swing, since flipped the azimuth stays
 * almost still while the elevation passes through the zenith (the antenna is then off the
 * satellite by about the angle by which the pass misses the zenith); and otherwise the antenna
 * waits at the stop, or trails the satellite, and the plan says where and why.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RotatorPlanner {

  /** Degrees the antenna may be off the satellite before a plan counts it as a miss. */
  public static final double DEFAULT_POINTING_TOLERANCE = 2.0;

  private final double pointingTolerance;

  /** A planner with {@link #DEFAULT_POINTING_TOLERANCE}. */
  public RotatorPlanner() {
    this(DEFAULT_POINTING_TOLERANCE);
  }

  /**
   * A planner that accepts the antenna up to {@code pointingTolerance} degrees off the satellite,
   * typically half the antenna's beam width.
   *
   * @throws IllegalArgumentException if {@code pointingTolerance} is not positive and finite
   */
  public RotatorPlanner(double pointingTolerance) {
    if (!(pointingTolerance > 0) || !Double.isFinite(pointingTolerance)) {
      throw new IllegalArgumentException(
          "pointing tolerance must be positive degrees, got " + pointingTolerance);
    }
    this.pointingTolerance = pointingTolerance;
  }

  /**
   * Plans a pass for a rotator whose position is unknown: it starts from its park position.
   *
   * @param track the pass, time-ordered, typically one sample per second from AOS to LOS
   * @param rotator what the rotator can do
   * @return the plan, with one command per track sample
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the track is empty, holds a null sample, or its times do
   *     not strictly increase
   */
  public RotatorPath plan(List<TrackPoint> track, Rotator rotator) {
    Objects.requireNonNull(rotator, "rotator");
    return plan(Samples.of(track), rotator, rotator.park(), null);
  }

  /**
   * Plans a pass for a rotator that is at {@code current} at {@code now}. Besides choosing the
   * turn nearest to {@code current}, the plan warns ({@link RotatorWarning.Kind#LATE_START}) when
   * the rotator cannot reach the pre-position point between {@code now} and AOS.
   *
   * @param track the pass, time-ordered, typically one sample per second from AOS to LOS
   * @param rotator what the rotator can do
   * @param current where the rotator points now, in its own coordinates
   * @param now the current time
   * @return the plan, with one command per track sample
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the track is empty, holds a null sample, or its times do
   *     not strictly increase
   */
  public RotatorPath plan(List<TrackPoint> track, Rotator rotator, RotatorPosition current,
                          Instant now) {
    Objects.requireNonNull(rotator, "rotator");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(now, "now");
    return plan(Samples.of(track), rotator, current, now);
  }

  /** The plan; {@code now} is null when the current time is unknown. */
  private RotatorPath plan(Samples samples, Rotator rotator, RotatorPosition from, Instant now) {
    boolean flipPossible = canFlip(samples, rotator);
    Trajectory best = candidates(samples, rotator, flipPossible).stream()
        .min(preference(from))
        .orElseThrow();

    List<CommandedPoint> points = new ArrayList<>(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      points.add(new CommandedPoint(samples.time(i), best.azimuth(i), best.elevation(i)));
    }
    List<RotatorWarning> warnings =
        new ArrayList<>(Warnings.of(samples, rotator, best, pointingTolerance, flipPossible));

    Instant aos = samples.time(0);
    double slew = Math.max(Math.abs(best.azimuth(0) - from.azimuth()) / rotator.azimuthRate(),
        Math.abs(best.elevation(0) - from.elevation()) / rotator.elevationRate());
    Instant startMovingBy = aos.minusNanos((long) Math.ceil(slew * 1e9));
    if (now != null && startMovingBy.isBefore(now)) {
      warnings.add(lateStart(from, best, slew, startMovingBy, now, aos));
    }
    warnings.sort(Comparator.comparing(RotatorWarning::start));
    return new RotatorPath(mode(best), points, startMovingBy, warnings, best.maxOffSatellite());
  }

  /**
   * Whether every sample can be pointed at flipped: the flipped elevation {@code 180 - el} of the
   * lowest sample (or of the rotator's lowest elevation, when the track dips below it) is
   * reachable.
   */
  private static boolean canFlip(Samples samples, Rotator rotator) {
    double lowest = Math.max(samples.minElevation(), rotator.elevationMin());
    return rotator.elevationMax() > 90 && rotator.elevationMax() >= 180 - lowest;
  }

  private static List<Trajectory> candidates(Samples samples, Rotator rotator,
                                             boolean flipPossible) {
    List<Trajectory> candidates = new ArrayList<>();
    int firstTurn = (int) Math.floor((rotator.azimuthMin() - samples.maxUnwrapped()) / 360);
    int lastTurn = (int) Math.ceil((rotator.azimuthMax() - samples.minUnwrapped()) / 360);
    for (int turn = firstTurn; turn <= lastTurn; turn++) {
      candidates.add(Trajectory.onTurn(samples, rotator, turn, false));
      candidates.add(Trajectory.onTurn(samples, rotator, turn, true));
    }
    if (flipPossible) {
      double first = samples.azimuth(0);
      long firstHalf = (long) Math.ceil((rotator.azimuthMin() - first) / 180);
      long lastHalf = (long) Math.floor((rotator.azimuthMax() - first) / 180);
      for (long half = firstHalf; half <= lastHalf; half++) {
        candidates.add(Trajectory.flipping(samples, rotator, half, false));
        candidates.add(Trajectory.flipping(samples, rotator, half, true));
      }
    }
    return candidates;
  }

  private Comparator<Trajectory> preference(RotatorPosition from) {
    return Comparator.comparingInt((Trajectory path) -> path.samplesOff(pointingTolerance))
        .thenComparing(Trajectory::flips)
        .thenComparingDouble(path -> Math.abs(path.azimuth(0) - from.azimuth()))
        .thenComparingDouble(path -> Math.abs(path.elevation(0) - from.elevation()))
        .thenComparingDouble(Trajectory::maxOffSatellite);
  }

  private static RotatorMode mode(Trajectory path) {
    if (path.flips()) {
      return RotatorMode.FLIP;
    }
    for (int i = 0; i < path.size(); i++) {
      if (path.azimuth(i) < 0 || path.azimuth(i) > 360) {
        return RotatorMode.OVERLAP;
      }
    }
    return RotatorMode.NORMAL;
  }

  private static RotatorWarning lateStart(RotatorPosition from, Trajectory path, double slew,
                                          Instant startMovingBy, Instant now, Instant aos) {
    Duration left = Duration.between(now, aos);
    double available = left.getSeconds() + left.getNano() / 1e9;
    String remaining = available >= 0
        ? Warnings.format("only %.1f s remain before AOS at %s", available, aos)
        : Warnings.format("AOS at %s passed %.1f s ago", aos, -available);
    String message = Warnings.format("The rotator needs %.1f s to slew from (%.1f°, %.1f°) to the "
            + "pre-position point (%.1f°, %.1f°), but at %s %s; it should have started by %s",
        slew, from.azimuth(), from.elevation(), path.azimuth(0), path.elevation(0), now, remaining,
        startMovingBy);
    return new RotatorWarning(RotatorWarning.Kind.LATE_START, startMovingBy, aos, slew, available,
        message);
  }
}
