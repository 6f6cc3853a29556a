package talos.core.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies the per-connection message budget. */
class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void testABurstIsAllowedThenTheRateHolds() {
    TokenBucket bucket = new TokenBucket(50, 100, 0);

    int taken = 0;
    while (bucket.tryTake(0)) {
      taken++;
    }

    assertThat(taken).isEqualTo(100);
    assertThat(bucket.tryTake(SECOND / 100)).isFalse();
    assertThat(bucket.tryTake(SECOND / 50)).isTrue();
    assertThat(bucket.tryTake(SECOND / 50)).isFalse();
  }

  @Test
  void testAnIdleBucketRefillsOnlyUpToItsBurst() {
    TokenBucket bucket = new TokenBucket(10, 20, 0);

    int taken = 0;
    while (bucket.tryTake(3600 * SECOND)) {
      taken++;
    }

    assertThat(taken).isEqualTo(20);
  }

  @Test
  void testARateBelowOneIsRefused() {
    assertThatThrownBy(() -> new TokenBucket(0, 10, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }
}
