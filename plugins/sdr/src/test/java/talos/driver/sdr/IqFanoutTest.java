package talos.driver.sdr;

import org.junit.jupiter.api.Test;
import talos.driver.IqBlock;
import talos.driver.IqFormat;
import talos.driver.IqSubscription;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static talos.driver.sdr.RtlTcpBench.result;

/** Verifies how blocks are handed to subscribers: bounded buffers, drops, and closing. */
class IqFanoutTest {

  private final IqFanout fanout = new IqFanout();

  private static IqBlock block(long sequence) {
    return new IqBlock(sequence, Instant.EPOCH, 100_000_000, 250_000, IqFormat.CU8,
        new byte[200]);
  }

  /** Blocks come out in order; a full buffer drops its oldest block, counted in samples. */
  @Test
  void dropsTheOldestBlockWhenFull() throws InterruptedException {
    // GIVEN a subscription holding two blocks
    IqSubscription subscription = fanout.subscribe(2);

    // WHEN three blocks of 100 samples are published
    fanout.publish(block(0));
    fanout.publish(block(1));
    fanout.publish(block(2));

    // THEN the first was dropped and the others come out in order
    assertThat(subscription.droppedSamples()).isEqualTo(100);
    assertThat(subscription.poll(Duration.ZERO).sequence()).isEqualTo(1);
    assertThat(subscription.poll(Duration.ZERO).sequence()).isEqualTo(2);
    assertThat(subscription.poll(Duration.ofMillis(10))).isNull();
    assertThat(fanout.droppedSamples()).isEqualTo(100);
  }

  /** Each subscriber has its own buffer: one falling behind costs the other nothing. */
  @Test
  void keepsSubscribersApart() throws InterruptedException {
    // GIVEN a small and a large subscription
    IqSubscription small = fanout.subscribe(1);
    IqSubscription large = fanout.subscribe(10);

    // WHEN three blocks are published
    for (int i = 0; i < 3; i++) {
      fanout.publish(block(i));
    }

    // THEN the large one has all three
    assertThat(small.droppedSamples()).isEqualTo(200);
    assertThat(large.droppedSamples()).isZero();
    assertThat(large.poll(Duration.ZERO).sequence()).isZero();
    assertThat(fanout.subscribers()).isEqualTo(2);
  }

  /** Closing wakes a waiting subscriber, forgets the subscription and keeps its drop count. */
  @Test
  void closingWakesAWaitingSubscriber() {
    // GIVEN a subscriber waiting for a block, having lost one
    IqSubscription subscription = fanout.subscribe(1);
    fanout.publish(block(0));
    fanout.publish(block(1));
    assertThat(subscription.droppedSamples()).isEqualTo(100);
    CompletableFuture<IqBlock> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        subscription.poll(Duration.ZERO);
        return subscription.poll(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    // WHEN the fan-out is closed
    fanout.close();

    // THEN the waiting poll returns nothing at once, and the drops are still counted
    assertThat(result(waiting)).isNull();
    assertThat(subscription.isClosed()).isTrue();
    assertThat(fanout.subscribers()).isZero();
    assertThat(fanout.droppedSamples()).isEqualTo(100);
    assertThat(fanout.subscribe(1).isClosed()).isTrue();
  }

  /** A buffer must hold at least one block. */
  @Test
  void refusesAnEmptyBuffer() {
    // GIVEN no room at all
    // WHEN subscribing
    // THEN it is refused
    assertThatThrownBy(() -> fanout.subscribe(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an I/Q subscription holds at least 1 block, not 0");
  }
}
