package talos.driver.sdr;

import talos.driver.IqBlock;
import talos.driver.IqSubscription;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands every block read to every subscriber, each through a bounded buffer of its own: the
 * reading thread never waits for a subscriber; a subscriber that falls behind loses its oldest
 * blocks, counted in samples. Thread-safe.
 */
final class IqFanout {

  private final List<Buffer> subscribers = new CopyOnWriteArrayList<>();
  /** Samples dropped for subscriptions already closed. */
  private final AtomicLong droppedBefore = new AtomicLong();
  private volatile boolean closed;

  /**
   * A new subscription to the blocks published from now on.
   *
   * @throws IllegalArgumentException for a capacity below 1
   */
  IqSubscription subscribe(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("an I/Q subscription holds at least 1 block, not "
          + capacity);
    }
    Buffer buffer = new Buffer(capacity);
    subscribers.add(buffer);
    if (closed) {
      buffer.close();
    }
    return buffer;
  }

  /** Offers a block to every subscriber. */
  void publish(IqBlock block) {
    for (Buffer buffer : subscribers) {
      buffer.offer(block);
    }
  }

  /** How many subscriptions are open. */
  int subscribers() {
    return subscribers.size();
  }

  /** Samples dropped for any subscriber, open or closed. */
  long droppedSamples() {
    long dropped = droppedBefore.get();
    for (Buffer buffer : subscribers) {
      dropped += buffer.droppedSamples();
    }
    return dropped;
  }

  /** Closes every subscription, and those made later. */
  void close() {
    closed = true;
    subscribers.forEach(Buffer::close);
  }

  /** One subscriber's bounded buffer. */
  private final class Buffer implements IqSubscription {

    private final int capacity;
    private final ArrayDeque<IqBlock> blocks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private long dropped;
    private boolean done;

    Buffer(int capacity) {
      this.capacity = capacity;
      this.blocks = new ArrayDeque<>(Math.min(capacity, 64));
    }

    void offer(IqBlock block) {
      lock.lock();
      try {
        if (done) {
          return;
        }
        if (blocks.size() == capacity) {
          dropped += blocks.removeFirst().sampleCount();
        }
        blocks.addLast(block);
        arrived.signal();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public IqBlock poll(Duration timeout) throws InterruptedException {
      long remaining = timeout.toNanos();
      lock.lock();
      try {
        while (blocks.isEmpty() && !done && remaining > 0) {
          remaining = arrived.awaitNanos(remaining);
        }
        return blocks.pollFirst();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long droppedSamples() {
      lock.lock();
      try {
        return dropped;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isClosed() {
      lock.lock();
      try {
        return done;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (done) {
          return;
        }
        done = true;
        blocks.clear();
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
      if (subscribers.remove(this)) {
        droppedBefore.addAndGet(droppedSamples());
      }
    }
  }
}
