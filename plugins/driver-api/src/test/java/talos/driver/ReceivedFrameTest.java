package talos.driver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies that a received frame keeps its bytes to itself and refuses an empty frame. */
@Timeout(5)
class ReceivedFrameTest {

  private static final Instant AT = Instant.parse("2026-03-20T12:00:00Z");

  /** Verifies that changing the array given or returned does not change the frame. */
  @Test
  void keepsItsOwnCopyOfTheBytes() {
    // GIVEN a frame made from an array
    byte[] bytes = {1, 2, 3};
    ReceivedFrame frame = new ReceivedFrame(AT, bytes, 437_800_000L, -110.5, 9.0);

    // WHEN both the original array and a returned copy are changed
    bytes[0] = 9;
    frame.data()[1] = 9;

    // THEN the frame still holds what it was given
    assertThat(frame.data()).containsExactly(1, 2, 3);
    assertThat(frame.length()).isEqualTo(3);
    assertThat(frame).isEqualTo(new ReceivedFrame(AT, new byte[] {1, 2, 3}, 437_800_000L, -110.5,
        9.0));
    assertThat(frame.toString()).contains("3 bytes").contains("437800000 Hz");
  }

  /** Verifies that a frame with no bytes, no time or no array is refused, naming what is missing. */
  @Test
  void refusesAnEmptyFrame() {
    // GIVEN / WHEN frames are made without bytes, without a time and without an array
    // THEN each is refused
    assertThatThrownBy(() -> new ReceivedFrame(AT, new byte[0], null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one byte");
    assertThatThrownBy(() -> new ReceivedFrame(null, new byte[1], null, null, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("time");
    assertThatThrownBy(() -> new ReceivedFrame(AT, null, null, null, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("data");
  }
}
