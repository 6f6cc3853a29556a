package talos.driver.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import talos.driver.DriverException;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.RadioCapabilities;
import talos.driver.RadioOperation;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.driver.simulator.SimulatorBench.failure;
import static talos.driver.simulator.SimulatorBench.result;

/** Verifies the simulated radio's tuning, modes, refusals and health. */
@Timeout(20)
class SimulatedRadioTest {

  private final SimulatorBench bench = new SimulatorBench();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  /** A new radio listens on 145.8 MHz FM with no uplink set. */
  @Test
  void startsOnTwoMetresFm() {
    // GIVEN a new radio
    SimulatedRadio radio = bench.openRadio(Map.of());

    // WHEN its state is read
    long frequency = result(radio.frequency());
    String mode = result(radio.mode());

    // THEN it is on its start frequency and mode
    assertThat(frequency).isEqualTo(145_800_000L);
    assertThat(mode).isEqualTo("FM");
    assertThat(radio.uplinkFrequency()).isEmpty();
  }

  /** The downlink, uplink and mode take the values they are set to. */
  @Test
  void tunesDownlinkUplinkAndMode() {
    // GIVEN an open radio
    SimulatedRadio radio = bench.openRadio(Map.of());

    // WHEN it is tuned for a split-frequency USB pass
    result(radio.setFrequency(435_795_123L));
    result(radio.setUplinkFrequency(145_935_000L));
    result(radio.setMode("USB"));

    // THEN it reports those settings
    assertThat(result(radio.frequency())).isEqualTo(435_795_123L);
    assertThat(radio.uplinkFrequency()).hasValue(145_935_000L);
    assertThat(result(radio.mode())).isEqualTo("USB");
    assertThat(radio.health().state()).isEqualTo(HealthState.OK);
    assertThat(radio.health().counters()).containsEntry("commands", 5L);
  }

  /** Frequencies outside 1 MHz – 6 GHz are refused, naming the value and the range. */
  @ParameterizedTest
  @ValueSource(longs = {0L, 999_999L, 6_000_000_001L, 10_368_000_000L})
  void refusesAFrequencyItCannotTune(long hertz) {
    // GIVEN an open radio
    SimulatedRadio radio = bench.openRadio(Map.of());

    // WHEN it is tuned out of its range, for the downlink and the uplink
    DriverException downlink = failure(radio.setFrequency(hertz));
    DriverException uplink = failure(radio.setUplinkFrequency(hertz));

    // THEN both are refused and the radio stays where it was
    assertThat(downlink.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(downlink).hasMessage("frequency " + hertz
        + " Hz outside [1000000, 6000000000] Hz");
    assertThat(uplink.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(uplink).hasMessageStartingWith("uplink frequency " + hertz + " Hz");
    assertThat(result(radio.frequency())).isEqualTo(145_800_000L);
    assertThat(radio.uplinkFrequency()).isEmpty();
  }

  /** The band edges themselves can be tuned. */
  @Test
  void tunesTheEdgesOfItsRange() {
    // GIVEN an open radio
    SimulatedRadio radio = bench.openRadio(Map.of());

    // WHEN it is tuned to 1 MHz and to 6 GHz
    result(radio.setFrequency(1_000_000L));
    long lowest = result(radio.frequency());
    result(radio.setFrequency(6_000_000_000L));

    // THEN both are accepted
    assertThat(lowest).isEqualTo(1_000_000L);
    assertThat(result(radio.frequency())).isEqualTo(6_000_000_000L);
  }

  /** A mode the radio does not know is refused with the list of modes it does. */
  @Test
  void refusesAnUnknownMode() {
    // GIVEN an open radio
    SimulatedRadio radio = bench.openRadio(Map.of());

    // WHEN it is set to a mode it lacks
    DriverException refused = failure(radio.setMode("DSTAR"));

    // THEN it is refused and the mode is unchanged
    assertThat(refused.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(refused).hasMessage("mode DSTAR is not one of AM, CW, FM, FMN, LSB, PKTFM, "
        + "PKTUSB, USB");
    assertThat(result(radio.mode())).isEqualTo("FM");
    assertThat(radio.health().counters()).containsEntry("failures", 1L);
  }

  /** The radio offers every operation, its tuning range and its modes. */
  @Test
  void reportsItsCapabilities() {
    // GIVEN a radio
    SimulatedRadio radio = bench.provider.createRadio(bench.context("radio", Map.of()));

    // WHEN its capabilities are read
    RadioCapabilities capabilities = radio.capabilities();

    // THEN they cover 1 MHz – 6 GHz, the eight modes and every operation
    assertThat(capabilities.tunes(1_000_000L)).isTrue();
    assertThat(capabilities.tunes(6_000_000_000L)).isTrue();
    assertThat(capabilities.tunes(999_999L)).isFalse();
    assertThat(capabilities.modes())
        .containsExactlyInAnyOrder("FM", "AM", "USB", "LSB", "CW", "FMN", "PKTUSB", "PKTFM");
    assertThat(capabilities.operations()).containsExactlyInAnyOrder(RadioOperation.values());
  }
}
