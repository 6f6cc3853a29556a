package talos.core.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies the per-connection epoch fence as a plain object. */
class EpochFenceTest {

  /** Verifies that the first command passes whatever its epoch, then only equal or higher ones. */
  @Test
  void testOnlyEqualOrHigherEpochsPassAfterTheFirst() {
    EpochFence fence = new EpochFence();
    assertThat(fence.highest()).isEqualTo(-1);

    assertThat(fence.admit(0)).isTrue();
    assertThat(fence.admit(7)).isTrue();
    assertThat(fence.admit(7)).isTrue();
    assertThat(fence.admit(6)).isFalse();
    assertThat(fence.admit(0)).isFalse();
    assertThat(fence.highest()).isEqualTo(7);
    assertThat(fence.admit(8)).isTrue();
    assertThat(fence.highest()).isEqualTo(8);
  }

  /** Verifies that a stale owner streaming one epoch is reported once, again when it changes. */
  @Test
  void testAStaleEpochIsReportedOnceInARow() {
    EpochFence fence = new EpochFence();

    assertThat(fence.firstRefusalOf(3)).isTrue();
    assertThat(fence.firstRefusalOf(3)).isFalse();
    assertThat(fence.firstRefusalOf(4)).isTrue();
    assertThat(fence.firstRefusalOf(3)).isTrue();
  }
}
