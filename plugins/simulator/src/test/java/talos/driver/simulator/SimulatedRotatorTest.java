package talos.driver.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.driver.DriverException;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.Position;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorOperation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.driver.simulator.SimulatorBench.failure;
import static talos.driver.simulator.SimulatorBench.result;

/** Verifies the simulated rotator's slew physics, travel limits, replies and health. */
@Timeout(20)
class SimulatedRotatorTest {

  private final SimulatorBench bench = new SimulatorBench();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  /** Each axis turns at its own configured rate and stops on its target. */
  @Test
  void slewsEachAxisAtItsOwnRate() {
    // GIVEN a rotator at az 0 el 90 turning 6°/s in azimuth and 3°/s in elevation
    SimulatedRotator rotator = bench.openRotator(Map.of("azimuthRate", "6", "elevationRate", "3"));

    // WHEN it is sent to az 90 el 30
    result(rotator.moveTo(new Position(90, 30)));

    // THEN both axes move independently at their rates
    bench.clock.advance(Duration.ofSeconds(5));
    assertThat(result(rotator.position())).isEqualTo(new Position(30, 75));
    assertThat(rotator.moving()).isTrue();
    bench.clock.advance(Duration.ofSeconds(10));
    assertThat(result(rotator.position())).isEqualTo(new Position(90, 45));
    assertThat(rotator.moving()).isTrue();
    bench.clock.advance(Duration.ofSeconds(5));
    assertThat(result(rotator.position())).isEqualTo(new Position(90, 30));
    assertThat(rotator.moving()).isFalse();
    bench.clock.advance(Duration.ofSeconds(30));
    assertThat(result(rotator.position())).isEqualTo(new Position(90, 30));
  }

  /** A new target while moving turns the rotator around from where it is, not where it started. */
  @Test
  void turnsTowardsANewTargetFromWhereItIs() {
    // GIVEN a rotator 5 s into a slew from az 0 to az 90 at 6°/s
    SimulatedRotator rotator = bench.openRotator(Map.of());
    result(rotator.moveTo(new Position(90, 90)));
    bench.clock.advance(Duration.ofSeconds(5));

    // WHEN it is sent back to az 0
    result(rotator.moveTo(new Position(0, 90)));
    bench.clock.advance(Duration.ofSeconds(2));

    // THEN it comes back from az 30 at the same rate
    assertThat(result(rotator.position())).isEqualTo(new Position(18, 90));
  }

  /** Commanded targets and reported positions are rounded to the resolution. */
  @Test
  void quantisesTargetsAndPositionsToTheResolution() {
    // GIVEN a rotator with half-degree resolution turning 1°/s
    SimulatedRotator rotator = bench.openRotator(Map.of("resolution", "0.5",
        "azimuthRate", "1", "elevationRate", "1"));

    // WHEN it is sent to az 10.3 el 89.2 and read mid-way and at the end
    result(rotator.moveTo(new Position(10.3, 89.2)));
    bench.clock.advance(Duration.ofMillis(2_200));
    Position midway = result(rotator.position());
    bench.clock.advance(Duration.ofSeconds(20));
    Position end = result(rotator.position());

    // THEN every reading is a multiple of 0.5° and the target was rounded too
    assertThat(midway).isEqualTo(new Position(2.0, 89.0));
    assertThat(end).isEqualTo(new Position(10.5, 89.0));
    assertThat(rotator.moving()).isFalse();
  }

  /** The default 0.1° resolution reports clean decimal values, free of binary rounding noise. */
  @Test
  void reportsCleanTenthsOfADegree() {
    // GIVEN a rotator with the default resolution
    SimulatedRotator rotator = bench.openRotator(Map.of());

    // WHEN it is sent to az 123.456 el 45.04
    result(rotator.moveTo(new Position(123.456, 45.04)));
    bench.clock.advance(Duration.ofMinutes(1));

    // THEN it stops at az 123.5 el 45.0 exactly
    assertThat(result(rotator.position())).isEqualTo(new Position(123.5, 45.0));
  }

