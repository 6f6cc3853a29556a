package talos.core.director;

import java.time.Duration;

/**
 * The director's beat: tick {@code n} is due at {@code origin + n × period}, whatever time the
 * previous tick took, so ticks never drift. A tick that fires late is measured as lag; when the
 * node falls more than a whole period behind, the missed ticks are skipped rather than bunched.
 */
final class Ticks {

  private final long originNanos;
  private final long periodNanos;
  private long next;

  Ticks(long originNanos, Duration period) {
    this.originNanos = originNanos;
    this.periodNanos = period.toNanos();
    this.next = 1;
  }

  /** The period between ticks. */
  Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  /**
   * Records that a tick fired at {@code nowNanos} and returns its lag: how late it fired after it
   * was due, in nanoseconds.
   */
  long fired(long nowNanos) {
    long due = originNanos + next * periodNanos;
    long lag = Math.max(0, nowNanos - due);
    next++;
    long behind = (nowNanos - (originNanos + next * periodNanos)) / periodNanos;
    if (behind > 0) {
      next += behind + 1;
    }
    return lag;
  }

  /** Milliseconds from {@code nowNanos} until the next tick is due, at least 1. */
  long delayMillis(long nowNanos) {
    long due = originNanos + next * periodNanos;
    return Math.max(1, (due - nowNanos + 999_999) / 1_000_000);
  }
}
