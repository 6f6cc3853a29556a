package talos.core.director;

import java.util.Arrays;
import java.util.Locale;

/** What became of an observation; the names are the {@code observation.outcome} values. */
public enum Outcome {
  /** Recorded, not started yet. */
  PENDING,
  /** The agent acknowledged the session; setpoints are streaming. */
  TRACKING,
  /** Driven to loss of signal. */
  COMPLETED,
  /** Never started: the station was offline, or busy, when it had to. */
  MISSED,
  /** Started (or about to) and ended early: stopped, taken over, refused, or the station dropped. */
  ABORTED;

  /** The name stored and shown: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether an observation with this outcome is still under way. */
  public boolean underWay() {
    return this == PENDING || this == TRACKING;
  }

  /**
   * The outcome named {@code value}.
   *
   * @throws IllegalArgumentException for another name
   */
  public static Outcome of(String value) {
    return Arrays.stream(values()).filter(outcome -> outcome.wireName().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown outcome " + value));
  }

  /** Every name, for messages listing what is allowed. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Outcome::wireName).toList());
  }
}
