package talos.driver.hamlib;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.Position;
import talos.driver.Range;
import talos.driver.RotatorOperation;

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
 * Verifies the rotator against the real {@code rotctld}: its dummy rotator (model 1), which slews
 * at 6° a second within azimuth −180° to 450° and elevation 0° to 90°, and parks at 0°, 0°.
 */
@Timeout(60)
class HamlibRotatorTest {

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

  private Daemons.Daemon rotctld(int model) {
    Daemons.Daemon daemon = Daemons.start("rotctld", model, logs.resolve("rotctld.log"));
    daemons.add(daemon);
    return daemon;
  }

  private static Position at(HamlibRotator rotator) {
    return result(rotator.position());
  }

  /** Opening reads the travel limits from dump_state and reports them as capabilities. */
  @Test
  void learnsItsTravelFromDumpState() {
    // GIVEN rotctld with its dummy rotator
    Daemons.Daemon daemon = rotctld(1);
    HamlibRotator rotator = bench.rotator(daemon.port(), Map.of());
    Range configured = rotator.capabilities().azimuth();

    // WHEN the rotator is opened
    result(rotator.open());

    // THEN its capabilities are the dummy's travel, not the configured fallback
    assertThat(configured).isEqualTo(new Range(0, 360));
    assertThat(rotator.capabilities().azimuth()).isEqualTo(new Range(-180, 450));
    assertThat(rotator.capabilities().elevation()).isEqualTo(new Range(0, 90));
    assertThat(rotator.capabilities().operations())
        .containsExactlyInAnyOrder(RotatorOperation.values());
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
    assertThat(rotator.health().detail()).contains("rotctld at 127.0.0.1:" + daemon.port())
        .contains("model 1");
  }

  /** A position set with P is read back with p once the dummy got there. */
  @Test
  void movesAndReadsThePositionBack() {
    // GIVEN an open rotator at az 0 el 0
    HamlibRotator rotator = bench.openRotator(rotctld(1).port(), Map.of());
    assertThat(at(rotator)).isEqualTo(new Position(0, 0));

    // WHEN it is sent to az 3.5 el 2.25
    result(rotator.moveTo(new Position(3.5, 2.25)));

    // THEN p reports the target once the dummy has slewed there
    await().atMost(Duration.ofSeconds(10))
        .until(() -> at(rotator).equals(new Position(3.5, 2.25)));
    assertThat(rotator.health().counters()).containsEntry("failures", 0L);
  }

  /** S stops a slew where it is. */
  @Test
  void stopsWhereItIs() {
    // GIVEN a rotator on its way to az 90 el 60
    HamlibRotator rotator = bench.openRotator(rotctld(1).port(), Map.of());
    result(rotator.moveTo(new Position(90, 60)));
    await().atMost(Duration.ofSeconds(10)).until(() -> at(rotator).azimuth() > 1);

    // WHEN it is stopped
    result(rotator.stop());
    Position stopped = at(rotator);

    // THEN it stays there, short of its target
    assertThat(stopped.azimuth()).isLessThan(90);
    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
        .until(() -> at(rotator).equals(stopped));
  }

  /** Park moves to the station's park position, or sends K with the park option set to command. */
  @Test
  void parksAtTheStationsPositionOrWithItsOwnCommand() {
    // GIVEN a rotator that parks by position and one that parks with K, on one daemon
    Daemons.Daemon daemon = rotctld(1);
    HamlibRotator byPosition = bench.openRotator(daemon.port(), Map.of());
    HamlibRotator byCommand = bench.openRotator(daemon.port(), Map.of("park", "command"));

    // WHEN the first parks at az 4 el 3
    result(byPosition.park(new Position(4, 3)));

    // THEN the dummy goes there
    await().atMost(Duration.ofSeconds(10)).until(() -> at(byPosition).equals(new Position(4, 3)));

    // AND WHEN the second parks, given a position it does not use
    result(byCommand.park(new Position(100, 45)));

    // THEN the dummy goes to its own park position, az 0 el 0
    await().atMost(Duration.ofSeconds(10)).until(() -> at(byCommand).equals(new Position(0, 0)));
  }

