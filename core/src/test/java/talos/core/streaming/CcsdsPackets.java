package talos.core.streaming;

import java.nio.ByteBuffer;

/** CCSDS space packets (CCSDS 133.0-B) for tests: a primary header and the given data. */
final class CcsdsPackets {

  private CcsdsPackets() {
  }

  /**
   * A telemetry packet, unsegmented, without a secondary header.
   *
   * @param apid the application process identifier, 0 to 2047
   * @param sequenceCount the packet sequence count, 0 to 16383
   * @param data the packet data field, 1 to 65536 bytes
   */
  static byte[] telemetry(int apid, int sequenceCount, byte[] data) {
    if (apid < 0 || apid > 0x7ff) {
      throw new IllegalArgumentException("apid " + apid + " is not allowed: 0 to 2047");
    }
    if (sequenceCount < 0 || sequenceCount > 0x3fff) {
      throw new IllegalArgumentException("sequenceCount " + sequenceCount
          + " is not allowed: 0 to 16383");
    }
    if (data.length < 1 || data.length > 65_536) {
      throw new IllegalArgumentException("data of " + data.length
          + " bytes is not allowed: 1 to 65536 bytes");
    }
    return ByteBuffer.allocate(6 + data.length)
        // version 0, type 0 (telemetry), no secondary header, then the APID
        .putShort((short) apid)
        // sequence flags 11: a packet of its own
        .putShort((short) (0xc000 | sequenceCount))
        .putShort((short) (data.length - 1))
        .put(data)
        .array();
  }
}
