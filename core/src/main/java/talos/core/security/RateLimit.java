package talos.core.security;

import java.time.Duration;

/**
 * The rate limits of the core, each a number of requests per window for one key (a client address,
 * an e-mail address or a user). Requests beyond a limit get 429 with {@code Retry-After}.
 */
public enum RateLimit {

  /** Sign-in requests from one client address. */
  LOGIN_PER_ADDRESS(20, Duration.ofMinutes(15)),
  /** Sign-in requests for one e-mail address, from anywhere. */
  LOGIN_PER_EMAIL(5, Duration.ofMinutes(15)),
  /** Operations that need no sign-in, per client address. */
  PUBLIC(60, Duration.ofMinutes(1)),
  /** Reads and ordinary changes by one signed-in user. */
  API(600, Duration.ofMinutes(1)),
  /** Creations (organisations, stations, tokens, join requests) by one user. */
  CREATE(20, Duration.ofMinutes(1)),
  /** Administrative changes (roles, members, keys, approvals) by one user. */
  ADMIN(30, Duration.ofMinutes(1)),
  /** Failed MQTT sign-ins (wrong station key, unknown station or token) from one client address. */
  MQTT_AUTH_FAILURES(20, Duration.ofMinutes(5));

  private final int requests;
  private final Duration window;

  RateLimit(int requests, Duration window) {
    this.requests = requests;
    this.window = window;
  }

  public int requests() {
    return requests;
  }

  public Duration window() {
    return window;
  }

  /** The limit named by an operation's {@code x-talos-rate-limit} extension, in lower case. */
  public static RateLimit named(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
