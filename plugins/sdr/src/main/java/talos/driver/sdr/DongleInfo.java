package talos.driver.sdr;

import talos.driver.DriverException;
import talos.driver.FailureCode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The 12-byte header rtl_tcp sends first on every connection: the magic {@code RTL0}, then the
 * tuner type and the number of gains the tuner offers, both big-endian.
 *
 * @param tuner the tuner chip
 * @param gains how many gain steps the tuner has
 */
record DongleInfo(Tuner tuner, long gains) {

  /** The header's length. */
  static final int LENGTH = 12;
  private static final byte[] MAGIC = "RTL0".getBytes(StandardCharsets.US_ASCII);

  /**
   * Reads a header.
   *
   * @param peer who sent it, for messages: {@code rtl_tcp at 127.0.0.1:1234}
   * @throws DriverException with {@link FailureCode#PROTOCOL} when it does not start with
   *     {@code RTL0}
   */
  static DongleInfo read(byte[] header, String peer) {
    ByteBuffer buffer = ByteBuffer.wrap(header);
    byte[] magic = new byte[MAGIC.length];
    buffer.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new DriverException(FailureCode.PROTOCOL, peer + " sent " + quote(header)
          + " where the header RTL0 was expected; is it rtl_tcp?");
    }
    long tuner = Integer.toUnsignedLong(buffer.getInt());
    long gains = Integer.toUnsignedLong(buffer.getInt());
    return new DongleInfo(Tuner.of(tuner), gains);
  }

  /** Bytes as messages quote them: printable ASCII as is, others as {@code \xNN}. */
  static String quote(byte[] bytes) {
    StringBuilder shown = new StringBuilder("'");
    for (byte b : bytes) {
      int c = b & 0xff;
      shown.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
          : String.format(Locale.ROOT, "\\x%02X", c));
    }
    return shown.append('\'').toString();
  }
}
