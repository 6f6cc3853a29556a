package talos.driver.serial;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import talos.driver.DriverHealth;
import talos.driver.HealthState;
import talos.driver.Position;
import talos.driver.Range;
import talos.driver.RotatorOperation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static talos.driver.serial.SerialBench.result;

/**
 * Verifies the serial rotator against a controller simulator over a pair of pseudo-terminals,
 * in each protocol: moving, reading the position, stopping, and what health says.
 */
@Timeout(60)
class SerialRotatorTest {

  @TempDir
  Path folder;

  private final SerialBench bench = new SerialBench();
  private Pty pty;
  private ControllerSimulator controller;

  @BeforeEach
  void startPty() {
    Pty.require();
    pty = Pty.start(folder);
  }

  @AfterEach
  void tearDown() {
    bench.close();
    if (pty != null) {
      pty.close();
    }
    if (controller != null) {
      controller.close();
    }
  }

  private ControllerSimulator controller(Protocol protocol, double rate) throws IOException {
    controller = new ControllerSimulator(pty.controllerEnd(), protocol, rate, 10, 20);
    return controller;
  }

  /** A move reaches its target, as the position read back shows, in the protocol's own form. */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void movesAndReadsThePosition(Protocol protocol) throws IOException {
    // GIVEN a controller at az 10 el 20 slewing at 50°/s, and an opened rotator
    ControllerSimulator sim = controller(protocol, 50);
    SerialRotator rotator = bench.openRotator(protocol, pty.driverEnd(), Map.of());
    assertThat(result(rotator.position())).isEqualTo(new Position(10, 20));

    // WHEN it is sent to az 40 el 35
    result(rotator.moveTo(new Position(40, 35)));

    // THEN the position read back arrives there, and the commands were the protocol's
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(result(rotator.position())).isEqualTo(new Position(40, 35)));
    String move = protocol == Protocol.EASYCOMM2 ? "AZ40.0 EL35.0" : "W040 035";
    String query = protocol == Protocol.EASYCOMM2 ? "AZ EL" : "C2";
    assertThat(sim.commands()).startsWith(query, query, move).endsWith(query)
        .containsOnly(query, move);
  }

  /** A stop halts both axes short of the target and the position stays put afterwards. */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void stopsBothAxesWhereTheyAre(Protocol protocol) throws IOException {
    // GIVEN a controller slewing slowly towards a far target
    ControllerSimulator sim = controller(protocol, 5);
    SerialRotator rotator = bench.openRotator(protocol, pty.driverEnd(), Map.of());
    result(rotator.moveTo(new Position(200, 80)));
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.position()[0] > 12);

    // WHEN it is stopped
    result(rotator.stop());

    // THEN it no longer moves, well short of the target, and reads where it stopped
    await().atMost(Duration.ofSeconds(5)).until(() -> !sim.moving());
    Position stopped = result(rotator.position());
    assertThat(stopped.azimuth()).isBetween(12.0, 100.0);
    assertThat(stopped.elevation()).isBetween(20.0, 79.0);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(result(rotator.position())).isEqualTo(stopped));
    assertThat(sim.commands()).contains(protocol == Protocol.EASYCOMM2 ? "SA SE" : "S");
  }

  /** Easycomm carries tenths of a degree; GS-232 rounds to whole degrees. */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void sendsPositionsAtTheProtocolsResolution(Protocol protocol) throws IOException {
    // GIVEN an opened rotator
    ControllerSimulator sim = controller(protocol, 1000);
    SerialRotator rotator = bench.openRotator(protocol, pty.driverEnd(), Map.of());

    // WHEN it is sent to a position with hundredths
    result(rotator.moveTo(new Position(123.46, 45.04)));

    // THEN the position is sent and read back at the protocol's resolution
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      Position read = result(rotator.position());
      assertThat(read.azimuth()).isCloseTo(123.46, within(protocol.resolution() / 2 + 1e-9));
      assertThat(read.elevation()).isCloseTo(45.04, within(protocol.resolution() / 2 + 1e-9));
    });
    assertThat(sim.commands()).contains(protocol == Protocol.EASYCOMM2 ? "AZ123.5 EL45.0"
        : "W123 045");
  }

  /** GS-232 carries no negative azimuth: one is sent as the same direction from 0 to 360. */
  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"GS232A", "GS232B"})
  void sendsANegativeAzimuthAsItsEquivalent(Protocol protocol) throws IOException {
    // GIVEN an opened GS-232 rotator
    ControllerSimulator sim = controller(protocol, 1000);
    SerialRotator rotator = bench.openRotator(protocol, pty.driverEnd(),
        Map.of("azimuthMin", "0"));

    // WHEN it is sent to az -90
    result(rotator.moveTo(new Position(-90, 10)));

    // THEN the command says 270
    assertThat(sim.commands()).contains("W270 010");
  }

  /**
   * Capabilities follow the options; health names the line and the last position, and counts the
   * commands.
   */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void reportsCapabilitiesAndHealth(Protocol protocol) throws IOException {
    // GIVEN an opened rotator with a configured travel and rates
    controller(protocol, 50);
    SerialRotator rotator = bench.openRotator(protocol, pty.driverEnd(), Map.of(
        "azimuthMax", "360", "elevationMax", "90", "azimuthRate", "6", "elevationRate", "3"));

    // WHEN its capabilities and health are read
    DriverHealth health = rotator.health();

    // THEN they say what the options and the controller say
    assertThat(rotator.capabilities().azimuth()).isEqualTo(new Range(0, 360));
    assertThat(rotator.capabilities().elevation()).isEqualTo(new Range(0, 90));
    assertThat(rotator.capabilities().azimuthRate()).isEqualTo(6);
    assertThat(rotator.capabilities().operations()).containsExactlyInAnyOrder(
        RotatorOperation.GET_POSITION, RotatorOperation.SET_POSITION, RotatorOperation.STOP);
    assertThat(health.state()).isEqualTo(HealthState.OK);
    assertThat(health.detail()).startsWith(protocol.id() + " on " + pty.driverEnd()
        + " at 9600 8N1; az 10.00° el 20.00° read ");
    assertThat(health.counters()).containsEntry("commands", 1L).containsEntry("failures", 0L)
        .containsEntry("reconnects", 0L).containsKeys("retries", "polls", "strayBytes");
  }

  /** An idle link reads the position by itself every poll interval; a busy one does not. */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void pollsTheControllerWhenIdle(Protocol protocol) throws IOException {
    // GIVEN a rotator polling every 100 ms
    ControllerSimulator sim = controller(protocol, 50);
    SerialRotator rotator = bench.openRotator(protocol, pty.driverEnd(),
        Map.of("pollInterval", "100ms"));

    // WHEN nobody calls it for a while
    // THEN it queries the controller by itself and keeps health current
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.commands().size() >= 4);
    assertThat(sim.commands()).containsOnly(protocol.query());
    assertThat(rotator.health().counters().get("polls")).isGreaterThanOrEqualTo(3L);
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
  }

  /** Park moves to the position given, as the controllers have no park command. */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void parksByMoving(Protocol protocol) throws IOException {
    // GIVEN an opened rotator
    ControllerSimulator sim = controller(protocol, 1000);
    SerialRotator rotator = bench.openRotator(protocol, pty.driverEnd(), Map.of());

    // WHEN it is parked at az 0 el 90, and then without a position
    result(rotator.park(new Position(0, 90)));
    var withoutPosition = SerialBench.failure(rotator.park(null));

    // THEN it moved there, and parking without a position is not available
    assertThat(sim.commands()).contains(protocol.move(new Position(0, 90)));
    assertThat(withoutPosition.code()).isEqualTo(talos.driver.FailureCode.NOT_AVAILABLE);
  }
}
