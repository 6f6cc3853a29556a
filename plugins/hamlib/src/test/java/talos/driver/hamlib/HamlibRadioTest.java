package talos.driver.hamlib;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.driver.DriverException;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static talos.driver.hamlib.HamlibBench.failure;
import static talos.driver.hamlib.HamlibBench.result;

/**
 * Verifies the radio against the real {@code rigctld} with its dummy rig (model 1): it receives
 * 150 kHz to 1.5 GHz, transmits, and starts on 145 MHz FM.
 */
@Timeout(60)
class HamlibRadioTest {

  @TempDir
  Path logs;

  private final HamlibBench bench = new HamlibBench();
  private final List<Daemons.Daemon> daemons = new ArrayList<>();

  @BeforeEach
  void requireHamlib() {
    Daemons.require();
  }

  @AfterEach
  void tearDown() {
    bench.close();
    daemons.forEach(Daemons.Daemon::close);
  }

  private Daemons.Daemon rigctld() {
    Daemons.Daemon daemon = Daemons.start("rigctld", 1, logs.resolve("rigctld.log"));
    daemons.add(daemon);
    return daemon;
  }

  /** Opening reads the receive ranges, the modes and the transmit ranges from dump_state. */
  @Test
  void learnsRangesAndModesFromDumpState() {
    // GIVEN rigctld with its dummy rig
    HamlibRadio radio = bench.radio(rigctld().port(), Map.of());

    // WHEN the radio is opened
    result(radio.open());

    // THEN its capabilities are the dummy's, uplink included since it transmits
    assertThat(radio.capabilities().frequencies()).containsExactly(new Range(150_000, 1.5e9));
    assertThat(radio.capabilities().modes())
        .containsExactlyInAnyOrder("AM", "CW", "USB", "LSB", "RTTY", "FM", "WFM", "CWR", "RTTYR");
    assertThat(radio.capabilities().operations())
        .containsExactlyInAnyOrder(RadioOperation.values());
    assertThat(radio.health().state()).isEqualTo(HealthState.OK);
    assertThat(radio.health().detail()).contains("model 1");
  }

  /** A frequency set with F is read back with f. */
  @Test
  void tunesAndReadsTheFrequencyBack() {
    // GIVEN an open radio on the dummy's 145 MHz
    HamlibRadio radio = bench.openRadio(rigctld().port(), Map.of());
    assertThat(result(radio.frequency())).isEqualTo(145_000_000L);

    // WHEN it is tuned twice
    result(radio.setFrequency(145_800_000L));
    long first = result(radio.frequency());
    result(radio.setFrequency(437_125_000L));

    // THEN f reads back each frequency to the hertz
    assertThat(first).isEqualTo(145_800_000L);
    assertThat(result(radio.frequency())).isEqualTo(437_125_000L);
  }

  /** A mode set with M is read back with m. */
  @Test
  void setsAndReadsTheModeBack() {
    // GIVEN an open radio in FM
    HamlibRadio radio = bench.openRadio(rigctld().port(), Map.of());
    assertThat(result(radio.mode())).isEqualTo("FM");

    // WHEN it is set to USB, then to CW with a 500 Hz passband on another device
    result(radio.setMode("USB"));
    String usb = result(radio.mode());
    HamlibRadio narrow = bench.openRadio(daemons.get(0).port(), Map.of("passband", "500"));
    result(narrow.setMode("CW"));

    // THEN m reads back each mode
    assertThat(usb).isEqualTo("USB");
    assertThat(result(radio.mode())).isEqualTo("CW");
  }

  /** The uplink is tuned in split, leaving the downlink where it was. */
  @Test
  void tunesTheUplinkInSplit() {
    // GIVEN an open radio on 145.8 MHz
    HamlibRadio radio = bench.openRadio(rigctld().port(), Map.of());
    result(radio.setFrequency(145_800_000L));

    // WHEN its uplink is tuned twice
    result(radio.setUplinkFrequency(435_000_000L));
    result(radio.setUplinkFrequency(435_005_000L));

    // THEN i reads the last uplink back and f the unchanged downlink
    assertThat(result(radio.uplinkFrequency())).isEqualTo(435_005_000L);
    assertThat(result(radio.frequency())).isEqualTo(145_800_000L);
  }

