package talos.driver.hamlib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import talos.driver.DriverException;
import talos.driver.FailureCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Verifies how answers are read and how Hamlib's error codes map onto failure codes. */
class RepliesTest {

  /** Each of Hamlib's error codes has its failure code; only link errors are retryable. */
  @ParameterizedTest
  @CsvSource({
      "-1, INVALID_ARGUMENT, false, invalid parameter",
      "-2, CONFIGURATION, false, invalid configuration",
      "-3, IO, true, memory shortage",
      "-4, NOT_AVAILABLE, false, function not implemented",
      "-5, TIMEOUT, true, communication timed out",
      "-6, IO, true, I/O error",
      "-7, PROTOCOL, true, internal Hamlib error",
      "-8, PROTOCOL, true, protocol error",
      "-9, REJECTED, false, command rejected by the device",
      "-10, INVALID_ARGUMENT, false, 'command performed, but argument truncated'",
      "-11, NOT_AVAILABLE, false, function not available",
      "-12, NOT_AVAILABLE, false, VFO not targetable",
      "-13, IO, true, error talking on the bus",
      "-14, IO, true, collision on the bus",
      "-15, INVALID_ARGUMENT, false, invalid pointer or argument",
      "-16, NOT_AVAILABLE, false, invalid VFO",
      "-17, INVALID_ARGUMENT, false, argument out of domain",
      "-18, NOT_AVAILABLE, false, function deprecated",
      "-19, REJECTED, false, security error",
      "-20, IO, true, device not powered on",
      "-99, PROTOCOL, true, an error code this driver does not know"})
  void mapsHamlibErrorCodes(int rprt, FailureCode code, boolean retryable, String meaning) {
    // GIVEN a set command answered with the code
    ScriptedLines answer = new ScriptedLines("S", "RPRT " + rprt + "\n");

    // WHEN the answer is read
    HamlibException refused = catchThrowableOfType(HamlibException.class,
        () -> Replies.expectOk(answer));

    // THEN the failure has the mapped code and names the command, the code and its meaning
    assertThat(refused.code()).isEqualTo(code);
    assertThat(refused.code().retryable()).isEqualTo(retryable);
    assertThat(refused).hasMessage("rigctld at 127.0.0.1:4532 answered 'S' with RPRT " + rprt
        + " (" + meaning + ")");
  }

  /** RPRT 0 is success; a value where RPRT was expected is a protocol failure. */
  @Test
  void readsTheAnswerToASetCommand() {
    // GIVEN a success and a stray value
    ScriptedLines ok = new ScriptedLines("F 145800000", "RPRT 0\n");
    ScriptedLines value = new ScriptedLines("F 145800000", "145800000\n");

    // WHEN they are read as answers to F
    Replies.expectOk(ok);
    DriverException stray = catchThrowableOfType(DriverException.class,
        () -> Replies.expectOk(value));

    // THEN the first passes, the second is a protocol failure
    assertThat(ok.remaining()).isZero();
    assertThat(stray.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(stray).hasMessageContaining("with '145800000' where RPRT 0 was expected");
  }

  /** Numbers are read as the daemons print them, a decimal comma included. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "145800000|145800000",
      "145800000.000000|145800000",
      "-180.000000|-180",
      "  12.50 |12.5",
      "12,50|12.5",
      "1e3|1000"})
  void readsNumbers(String line, double expected) {
    assertThat(Replies.number(new ScriptedLines("p", ""), line, "azimuth")).isEqualTo(expected);
  }

  /** What is not a number is a protocol failure that quotes it safely. */
  @Test
  void refusesWhatIsNotANumber() {
    // GIVEN a line with a control character and a byte that is not ASCII
    String line = "12\u0007\u00e9";

    // WHEN it is read as a number
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> Replies.number(new ScriptedLines("p", ""), line, "azimuth"));

    // THEN the message shows the bytes escaped
    assertThat(refused.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(refused).hasMessage("rigctld at 127.0.0.1:4532 answered 'p' with '12\\x07\\xE9'"
        + " where the azimuth as a number was expected");
  }

  /** A get command answered by RPRT 0 alone has no value: a protocol failure. */
  @Test
  void refusesAGetAnswerWithoutValue() {
    // GIVEN f answered with RPRT 0
    ScriptedLines answer = new ScriptedLines("f", "RPRT 0\n");

    // WHEN its value is read
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> Replies.firstValue(answer));

    // THEN it is a protocol failure
    assertThat(refused.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(refused).hasMessageContaining("where a value was expected");
  }
}