  /** A target outside the travel is refused as the device would, naming the value and range. */
  @Test
  void refusesATargetOutsideItsTravel() {
    // GIVEN a rotator with the default travel, and one limited to 360° of azimuth
    SimulatedRotator rotator = bench.openRotator(Map.of());
    SimulatedRotator narrow = bench.openRotator(Map.of("azimuthMax", "360"));

    // WHEN they are sent past their travel
    DriverException azimuth = failure(rotator.moveTo(new Position(512, 45)));
    DriverException elevation = failure(rotator.moveTo(new Position(90, -5)));
    DriverException narrowAzimuth = failure(narrow.moveTo(new Position(400, 45)));

    // THEN each is refused with the value and range, and nothing moves
    assertThat(azimuth.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(azimuth).hasMessage("azimuth 512.0° outside travel [0, 450]");
    assertThat(elevation.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(elevation).hasMessage("elevation -5.0° outside travel [0, 180]");
    assertThat(narrowAzimuth).hasMessage("azimuth 400.0° outside travel [0, 360]");
    bench.clock.advance(Duration.ofSeconds(10));
    assertThat(result(rotator.position())).isEqualTo(new Position(0, 90));
    assertThat(rotator.moving()).isFalse();
    assertThat(rotator.health().counters()).containsEntry("failures", 2L);
  }

  /** A flip rotator accepts elevations past the zenith, up to its travel. */
  @Test
  void acceptsElevationsPastTheZenithWithinTravel() {
    // GIVEN a rotator with the default 0–180° elevation travel
    SimulatedRotator rotator = bench.openRotator(Map.of());

    // WHEN it is sent to el 150
    result(rotator.moveTo(new Position(0, 150)));
    bench.clock.advance(Duration.ofSeconds(10));

    // THEN it gets there
    assertThat(result(rotator.position())).isEqualTo(new Position(0, 150));
  }

  /** Stop freezes both axes where they are. */
  @Test
  void stopFreezesWhereItIs() {
    // GIVEN a rotator 5 s into a slew to az 90 el 30
    SimulatedRotator rotator = bench.openRotator(Map.of());
    result(rotator.moveTo(new Position(90, 30)));
    bench.clock.advance(Duration.ofSeconds(5));

    // WHEN it is stopped
    result(rotator.stop());
    bench.clock.advance(Duration.ofSeconds(20));

    // THEN it stays where it was
    assertThat(result(rotator.position())).isEqualTo(new Position(30, 60));
    assertThat(rotator.moving()).isFalse();
  }

  /** Park drives to the given position, or to the configured one when given none. */
  @Test
  void parksAtTheGivenOrConfiguredPosition() {
    // GIVEN a rotator whose own park position is az 180 el 10
    SimulatedRotator rotator = bench.openRotator(Map.of("parkAzimuth", "180",
        "parkElevation", "10", "startAzimuth", "90", "startElevation", "45"));

    // WHEN it is parked at az 0 el 90, then parked without a position
    result(rotator.park(new Position(0, 90)));
    bench.clock.advance(Duration.ofMinutes(2));
    Position given = result(rotator.position());
    result(rotator.park(null));
    bench.clock.advance(Duration.ofMinutes(2));
    Position own = result(rotator.position());

    // THEN it went to each park position in turn
    assertThat(given).isEqualTo(new Position(0, 90));
    assertThat(own).isEqualTo(new Position(180, 10));
  }

  /** Parking at a position outside the travel is refused. */
  @Test
  void refusesToParkOutsideItsTravel() {
    // GIVEN a rotator
    SimulatedRotator rotator = bench.openRotator(Map.of());

    // WHEN it is parked below the horizon
    DriverException refused = failure(rotator.park(new Position(0, -10)));

    // THEN the device refuses
    assertThat(refused.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(refused).hasMessageContaining("-10.0°");
  }

  /** The device's capabilities follow its configured travel and rates. */
  @Test
  void reportsCapabilitiesFromItsOptions() {
    // GIVEN a rotator with a narrow travel and slow elevation
    SimulatedRotator rotator = bench.provider.createRotator(bench.context("rotator",
        Map.of("azimuthMin", "-180", "azimuthMax", "180", "elevationMax", "90",
            "elevationRate", "2.5")));

    // WHEN its capabilities are read, before it is even opened
    RotatorCapabilities capabilities = rotator.capabilities();

    // THEN they are the configured ones
    assertThat(capabilities.azimuth()).isEqualTo(new Range(-180, 180));
    assertThat(capabilities.elevation()).isEqualTo(new Range(0, 90));
    assertThat(capabilities.azimuthRate()).isEqualTo(6);
    assertThat(capabilities.elevationRate()).isEqualTo(2.5);
    assertThat(capabilities.operations()).containsExactlyInAnyOrder(RotatorOperation.values());
  }

  /** Replies come on the device's executor, no sooner than the reply delay. */
  @Test
  void repliesOnTheDeviceThreadAfterTheReplyDelay() {
    // GIVEN a rotator that takes 200 ms to answer
    SimulatedRotator rotator = bench.openRotator(Map.of("replyDelay", "200ms"));
    AtomicReference<String> replyThread = new AtomicReference<>();

    // WHEN its position is read
    long started = System.nanoTime();
    CompletableFuture<Position> reply = rotator.position().toCompletableFuture();
    reply.whenComplete((position, failure) -> replyThread.set(Thread.currentThread().getName()));
    result(reply);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // THEN the reply took the delay and completed on the device's thread
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(replyThread.get()).isEqualTo(SimulatorBench.DEVICE_THREAD);
  }

  /** Health counts commands and failures and says where a moving rotator is going. */
  @Test
  void reportsHealthWithCounters() {
    // GIVEN an open rotator
    SimulatedRotator rotator = bench.openRotator(Map.of());

    // WHEN it takes a good command, a refused one and a position read
    result(rotator.moveTo(new Position(45, 45)));
    failure(rotator.moveTo(new Position(500, 45)));
    result(rotator.position());

    // THEN health is OK with the counts, and the detail names the target while it moves
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
    assertThat(rotator.health().counters())
        .containsExactlyInAnyOrderEntriesOf(Map.of("commands", 3L, "failures", 1L,
            "reconnects", 0L));
    assertThat(rotator.health().detail()).isEqualTo("moving to az 45.00° el 45.00°");
    bench.clock.advance(Duration.ofMinutes(1));
    assertThat(rotator.health().detail()).isNull();
  }

  /** A rotator that has not been opened, or has been closed, refuses commands as an I/O failure. */
  @Test
  void failsCommandsBeforeOpenAndAfterClose() {
    // GIVEN a rotator not yet opened
    SimulatedRotator rotator = bench.provider.createRotator(bench.context("rotator", Map.of()));

    // WHEN it is used, then opened and closed and used again
    DriverException beforeOpen = failure(rotator.position());
    HealthState healthBeforeOpen = rotator.health().state();
    result(rotator.open());
    rotator.close();
    DriverException afterClose = failure(rotator.position());
    DriverException reopen = failure(rotator.open());

    // THEN every call failed with IO and health says why
    assertThat(beforeOpen.code()).isEqualTo(FailureCode.IO);
    assertThat(beforeOpen).hasMessageContaining("not open");
    assertThat(healthBeforeOpen).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(afterClose.code()).isEqualTo(FailureCode.IO);
    assertThat(afterClose).hasMessageContaining("closed");
    assertThat(reopen.code()).isEqualTo(FailureCode.IO);
    assertThat(rotator.health().state()).isEqualTo(HealthState.DISABLED);
  }

  /** Closing fails the commands still waiting for their reply instead of leaving them hanging. */
  @Test
  void closeFailsCommandsWaitingForTheirReply() {
    // GIVEN a slow rotator with a command on its way
    SimulatedRotator rotator = bench.openRotator(Map.of("replyDelay", "5s"));
    CompletableFuture<Position> waiting = rotator.position().toCompletableFuture();

    // WHEN it is closed
    rotator.close();

    // THEN the command fails at once with IO
    assertThat(waiting).isCompletedExceptionally();
    assertThat(failure(waiting).code()).isEqualTo(FailureCode.IO);
  }
}
