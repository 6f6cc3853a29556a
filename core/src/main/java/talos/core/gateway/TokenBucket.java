package talos.core.gateway;

/**
 * A token bucket for one connection's messages: it holds up to {@code burst} tokens and refills at
 * {@code perSecond}; each message takes one. Not thread-safe: a connection lives on one event loop.
 */
final class TokenBucket {

  private static final double NANOS_PER_SECOND = 1_000_000_000.0;

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  /**
   * A full bucket.
   *
   * @param now the current time in nanoseconds, as from {@link System#nanoTime()}
   */
  TokenBucket(int perSecond, int burst, long now) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("rate " + perSecond + "/s and burst " + burst
          + " are not allowed; allowed: both at least 1");
    }
    this.perNano = perSecond / NANOS_PER_SECOND;
    this.capacity = burst;
    this.tokens = burst;
    this.last = now;
  }

  /** Takes a token if there is one; {@code now} as in the constructor. */
  boolean tryTake(long now) {
    if (now > last) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
