package talos.driver.serial;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import talos.driver.Position;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies the commands each protocol writes and the answers it reads, without a port. */
class ProtocolTest {

  /** Moves, queries and stops are written in each protocol's own form. */
  @Test
  void writesEachProtocolsCommands() {
    // GIVEN a target with hundredths of a degree
    Position target = new Position(123.46, 5.04);

    // WHEN each protocol writes its commands
    // THEN GS-232 writes whole degrees with three digits, Easycomm tenths
    assertThat(Protocol.GS232A.move(target)).isEqualTo("W123 005");
    assertThat(Protocol.GS232B.move(target)).isEqualTo("W123 005");
    assertThat(Protocol.EASYCOMM2.move(target)).isEqualTo("AZ123.5 EL5.0");
    assertThat(Protocol.GS232B.query()).isEqualTo("C2");
    assertThat(Protocol.EASYCOMM2.query()).isEqualTo("AZ EL");
    assertThat(Protocol.GS232A.stop()).isEqualTo("S");
    assertThat(Protocol.EASYCOMM2.stop()).isEqualTo("SA SE");
    assertThat(Protocol.GS232A.terminator()).isEqualTo("\r");
    assertThat(Protocol.EASYCOMM2.terminator()).isEqualTo("\n");
  }

  /** Each protocol reads its own answer forms, with the spacing real controllers use. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GS232A    | +0123+0045        | 123 | 45",
      "GS232A    | +0450+0180        | 450 | 180",
      "GS232A    | +0000+0000        | 0   | 0",
      "GS232B    | AZ=123  EL=045    | 123 | 45",
      "GS232B    | AZ=123 EL=045     | 123 | 45",
      "GS232B    | AZ = 7 EL = 90    | 7   | 90",
      "EASYCOMM2 | AZ123.4 EL45.6    | 123.4 | 45.6",
      "EASYCOMM2 | AZ12 EL3          | 12  | 3",
      "EASYCOMM2 | AZ-5.0 EL-1.25    | -5  | -1.25",
      "EASYCOMM2 | AZ 359.99 EL 0.10 | 359.99 | 0.1"})
  void readsPositionAnswers(Protocol protocol, String line, double azimuth, double elevation) {
    // GIVEN an answer line
    // WHEN it is read
    Optional<Position> position = protocol.position(line);

    // THEN it gives the position
    assertThat(position).contains(new Position(azimuth, elevation));
  }

  /** A line of another protocol, or no position at all, is not read as one. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GS232A    | AZ=123  EL=045",
      "GS232A    | ?>",
      "GS232B    | +0123+0045",
      "GS232B    | AZ=123",
      "GS232B    | AZ=1234 EL=045",
      "EASYCOMM2 | AZ=123  EL=045",
      "EASYCOMM2 | AZ123.4",
      "EASYCOMM2 | VE1.0"})
  void refusesOtherLines(Protocol protocol, String line) {
    // GIVEN a line that is not this protocol's position answer
    // WHEN it is read
    // THEN no position comes out
    assertThat(protocol.position(line)).isEmpty();
  }

  /** Protocols are named as the protocol option writes them, and listed for messages. */
  @Test
  void namesTheProtocols() {
    // GIVEN the names
    // WHEN they are looked up
    // THEN each finds its protocol, and the list reads naturally
    assertThat(Protocol.named("gs232b")).contains(Protocol.GS232B);
    assertThat(Protocol.named("GS232B")).isEmpty();
    assertThat(Protocol.names()).isEqualTo("gs232a, gs232b or easycomm2");
    assertThat(Protocol.GS232A.refuses()).isTrue();
    assertThat(Protocol.EASYCOMM2.refuses()).isFalse();
  }
}
