package talos.driver;

import java.time.Duration;

/**
 * One subscriber's view of an {@link IqSource}: a bounded buffer of blocks that the source fills
 * and the subscriber empties at its own pace, on its own thread. When the buffer is full the
 * oldest block is dropped, so a subscriber that falls behind loses samples, never the source.
 */
public interface IqSubscription extends AutoCloseable {

  /**
   * The oldest block not taken yet, waiting up to {@code timeout} for one.
   *
   * @return the block, or {@code null} when none came in time or the subscription is closed
   * @throws InterruptedException when the waiting thread is interrupted
   */
  IqBlock poll(Duration timeout) throws InterruptedException;

  /** How many samples were dropped for this subscriber because its buffer was full. */
  long droppedSamples();

  /** Whether the subscription was closed, by the subscriber or by the source closing. */
  boolean isClosed();

  /** Ends the subscription; a {@link #poll} waiting returns {@code null}. Never fails. */
  @Override
  void close();
}
