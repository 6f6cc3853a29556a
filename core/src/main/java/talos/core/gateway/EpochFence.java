package talos.core.gateway;

/**
 * The gateway's side of ownership epochs for one station connection: the highest epoch forwarded
 * on any of its command channels. A command of a lower epoch comes from a node that no longer
 * drives the station (or was delayed on the way) and is dropped, so the station never receives
 * setpoints of two owners interleaved, even when a stale owner keeps sending. Equal epochs pass.
 *
 * <p>A fence belongs to one connection: a station that connects again starts without one, and its
 * agent's own check still applies. Used on the event loop of the connection only.
 */
final class EpochFence {

  private long highest = -1;
  private long reported = -1;

  /**
   * Whether a command of {@code epoch} may be forwarded; if so, it becomes the highest forwarded
   * when it is above the one before.
   */
  boolean admit(long epoch) {
    if (epoch < highest) {
      return false;
    }
    highest = epoch;
    return true;
  }

  /** The highest epoch forwarded so far, or -1 before the first command. */
  long highest() {
    return highest;
  }

  /**
   * Whether {@code stale}, an epoch just refused, is reported for the first time in a row, so a
   * stale owner that keeps streaming is logged once rather than at every message.
   */
  boolean firstRefusalOf(long stale) {
    if (stale == reported) {
      return false;
    }
    reported = stale;
    return true;
  }
}
