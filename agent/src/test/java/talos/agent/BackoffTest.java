package talos.agent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Exponential backoff with jitter between the initial delay and a growing ceiling. */
class BackoffTest {

  /** Delays start at the initial value, grow within a doubling ceiling and never pass the maximum. */
  @Test
  void growsWithinTheBoundsAndStartsOverAfterASuccess() {
    // GIVEN a backoff from 1 s to 30 s
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
        new SplittableRandom(7));

    // WHEN delays are drawn for ten failures in a row
    // THEN the n-th lies between 1 s and min(30 s, 2ⁿ s)
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    for (int n = 1; n < 10; n++) {
      long ceiling = Math.min(30_000, 1000L << n);
      assertThat(backoff.next().toMillis()).isBetween(1000L, ceiling);
    }
    assertThat(backoff.attempts()).isEqualTo(10);

    // AND after a success it starts over
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }
}
