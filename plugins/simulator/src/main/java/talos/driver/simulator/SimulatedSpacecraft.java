package talos.driver.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The satellite the simulated radio hears: a small spacecraft that sends one housekeeping packet
 * per frame, as a CCSDS space packet (CCSDS 133.0-B) of {@value #PACKET_LENGTH} bytes on APID
 * {@value #APID}. Its values follow a 95-minute orbit with sunlight and eclipse, plus noise.
 *
 * <p>The packet, all numbers big-endian:
 * <pre>
 *  0  primary header: version 0, type 0 (telemetry), secondary header present, APID
 *  2  sequence flags 0b11 (unsegmented), 14-bit sequence count, +1 per packet
 *  4  packet data length: bytes after the primary header - 1
 *  6  secondary header: on-board time, whole seconds since boot (uint32)
 * 10  battery voltage, mV (uint16)
 * 12  battery current, mA, positive when charging (int16)
 * 14  on-board computer temperature, 0.01 °C (int16)
 * 16  battery temperature, 0.01 °C (int16)
 * 18  solar panel currents +X -X +Y -Y +Z -Z, mA (6 x uint16)
 * 30  mode: 1 safe, 2 nominal (uint8)
 * 31  reboot count (uint16)
 * 33  payload samples, pseudo-random, up to the checksum
 * 126 CRC-16/CCITT-FALSE of bytes 0 to 125 (uint16)
 * </pre>
 * Not thread-safe: the radio calls it on the device's thread.
 */
final class SimulatedSpacecraft {

  /** The application process id of the housekeeping packets. */
  static final int APID = 100;
  /** The length of every packet, headers and checksum included, in bytes. */
  static final int PACKET_LENGTH = 128;
  /** The length of the primary header, in bytes. */
  static final int HEADER_LENGTH = 6;

  private static final double ORBIT_SECONDS = Duration.ofMinutes(95).toSeconds();
  private static final int NOMINAL_MODE = 2;
  private static final int SEQUENCE_MASK = 0x3fff;

  private final RandomGenerator random;
  private final Instant bootedAt;
  private final int reboots;
  private int sequence;

  /**
   * A spacecraft that booted some hours before {@code now}, with a sequence count to start from,
   * both drawn from {@code random}.
   */
  SimulatedSpacecraft(RandomGenerator random, Instant now) {
    this.random = random;
    this.bootedAt = now.minusSeconds(3_600 + random.nextInt(86_400));
    this.reboots = random.nextInt(40);
    this.sequence = random.nextInt(SEQUENCE_MASK + 1);
  }

  /** The next housekeeping packet, as sent at {@code time}. */
  byte[] packet(Instant time) {
    double seconds = Math.max(0, Duration.between(bootedAt, time).toMillis() / 1000.0);
    double sun = Math.sin(2 * Math.PI * seconds / ORBIT_SECONDS);
    byte[] packet = new byte[PACKET_LENGTH];
    int at = 0;

    // primary header
    at = putShort(packet, at, (1 << 11) | APID);
    at = putShort(packet, at, (0b11 << 14) | sequence);
    at = putShort(packet, at, PACKET_LENGTH - HEADER_LENGTH - 1);
    sequence = (sequence + 1) & SEQUENCE_MASK;

    // secondary header: on-board time
    long onBoard = (long) seconds;
    packet[at++] = (byte) (onBoard >>> 24);
    packet[at++] = (byte) (onBoard >>> 16);
    at = putShort(packet, at, (int) onBoard);

    // housekeeping: solar panels lit in the sun, the battery charging from them
    int[] panels = new int[6];
    int solar = 0;
    for (int i = 0; i < panels.length; i++) {
      double facing = Math.max(0, Math.cos(2 * Math.PI * seconds / 600 + i * Math.PI / 3));
      panels[i] = sun > -0.2 ? (int) Math.max(0, 180 * facing + noise(4)) : 0;
      solar += panels[i];
    }
    at = putShort(packet, at, (int) Math.round(7_800 + 250 * sun + noise(8)));
    at = putShort(packet, at, (int) Math.round(solar / 2.0 - 150 + noise(5)));
    at = putShort(packet, at, (int) Math.round(100 * (18 + 12 * sun + noise(0.2))));
    at = putShort(packet, at, (int) Math.round(100 * (12 + 6 * sun + noise(0.1))));
    for (int panel : panels) {
      at = putShort(packet, at, panel);
    }
    packet[at++] = (byte) NOMINAL_MODE;
    at = putShort(packet, at, reboots);

    // payload samples, then the checksum
    while (at < PACKET_LENGTH - 2) {
      packet[at++] = (byte) random.nextInt(256);
    }
    putShort(packet, at, crc16(packet, PACKET_LENGTH - 2));
    return packet;
  }

  /** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) of the first {@code length} bytes. */
  static int crc16(byte[] bytes, int length) {
    int crc = 0xffff;
    for (int i = 0; i < length; i++) {
      crc ^= (bytes[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xffff;
  }

  private double noise(double sigma) {
    return random.nextGaussian() * sigma;
  }

  private static int putShort(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 8);
    bytes[at + 1] = (byte) value;
    return at + 2;
  }
}
