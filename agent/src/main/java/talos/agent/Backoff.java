package talos.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th delay in a row is drawn uniformly between
 * {@code initial} and {@code min(max, initial × 2ⁿ)}, so many stations that lost the same server
 * do not all come back at the same instant. Not thread-safe.
 */
final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int attempts;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more failed attempt. */
  Duration next() {
    long ceiling = initialMillis;
    for (int i = 0; i < attempts && ceiling < maxMillis; i++) {
      ceiling = Math.min(maxMillis, ceiling * 2);
    }
    attempts++;
    long delay = ceiling == initialMillis ? initialMillis
        : random.nextLong(initialMillis, ceiling + 1);
    return Duration.ofMillis(delay);
  }

  /** Starts again from {@code initial}, after a success. */
  void reset() {
    attempts = 0;
  }

  /** Failed attempts since the last success. */
  int attempts() {
    return attempts;
  }
}
