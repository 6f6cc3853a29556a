package talos.core.gateway;

import io.vertx.core.Future;
import talos.core.security.RateLimit;
import talos.core.security.RateLimiter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Limits failed MQTT sign-ins per client address. Failures are counted in the node's
 * {@link RateLimiter} under {@link RateLimit#MQTT_AUTH_FAILURES}, so in a cluster every node counts
 * together; an address whose failures exceed the limit is turned away here, without a credential
 * check, until its bucket has refilled. Used on one event loop only.
 */
final class AuthThrottle {

  private final RateLimiter limiter;
  private final LongSupplier clock;
  private final Map<String, Long> blockedUntil = new HashMap<>();

  /** @param clock the current time in nanoseconds */
  AuthThrottle(RateLimiter limiter, LongSupplier clock) {
    this.limiter = limiter;
    this.clock = clock;
  }

  /** Whether sign-ins from {@code address} are turned away for now. */
  boolean blocked(String address) {
    Long until = blockedUntil.get(address);
    if (until == null) {
      return false;
    }
    if (clock.getAsLong() - until >= 0) {
      blockedUntil.remove(address);
      return false;
    }
    return true;
  }

  /**
   * Counts a failed sign-in from {@code address}.
   *
   * @return a future that succeeds with whether the address is now turned away; it fails only when
   *     the rate limiter cannot be reached
   */
  Future<Boolean> failed(String address) {
    return limiter.consume(RateLimit.MQTT_AUTH_FAILURES, address).map(decision -> {
      if (!decision.allowed()) {
        blockedUntil.put(address, clock.getAsLong() + decision.retryAfter().toNanos());
      }
      return !decision.allowed();
    });
  }

  /** Forgets addresses whose block has ended. */
  void sweep() {
    long now = clock.getAsLong();
    blockedUntil.values().removeIf(until -> now - until >= 0);
  }
}
