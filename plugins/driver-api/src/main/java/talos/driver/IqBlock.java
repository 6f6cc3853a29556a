package talos.driver;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A run of consecutive I/Q samples from a receiver, with what the receiver was set to when they
 * were read. Blocks are numbered in the order the source read them: a gap in {@link #sequence()}
 * seen by a subscriber means blocks were dropped for it. The bytes are shared between subscribers
 * and never change.
 */
public final class IqBlock {

  private final long sequence;
  private final Instant time;
  private final long centerFrequency;
  private final int sampleRate;
  private final IqFormat format;
  private final byte[] data;

  /**
   * A block; it keeps {@code data} without copying it, so the caller must not change it later.
   *
   * @param sequence the block's number, from 0, in the order the source read them
   * @param time when the block's last sample was read
   * @param centerFrequency the frequency the tuner was set to, in hertz
   * @param sampleRate samples per second
   * @throws IllegalArgumentException when the data is not whole samples or a value is negative
   */
  public IqBlock(long sequence, Instant time, long centerFrequency, int sampleRate,
                 IqFormat format, byte[] data) {
    if (sequence < 0 || centerFrequency < 0 || sampleRate <= 0) {
      throw new IllegalArgumentException("block " + sequence + " at " + centerFrequency + " Hz, "
          + sampleRate + " samples/s: sequence and frequency must not be negative, the rate must"
          + " be positive");
    }
    if (data.length % format.bytesPerSample() != 0) {
      throw new IllegalArgumentException(data.length + " bytes are not whole " + format
          + " samples of " + format.bytesPerSample() + " bytes");
    }
    this.sequence = sequence;
    this.time = time;
    this.centerFrequency = centerFrequency;
    this.sampleRate = sampleRate;
    this.format = format;
    this.data = data;
  }

  /** The block's number in the order the source read them, from 0. */
  public long sequence() {
    return sequence;
  }

  /** When the block's last sample was read. */
  public Instant time() {
    return time;
  }

  /** The frequency the tuner was set to when the block was read, in hertz. */
  public long centerFrequency() {
    return centerFrequency;
  }

  /** Samples per second. */
  public int sampleRate() {
    return sampleRate;
  }

  /** How the bytes are laid out. */
  public IqFormat format() {
    return format;
  }

  /** How many I/Q samples the block holds. */
  public int sampleCount() {
    return data.length / format.bytesPerSample();
  }

  /** The in-phase part of sample {@code n}, scaled to -1 … 1. */
  public float i(int n) {
    return scale(data[n * 2]);
  }

  /** The quadrature part of sample {@code n}, scaled to -1 … 1. */
  public float q(int n) {
    return scale(data[n * 2 + 1]);
  }

  /** The raw bytes, read-only, as the format lays them out. */
  public ByteBuffer bytes() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  private static float scale(byte value) {
    return ((value & 0xff) - 127.5f) / 127.5f;
  }

  @Override
  public String toString() {
    return "IQ block " + sequence + ": " + sampleCount() + " " + format + " samples at "
        + centerFrequency + " Hz, " + sampleRate + " samples/s, " + time;
  }
}
