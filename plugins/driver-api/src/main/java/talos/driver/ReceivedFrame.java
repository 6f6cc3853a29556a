package talos.driver;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A data frame a radio received and decoded: its bytes as the satellite sent them (without any
 * framing of the station's own, such as HDLC flags, sync words or a KISS header) and what the
 * radio knew of the signal. The frame keeps a copy of the bytes and hands out copies.
 *
 * @param time when the frame was received, read from the device's {@link DriverContext#clock()}
 * @param data the frame's bytes, at least one
 * @param frequency the frequency it was received on in hertz, or {@code null} when unknown
 * @param rssi the received signal strength in dBm, or {@code null} when unknown
 * @param snr the signal-to-noise ratio in dB, or {@code null} when unknown
 */
public record ReceivedFrame(Instant time, byte[] data, Long frequency, Double rssi, Double snr) {

  /**
   * A frame.
   *
   * @throws NullPointerException when {@code time} or {@code data} is {@code null}
   * @throws IllegalArgumentException when {@code data} is empty
   */
  public ReceivedFrame {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
    if (data.length == 0) {
      throw new IllegalArgumentException("a frame has at least one byte");
    }
    data = data.clone();
  }

  /** A copy of the frame's bytes. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** How many bytes the frame holds. */
  public int length() {
    return data.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReceivedFrame frame && time.equals(frame.time)
        && Arrays.equals(data, frame.data) && Objects.equals(frequency, frame.frequency)
        && Objects.equals(rssi, frame.rssi) && Objects.equals(snr, frame.snr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, Arrays.hashCode(data), frequency, rssi, snr);
  }

  @Override
  public String toString() {
    return "frame of " + data.length + " bytes at " + time
        + (frequency == null ? "" : ", " + frequency + " Hz")
        + (rssi == null ? "" : ", " + rssi + " dBm") + (snr == null ? "" : ", SNR " + snr + " dB");
  }
}
