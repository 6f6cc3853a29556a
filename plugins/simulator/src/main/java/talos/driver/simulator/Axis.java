package talos.driver.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One rotator axis driven at a constant rate towards its target. Nothing ticks: the angle at any
 * instant is worked out from where the axis was when it last changed course. A stalled axis keeps
 * its target but does not move. Not thread-safe; the rotator guards it.
 */
final class Axis {

  private final double rate;
  private double origin;
  private Instant since;
  private double target;
  private boolean stalled;

  /**
   * @param angle where the axis stands, in degrees
   * @param rate how fast it turns, in degrees per second
   */
  Axis(double angle, double rate, Instant now) {
    this.rate = rate;
    this.origin = angle;
    this.target = angle;
    this.since = now;
  }

  /** The angle at an instant no earlier than the last change of course. */
  double angle(Instant now) {
    if (stalled) {
      return origin;
    }
    double seconds = Math.max(0, Duration.between(since, now).toNanos() / 1e9);
    double remaining = target - origin;
    double travelled = rate * seconds;
    return Math.abs(remaining) <= travelled ? target : origin + Math.copySign(travelled, remaining);
  }

  double target() {
    return target;
  }

  /** Whether the axis is short of its target, stalled or not. */
  boolean moving(Instant now) {
    return angle(now) != target;
  }

  /** Turns towards a new target from wherever the axis is now. */
  void driveTo(double newTarget, Instant now) {
    origin = angle(now);
    since = now;
    target = newTarget;
  }

  /** Stops where the axis is now. */
  void halt(Instant now) {
    driveTo(angle(now), now);
  }

  /** Jams or frees the motor; a freed axis carries on towards its target. */
  void stall(boolean stall, Instant now) {
    origin = angle(now);
    since = now;
    stalled = stall;
  }

  /** The multiple of {@code step} nearest to {@code value}, without binary rounding noise. */
  static double quantise(double value, double step) {
    long steps = Math.round(value / step);
    return BigDecimal.valueOf(steps).multiply(BigDecimal.valueOf(step)).doubleValue();
  }
}