  /** A radio configured without an uplink VFO offers no uplink and refuses one without sending. */
  @Test
  void offersNoUplinkWithoutAnUplinkVfo() {
    // GIVEN a radio whose uplink VFO is none
    HamlibRadio radio = bench.openRadio(rigctld().port(), Map.of("uplinkVfo", "none"));

    // WHEN an uplink is tuned
    DriverException refused = failure(radio.setUplinkFrequency(435_000_000L));

    // THEN it is not offered, and refused as not available
    assertThat(radio.capabilities().supports(RadioOperation.SET_UPLINK_FREQUENCY)).isFalse();
    assertThat(refused.code()).isEqualTo(FailureCode.NOT_AVAILABLE);
    assertThat(refused).hasMessageContaining("uplinkVfo");
  }

  /** A mode name that could smuggle a second command is refused before anything is sent. */
  @Test
  void refusesAModeThatIsNoHamlibName() {
    // GIVEN an open radio
    HamlibRadio radio = bench.openRadio(rigctld().port(), Map.of());
    long commands = radio.health().counters().get("commands");

    // WHEN a mode with a line break is set
    DriverException refused = failure(radio.setMode("FM 0\nF 1"));

    // THEN it is an invalid argument, never sent, and the mode is unchanged
    assertThat(refused.code()).isEqualTo(FailureCode.INVALID_ARGUMENT);
    assertThat(refused).hasMessageContaining("\\x0A");
    assertThat(radio.health().counters()).containsEntry("commands", commands);
    assertThat(result(radio.mode())).isEqualTo("FM");
  }

  /** dump_state ends with settings and done once another client asked chk_vfo; both are read. */
  @Test
  void readsDumpStateAfterAnotherClientAskedChkVfo() throws IOException {
    // GIVEN rigctld that another client asked \chk_vfo, which changes every later dump_state
    Daemons.Daemon daemon = rigctld();
    try (Socket other = new Socket(InetAddress.getLoopbackAddress(), daemon.port())) {
      OutputStream out = other.getOutputStream();
      out.write("\\chk_vfo\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = other.getInputStream();
      assertThat(in.read()).isEqualTo('0');
    }

    // WHEN a radio opens and is used
    HamlibRadio radio = bench.openRadio(daemon.port(), Map.of());
    result(radio.setFrequency(146_000_000L));

    // THEN it read its ranges and the trailing lines did not spill into the next answer
    assertThat(radio.capabilities().frequencies()).containsExactly(new Range(150_000, 1.5e9));
    assertThat(result(radio.frequency())).isEqualTo(146_000_000L);
    assertThat(radio.health().counters()).containsEntry("failures", 0L);
  }

  /** A daemon killed mid-use makes the radio unavailable; once back, split is turned on again. */
  @Test
  void reconnectsAfterTheDaemonIsKilledAndRestarted() {
    // GIVEN an open radio with its uplink tuned
    Daemons.Daemon daemon = rigctld();
    HamlibRadio radio = bench.openRadio(daemon.port(), Map.of());
    result(radio.setUplinkFrequency(435_000_000L));

    // WHEN the daemon is killed
    daemon.kill();

    // THEN the next call fails with a retryable failure and health is unavailable
    DriverException lost = failure(radio.frequency());
    assertThat(lost.code().retryable()).isTrue();
    assertThat(radio.health().state()).isEqualTo(HealthState.UNAVAILABLE);

    // AND WHEN it is started again, the radio reconnects and the uplink works as before
    daemon.start();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> radio.health().state() == HealthState.OK);
    result(radio.setUplinkFrequency(436_000_000L));
    assertThat(result(radio.uplinkFrequency())).isEqualTo(436_000_000L);
    assertThat(radio.health().counters()).containsEntry("reconnects", 1L);
  }
}
