package talos.agent;

import org.junit.jupiter.api.Test;
import talos.driver.DriverException;
import talos.driver.FailureCode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Command lines of Hamlib's daemons read, and answers written, the way Hamlib's clients expect. */
class HamlibCommandTest {

  private static final Map<Character, String> NAMES = Map.of('P', "set_pos", 'p', "get_pos");

  /** Short and long forms, extended prefixes and loose white space all read the same. */
  @Test
  void readsShortLongAndExtendedForms() {
    assertThat(parse("P 10 20")).isEqualTo(new HamlibCommand("set_pos", List.of("10", "20"), '\0'));
    assertThat(parse("\\set_pos  10\t20\r")).isEqualTo(new HamlibCommand("set_pos",
        List.of("10", "20"), '\0'));
    assertThat(parse("+p")).isEqualTo(new HamlibCommand("get_pos", List.of(), '\n'));
    assertThat(parse(";\\get_pos")).isEqualTo(new HamlibCommand("get_pos", List.of(), ';'));
    assertThat(parse("P10 20").args()).containsExactly("10", "20");
    assertThat(parse("Z 1").name()).isEqualTo("Z");
    assertThat(HamlibCommand.parse("  \r", NAMES)).isEmpty();
    assertThat(HamlibCommand.parse("+", NAMES)).isEmpty();
  }

  /** Plain answers are values a line or RPRT; extended ones echo the command and label values. */
  @Test
  void writesPlainAndExtendedAnswers() {
    HamlibReply position = HamlibReply.values("Azimuth", "10.00", "Elevation", "20.00");
    assertThat(position.format(parse("p"))).isEqualTo("10.00\n20.00\n");
    assertThat(position.format(parse("+p")))
        .isEqualTo("get_pos:\nAzimuth: 10.00\nElevation: 20.00\nRPRT 0\n");
    assertThat(position.format(parse("|p")))
        .isEqualTo("get_pos:|Azimuth: 10.00|Elevation: 20.00|RPRT 0\n");
    assertThat(HamlibReply.ok().format(parse("P 10 20"))).isEqualTo("RPRT 0\n");
    assertThat(HamlibReply.ok().format(parse("+P 10 20"))).isEqualTo("set_pos: 10 20\nRPRT 0\n");
    assertThat(HamlibReply.error(-9).format(parse("P 10 20"))).isEqualTo("RPRT -9\n");
    assertThat(HamlibReply.error(-9).format(parse("+p"))).isEqualTo("get_pos:\nRPRT -9\n");
    assertThat(HamlibReply.lines(List.of("1", "done")).format(parse("p"))).isEqualTo("1\ndone\n");
  }

  /** Driver failures become the Hamlib codes closest to them. */
  @Test
  void mapsDriverFailuresToHamlibCodes() {
    assertThat(code(FailureCode.INVALID_ARGUMENT)).isEqualTo(-1);
    assertThat(code(FailureCode.TIMEOUT)).isEqualTo(-5);
    assertThat(code(FailureCode.IO)).isEqualTo(-6);
    assertThat(code(FailureCode.REJECTED)).isEqualTo(-9);
    assertThat(code(FailureCode.NOT_AVAILABLE)).isEqualTo(-11);
    assertThat(HamlibReply.failure(new IllegalStateException("bug")).code()).isEqualTo(-7);
  }

  private static HamlibCommand parse(String line) {
    return HamlibCommand.parse(line, NAMES).orElseThrow();
  }

  private static int code(FailureCode failure) {
    return HamlibReply.failure(new DriverException(failure, "failed")).code();
  }
}
