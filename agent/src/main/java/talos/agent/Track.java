package talos.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Time-tagged setpoint points in time order, merged from successive messages of one ownership
 * epoch. A message of a higher epoch replaces the whole track; a message of the same epoch replaces
 * the points in its own time span and keeps the others. Points older than {@code staleAfter} are
 * never handed out. Not thread-safe.
 *
 * @param <P> the point type
 */
final class Track<P> {

  private final NavigableMap<Instant, P> points = new TreeMap<>();
  private final Function<P, Instant> timeOf;
  private final Duration staleAfter;
  private long epoch = -1;

  Track(Function<P, Instant> timeOf, Duration staleAfter) {
    this.timeOf = timeOf;
    this.staleAfter = staleAfter;
  }

  /**
   * Merges the points of one message, which are in time order, and drops what can no longer be
   * used at {@code now}. Messages of an epoch lower than one already merged are the caller's to
   * refuse.
   */
  void merge(long messageEpoch, List<P> messagePoints, Instant now) {
    if (messageEpoch > epoch) {
      points.clear();
      epoch = messageEpoch;
    }
    Instant first = timeOf.apply(messagePoints.get(0));
    Instant last = timeOf.apply(messagePoints.get(messagePoints.size() - 1));
    points.subMap(first, true, last, true).clear();
    messagePoints.forEach(point -> points.put(timeOf.apply(point), point));
    prune(now);
  }

  /** Whether every point of a message is older than {@code staleAfter} at {@code now}. */
  boolean isStale(List<P> messagePoints, Instant now) {
    return isStale(newest(messagePoints), now);
  }

  /** The latest point at or before {@code now}, unless it is stale. */
  Optional<P> before(Instant now) {
    Map.Entry<Instant, P> floor = points.floorEntry(now);
    return floor == null || isStale(floor.getKey(), now) ? Optional.empty()
        : Optional.of(floor.getValue());
  }

  /** The earliest point after {@code now}. */
  Optional<P> after(Instant now) {
    return Optional.ofNullable(points.higherEntry(now)).map(Map.Entry::getValue);
  }

  /** The time of the last point, or {@code null} for an empty track. */
  Instant lastTime() {
    return points.isEmpty() ? null : points.lastKey();
  }

  /** Forgets every point but keeps the epoch, so older messages stay refused. */
  void clear() {
    points.clear();
  }

  /** The time of the newest point of a message. */
  Instant newest(List<P> messagePoints) {
    return timeOf.apply(messagePoints.get(messagePoints.size() - 1));
  }

  private boolean isStale(Instant time, Instant now) {
    return Duration.between(time, now).compareTo(staleAfter) > 0;
  }

  private void prune(Instant now) {
    Instant floor = points.floorKey(now);
    if (floor != null) {
      points.headMap(floor, false).clear();
    }
  }
}
