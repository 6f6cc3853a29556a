package talos.core.director;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The director's beat keeps to its schedule whatever each tick costs. */
class TicksTest {

  private static final long MS = 1_000_000L;

  /** A tick that fires late does not push the following ticks back. */
  @Test
  void lateTicksDoNotDrift() {
    Ticks ticks = new Ticks(0, Duration.ofMillis(500));

    assertThat(ticks.fired(530 * MS)).isEqualTo(30 * MS);

    assertThat(ticks.delayMillis(540 * MS)).isEqualTo(460);
    assertThat(ticks.fired(1_001 * MS)).isEqualTo(1 * MS);
    assertThat(ticks.delayMillis(1_010 * MS)).isEqualTo(490);
  }

  /** A node that falls more than a period behind skips the missed ticks instead of bunching them. */
  @Test
  void skipsTicksMissedByMoreThanAPeriod() {
    Ticks ticks = new Ticks(0, Duration.ofMillis(500));

    assertThat(ticks.fired(2_200 * MS)).isEqualTo(1_700 * MS);

    assertThat(ticks.delayMillis(2_200 * MS)).isEqualTo(300);
  }

  /** An early wake-up still waits at least a millisecond. */
  @Test
  void neverAsksForAZeroDelay() {
    Ticks ticks = new Ticks(0, Duration.ofMillis(500));

    assertThat(ticks.delayMillis(500 * MS)).isEqualTo(1);
  }
}
