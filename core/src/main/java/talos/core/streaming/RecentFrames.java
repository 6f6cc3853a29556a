package talos.core.streaming;

import java.time.Duration;
import java.util.UUID;

/**
 * The frames seen lately, by organisation and content, so that the same frame heard by a second
 * station (or delivered twice) is recognised: it is recorded as a reception of the first and not
 * forwarded again. Entries expire after the window, and the oldest go first when it is full.
 *
 * <p>At 10,000 frames a second a 30 s window holds 300,000 frames; kept as objects they would be
 * copied by every young garbage collection and make its pauses long. So the entries live in
 * primitive arrays: a ring in arrival order (128 bits of the frame's digest mixed with its
 * organisation, the first reception's frame and station, the time), found through an
 * open-addressing index with linear probing. Not thread-safe: used on the streaming context only.
 */
final class RecentFrames {

  /** The first reception of a frame. */
  record First(UUID frameId, UUID stationId) {
  }

  private final long windowNanos;
  private final int capacity;
  private final long[] keyA;
  private final long[] keyB;
  private final long[] frameHigh;
  private final long[] frameLow;
  private final long[] stationHigh;
  private final long[] stationLow;
  private final long[] seenAt;
  /** Ring slot + 1 of each entry, 0 where empty; twice the ring's size, a power of two. */
  private final int[] index;
  private int oldest;
  private int size;

  /** @param capacity frames remembered at most; rounded up to a power of two */
  RecentFrames(Duration window, int capacity) {
    this.windowNanos = window.toNanos();
    this.capacity = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    this.keyA = new long[this.capacity];
    this.keyB = new long[this.capacity];
    this.frameHigh = new long[this.capacity];
    this.frameLow = new long[this.capacity];
    this.stationHigh = new long[this.capacity];
    this.stationLow = new long[this.capacity];
    this.seenAt = new long[this.capacity];
    this.index = new int[this.capacity * 2];
  }

  /**
   * The first reception of this frame within the window, or {@code null} when it is new; a new
   * frame is remembered as first received now by {@code stationId} under {@code frameId}.
   *
   * @param digest the SHA-256 of the frame's bytes (at least 16 bytes are used)
   */
  First firstOrRemember(UUID orgId, byte[] digest, UUID frameId, UUID stationId, long nowNanos) {
    expire(nowNanos);
    long a = word(digest, 0) ^ orgId.getMostSignificantBits();
    long b = word(digest, 8) ^ orgId.getLeastSignificantBits();
    int mask = index.length - 1;
    int position = home(a, b);
    while (index[position] != 0) {
      int slot = index[position] - 1;
      if (keyA[slot] == a && keyB[slot] == b) {
        return new First(new UUID(frameHigh[slot], frameLow[slot]),
            new UUID(stationHigh[slot], stationLow[slot]));
      }
      position = (position + 1) & mask;
    }
    if (size == capacity) {
      forgetOldest();
      position = home(a, b);
      while (index[position] != 0) {
        position = (position + 1) & mask;
      }
    }
    int slot = (oldest + size) & (capacity - 1);
    keyA[slot] = a;
    keyB[slot] = b;
    frameHigh[slot] = frameId.getMostSignificantBits();
    frameLow[slot] = frameId.getLeastSignificantBits();
    stationHigh[slot] = stationId.getMostSignificantBits();
    stationLow[slot] = stationId.getLeastSignificantBits();
    seenAt[slot] = nowNanos;
    index[position] = slot + 1;
    size++;
    return null;
  }

  int size() {
    return size;
  }

  private void expire(long nowNanos) {
    while (size > 0 && nowNanos - seenAt[oldest] > windowNanos) {
      forgetOldest();
    }
  }

  /** Removes the oldest entry: its ring slot, and its place in the index (shifting back). */
  private void forgetOldest() {
    int slot = oldest;
    int mask = index.length - 1;
    int hole = home(keyA[slot], keyB[slot]);
    while (index[hole] != slot + 1) {
      hole = (hole + 1) & mask;
    }
    int next = (hole + 1) & mask;
    while (index[next] != 0) {
      int moved = index[next] - 1;
      int home = home(keyA[moved], keyB[moved]);
      // an entry whose home is not between the hole and itself may move back into the hole
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        index[hole] = index[next];
        hole = next;
      }
      next = (next + 1) & mask;
    }
    index[hole] = 0;
    oldest = (oldest + 1) & (capacity - 1);
    size--;
  }

  private int home(long a, long b) {
    long mixed = (a ^ (b * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
    return (int) (mixed >>> 32) & (index.length - 1);
  }

  private static long word(byte[] bytes, int from) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[from + i] & 0xff);
    }
    return value;
  }
}
