package talos.driver;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies I/Q blocks: their samples, what they say of the receiver, and what they refuse. */
class IqBlockTest {

  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  /** Unsigned 8-bit samples read as I and Q scaled around 127.5. */
  @Test
  void readsUnsignedSamplesAroundTheMiddle() {
    // GIVEN three CU8 samples: full negative, middle, full positive
    byte[] data = {0, (byte) 255, (byte) 127, (byte) 128, (byte) 255, 0};
    IqBlock block = new IqBlock(7, NOW, 145_800_000, 250_000, IqFormat.CU8, data);

    // WHEN the samples are read
    // THEN they are scaled to -1 … 1, I then Q
    assertThat(block.sampleCount()).isEqualTo(3);
    assertThat(block.i(0)).isEqualTo(-1f);
    assertThat(block.q(0)).isEqualTo(1f);
    assertThat(block.i(1)).isEqualTo(-0.5f / 127.5f);
    assertThat(block.q(1)).isEqualTo(0.5f / 127.5f);
    assertThat(block.i(2)).isEqualTo(1f);
    assertThat(block.q(2)).isEqualTo(-1f);
  }

  /** A block tells where and when it was read. */
  @Test
  void saysWhatTheReceiverWasSetTo() {
    // GIVEN a block
    IqBlock block = new IqBlock(7, NOW, 145_800_000, 250_000, IqFormat.CU8, new byte[4]);

    // WHEN it is inspected
    // THEN it has its number, time, tuning and rate
    assertThat(block.sequence()).isEqualTo(7);
    assertThat(block.time()).isEqualTo(NOW);
    assertThat(block.centerFrequency()).isEqualTo(145_800_000);
    assertThat(block.sampleRate()).isEqualTo(250_000);
    assertThat(block.format()).isEqualTo(IqFormat.CU8);
    assertThat(block).hasToString("IQ block 7: 2 CU8 samples at 145800000 Hz, 250000 samples/s, "
        + "2026-03-20T12:00:00Z");
  }

  /** The raw bytes can be read but not changed through the block. */
  @Test
  void givesTheBytesReadOnly() {
    // GIVEN a block
    IqBlock block = new IqBlock(0, NOW, 0, 1, IqFormat.CU8, new byte[] {1, 2});

    // WHEN its bytes are taken
    ByteBuffer bytes = block.bytes();

    // THEN they read as given and cannot be written
    assertThat(bytes.isReadOnly()).isTrue();
    assertThat(bytes.remaining()).isEqualTo(2);
    assertThat(bytes.get(1)).isEqualTo((byte) 2);
  }

  /** Half a sample, a negative number or a rate of zero is a programming error. */
  @Test
  void refusesWhatCannotBeABlock() {
    // GIVEN values that cannot make a block
    // WHEN blocks are made of them
    // THEN they are refused, saying why
    assertThatThrownBy(() -> new IqBlock(0, NOW, 0, 1, IqFormat.CU8, new byte[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("3 bytes are not whole CU8 samples of 2 bytes");
    assertThatThrownBy(() -> new IqBlock(-1, NOW, 0, 1, IqFormat.CU8, new byte[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IqBlock(0, NOW, -5, 1, IqFormat.CU8, new byte[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IqBlock(0, NOW, 0, 0, IqFormat.CU8, new byte[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the rate must be positive");
  }
}
