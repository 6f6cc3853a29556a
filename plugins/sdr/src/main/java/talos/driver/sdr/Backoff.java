package talos.driver.sdr;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial}, then twice the previous delay, up to {@code max}. Not
 * thread-safe.
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private Duration next;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The delay before the next attempt; each call doubles the one after. */
  Duration next() {
    Duration delay = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return delay;
  }

  /** Starts again from {@code initial}, after a success. */
  void reset() {
    next = initial;
  }

  /** The {@code n}-th delay of a sequence (1 for the first), without changing this backoff. */
  Duration nth(int n) {
    Duration delay = initial;
    for (int i = 1; i < n && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
