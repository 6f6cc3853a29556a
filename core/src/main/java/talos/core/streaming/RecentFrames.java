package talos.core.streaming;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The frames seen lately, by organisation and content, so that the same frame heard by a second
 * station (or delivered twice) is recognised: it is recorded as a reception of the first and not
 * forwarded again. Entries expire after the window and the oldest go first when the map is full.
 * Not thread-safe: used on the streaming context only.
 */
final class RecentFrames {

  /** The first reception of a frame. */
  record First(UUID frameId, String stationId, long seenAtNanos) {
  }

  private record Key(UUID orgId, ByteBuffer digest) {
  }

  private final long windowNanos;
  private final int capacity;
  private final LinkedHashMap<Key, First> seen = new LinkedHashMap<>();

  RecentFrames(java.time.Duration window, int capacity) {
    this.windowNanos = window.toNanos();
    this.capacity = capacity;
  }

  /**
   * The first reception of this frame within the window, or {@code null} when it is new; a new
   * frame is remembered as first received now by {@code stationId} under {@code frameId}.
   */
  First firstOrRemember(UUID orgId, byte[] digest, UUID frameId, String stationId, long nowNanos) {
    expire(nowNanos);
    Key key = new Key(orgId, ByteBuffer.wrap(digest));
    First first = seen.get(key);
    if (first != null) {
      return first;
    }
    if (seen.size() >= capacity) {
      Iterator<Map.Entry<Key, First>> oldest = seen.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
    seen.put(key, new First(frameId, stationId, nowNanos));
    return null;
  }

  int size() {
    return seen.size();
  }

  private void expire(long nowNanos) {
    Iterator<First> oldest = seen.values().iterator();
    while (oldest.hasNext() && nowNanos - oldest.next().seenAtNanos() > windowNanos) {
      oldest.remove();
    }
  }
}