  /** A position the daemon refuses is an invalid argument, not retried, and harms nothing. */
  @Test
  void refusesAPositionOutsideTheDaemonsLimits() {
    // GIVEN an open rotator that would retry retryable failures
    HamlibRotator rotator = bench.openRotator(rotctld(1).port(), Map.of("retries", "2"));

    // WHEN it is sent past the dummy's elevation limit
    DriverException refused = failure(rotator.moveTo(new Position(10, 95)));

    // THEN RPRT -1 became INVALID_ARGUMENT, tried once, and the link still works
    assertThat(refused.code()).isEqualTo(FailureCode.INVALID_ARGUMENT);
    assertThat(refused.code().retryable()).isFalse();
    assertThat(refused).hasMessageContaining("'P 10.00 95.00'")
        .hasMessageContaining("RPRT -1 (invalid parameter)");
    assertThat(at(rotator)).isEqualTo(new Position(0, 0));
    DriverHealth health = rotator.health();
    assertThat(health.state()).isEqualTo(HealthState.OK);
    assertThat(health.counters()).containsEntry("failures", 1L).containsEntry("retries", 0L)
        .containsEntry("reconnects", 0L);
  }

  /** Commands a rotator model lacks fail as not available, from the daemon's own RPRT -11. */
  @Test
  void reportsCommandsTheModelLacksAsNotAvailable() {
    // GIVEN rotctld with the CNCTRK model (1601), which can neither report, stop nor park
    HamlibRotator rotator = bench.openRotator(rotctld(1601).port(), Map.of("retries", "2"));

    // WHEN each is asked for
    DriverException position = failure(rotator.position());
    DriverException stop = failure(rotator.stop());
    DriverException park = failure(rotator.park(null));

    // THEN each fails with NOT_AVAILABLE, not retried, and the travel is the model's
    for (DriverException failure : List.of(position, stop, park)) {
      assertThat(failure.code()).isEqualTo(FailureCode.NOT_AVAILABLE);
      assertThat(failure).hasMessageContaining("RPRT -11 (function not available)");
    }
    assertThat(park).hasMessageContaining("'K'");
    assertThat(rotator.capabilities().azimuth()).isEqualTo(new Range(0, 360));
    assertThat(rotator.capabilities().elevation()).isEqualTo(new Range(-20, 180));
    assertThat(rotator.health().counters()).containsEntry("retries", 0L)
        .containsEntry("failures", 3L);
  }

  /** A daemon killed mid-use makes the rotator unavailable; once it is back, the rotator works. */
  @Test
  void reconnectsAfterTheDaemonIsKilledAndRestarted() {
    // GIVEN an open rotator that has moved
    Daemons.Daemon daemon = rotctld(1);
    HamlibRotator rotator = bench.openRotator(daemon.port(), Map.of());
    result(rotator.moveTo(new Position(2, 1)));

    // WHEN the daemon is killed
    daemon.kill();

    // THEN the next call fails with a retryable I/O failure and health says why
    DriverException lost = failure(rotator.position());
    assertThat(lost.code()).isEqualTo(FailureCode.IO);
    assertThat(lost.code().retryable()).isTrue();
    DriverHealth down = rotator.health();
    assertThat(down.state()).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(down.detail()).contains("rotctld at 127.0.0.1:" + daemon.port())
        .contains("reconnecting at");

    // AND WHEN it is started again on the same port
    daemon.start();

    // THEN the rotator reconnects by itself and works again
    await().atMost(Duration.ofSeconds(10))
        .until(() -> rotator.health().state() == HealthState.OK);
    assertThat(at(rotator)).isEqualTo(new Position(0, 0));
    assertThat(rotator.health().counters()).containsEntry("reconnects", 1L);
  }
}
