package talos.core.orbit.rotator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a rotator follows one pass.
 *
 * @param mode how the antenna is pointed at the satellite
 * @param points one command per track sample, at the sample's time, in the rotator's coordinates
 *     and within its travel; consecutive commands never need more than the slew rates
 * @param startMovingBy the latest instant the rotator may leave its current (or park) position and
 *     still reach the pre-position point by AOS, with its slower axis; AOS itself when the rotator
 *     is already there or its rates are unlimited
 * @param warnings what the rotator cannot do, ordered by start time; empty when it follows the
 *     whole pass within the pointing tolerance
 * @param maxPointingError the largest angle, in degrees, between a commanded direction and the
 *     satellite
 */
public record RotatorPath(RotatorMode mode, List<CommandedPoint> points, Instant startMovingBy,
                          List<RotatorWarning> warnings, double maxPointingError) {

  /**
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if there are no points
   */
  public RotatorPath {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(startMovingBy, "startMovingBy");
    points = List.copyOf(points);
    warnings = List.copyOf(warnings);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a rotator path needs at least one point");
    }
  }

  /** The pre-position point: the first command, where the rotator must be at AOS. */
  public CommandedPoint prePosition() {
    return points.get(0);
  }
}
