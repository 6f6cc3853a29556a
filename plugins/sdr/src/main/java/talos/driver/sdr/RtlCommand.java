package talos.driver.sdr;

import java.nio.ByteBuffer;

/**
 * The rtl_tcp commands the driver sends: one byte of command and a four-byte big-endian
 * parameter, unanswered.
 */
enum RtlCommand {

  /** Tunes the center frequency, in hertz. */
  SET_FREQUENCY(0x01),
  /** Sets the sample rate, in samples per second. */
  SET_SAMPLE_RATE(0x02),
  /** Chooses the tuner gain: 0 automatic, 1 manual. */
  SET_GAIN_MODE(0x03),
  /** Sets the manual tuner gain, in tenths of a decibel. */
  SET_GAIN(0x04),
  /** Corrects the crystal's error, in parts per million (two's complement when negative). */
  SET_FREQUENCY_CORRECTION(0x05),
  /** Switches the RTL2832's digital AGC: 0 off, 1 on. */
  SET_AGC_MODE(0x08),
  /** Switches the bias tee that powers an LNA over the coax: 0 off, 1 on. */
  SET_BIAS_TEE(0x0e);

  /** The length of every command on the wire. */
  static final int LENGTH = 5;

  private final int code;

  RtlCommand(int code) {
    this.code = code;
  }

  /** The command byte. */
  int code() {
    return code;
  }

  /** The command with its parameter, as written to rtl_tcp; the low 32 bits of it are sent. */
  byte[] encode(long parameter) {
    return ByteBuffer.allocate(LENGTH).put((byte) code).putInt((int) parameter).array();
  }
}
