package talos.driver.hamlib;

import talos.driver.DriverException;
import talos.driver.FailureCode;

import java.util.Map;

/**
 * A daemon's {@code RPRT n} answer with {@code n} below zero: the daemon understood the command and
 * Hamlib reported an error. The connection is still in step; only the command failed. Hamlib's
 * codes (the {@code rig_errcode_e} list of {@code rig.h}) map onto {@link FailureCode}s: errors of
 * the device's link ({@code -5} timeout, {@code -6} I/O, {@code -7} internal, {@code -8} protocol,
 * {@code -13} bus error, {@code -14} bus busy) are retryable, the others are not.
 */
final class HamlibException extends DriverException {

  private static final long serialVersionUID = 1L;

  /** A code's failure and its meaning in Hamlib's words. */
  private record Meaning(FailureCode code, String text) {
  }

  private static final Map<Integer, Meaning> MEANINGS = Map.ofEntries(
      Map.entry(-1, new Meaning(FailureCode.INVALID_ARGUMENT, "invalid parameter")),
      Map.entry(-2, new Meaning(FailureCode.CONFIGURATION, "invalid configuration")),
      Map.entry(-3, new Meaning(FailureCode.IO, "memory shortage")),
      Map.entry(-4, new Meaning(FailureCode.NOT_AVAILABLE, "function not implemented")),
      Map.entry(-5, new Meaning(FailureCode.TIMEOUT, "communication timed out")),
      Map.entry(-6, new Meaning(FailureCode.IO, "I/O error")),
      Map.entry(-7, new Meaning(FailureCode.PROTOCOL, "internal Hamlib error")),
      Map.entry(-8, new Meaning(FailureCode.PROTOCOL, "protocol error")),
      Map.entry(-9, new Meaning(FailureCode.REJECTED, "command rejected by the device")),
      Map.entry(-10, new Meaning(FailureCode.INVALID_ARGUMENT,
          "command performed, but argument truncated")),
      Map.entry(-11, new Meaning(FailureCode.NOT_AVAILABLE, "function not available")),
      Map.entry(-12, new Meaning(FailureCode.NOT_AVAILABLE, "VFO not targetable")),
      Map.entry(-13, new Meaning(FailureCode.IO, "error talking on the bus")),
      Map.entry(-14, new Meaning(FailureCode.IO, "collision on the bus")),
      Map.entry(-15, new Meaning(FailureCode.INVALID_ARGUMENT, "invalid pointer or argument")),
      Map.entry(-16, new Meaning(FailureCode.NOT_AVAILABLE, "invalid VFO")),
      Map.entry(-17, new Meaning(FailureCode.INVALID_ARGUMENT, "argument out of domain")),
      Map.entry(-18, new Meaning(FailureCode.NOT_AVAILABLE, "function deprecated")),
      Map.entry(-19, new Meaning(FailureCode.REJECTED, "security error")),
      Map.entry(-20, new Meaning(FailureCode.IO, "device not powered on")));

  private final int rprt;

  private HamlibException(FailureCode code, String message, int rprt) {
    super(code, message);
    this.rprt = rprt;
  }

  /**
   * The failure for an error code.
   *
   * @param rprt the code after {@code RPRT}, below zero
   * @param peer the daemon, such as {@code rotctld at 127.0.0.1:4533}
   * @param command the command it answered
   */
  static HamlibException of(int rprt, String peer, String command) {
    Meaning meaning = MEANINGS.getOrDefault(rprt,
        new Meaning(FailureCode.PROTOCOL, "an error code this driver does not know"));
    return new HamlibException(meaning.code(), peer + " answered '" + command + "' with RPRT "
        + rprt + " (" + meaning.text() + ")", rprt);
  }

  /** The code after {@code RPRT}. */
  int rprt() {
    return rprt;
  }
}
