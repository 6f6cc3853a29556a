package talos.driver.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.Position;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static talos.driver.simulator.SimulatorBench.failure;
import static talos.driver.simulator.SimulatorBench.result;

/** Verifies the simulator's injected faults: stalled motors, dropped links and slow replies. */
@Timeout(20)
class FaultInjectionTest {

  private final SimulatorBench bench = new SimulatorBench();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  /** Stalled motors accept every command but do not move, and still count as moving. */
  @Test
  void stalledMotorsAcceptCommandsButDoNotMove() {
    // GIVEN a rotator configured with stalled motors
    SimulatedRotator rotator = bench.openRotator(Map.of("fault.stall", "true"));

    // WHEN it is sent somewhere and time passes
    result(rotator.moveTo(new Position(90, 30)));
    bench.clock.advance(Duration.ofMinutes(1));

    // THEN the command was taken but the antenna stayed put, as a jammed rotator's does
    assertThat(result(rotator.position())).isEqualTo(new Position(0, 90));
    assertThat(rotator.moving()).isTrue();
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
    assertThat(rotator.health().counters()).containsEntry("failures", 0L);
  }

  /** A stall switched on mid-slew freezes the antenna; freeing it resumes the slew. */
  @Test
  void stallAtRunTimeFreezesAndFreeingResumes() {
    // GIVEN a rotator 5 s into a slew to az 90 at 6°/s
    SimulatedRotator rotator = bench.openRotator(Map.of());
    result(rotator.moveTo(new Position(90, 90)));
    bench.clock.advance(Duration.ofSeconds(5));

    // WHEN its motors stall for a minute and are then freed for 5 s
    rotator.stall(true);
    bench.clock.advance(Duration.ofMinutes(1));
    Position stalled = result(rotator.position());
    rotator.stall(false);
    bench.clock.advance(Duration.ofSeconds(5));

    // THEN it stood still while stalled and carried on afterwards
    assertThat(stalled).isEqualTo(new Position(30, 90));
    assertThat(result(rotator.position())).isEqualTo(new Position(60, 90));
  }

  /** After the configured number of commands the link drops until the device is opened again. */
  @Test
  void dropsTheLinkAfterTheConfiguredCommandsUntilReopened() {
    // GIVEN a rotator whose link drops after 3 commands
    SimulatedRotator rotator = bench.openRotator(Map.of("fault.disconnectAfter", "3"));

    // WHEN it is sent 4 commands
    for (int i = 0; i < 3; i++) {
      result(rotator.position());
    }
    DriverException dropped = failure(rotator.position());
    DriverException stillDown = failure(rotator.moveTo(new Position(10, 10)));
    DriverHealth down = rotator.health();

    // THEN the fourth and later commands fail with IO and health is UNAVAILABLE
    assertThat(dropped.code()).isEqualTo(FailureCode.IO);
    assertThat(dropped.code().retryable()).isTrue();
    assertThat(dropped).hasMessageContaining("dropped after 3 commands");
    assertThat(stillDown.code()).isEqualTo(FailureCode.IO);
    assertThat(down.state()).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(down.detail()).contains("dropped after 3 commands");

    // AND WHEN it is opened again, it works for another 3 commands
    result(rotator.open());
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
    for (int i = 0; i < 3; i++) {
      result(rotator.position());
    }
    assertThat(failure(rotator.position()).code()).isEqualTo(FailureCode.IO);
    assertThat(rotator.health().counters())
        .containsExactlyInAnyOrderEntriesOf(Map.of("commands", 9L, "failures", 3L,
            "reconnects", 1L));
  }

  /** A link dropped at run time fails commands until open() reconnects it. */
  @Test
  void recoversFromADisconnectOnOpen() {
    // GIVEN an open rotator
    SimulatedRotator rotator = bench.openRotator(Map.of());

    // WHEN its link drops
    rotator.disconnect();

    // THEN calls fail with IO until it is opened again
    assertThat(failure(rotator.position()).code()).isEqualTo(FailureCode.IO);
    assertThat(rotator.health().state()).isEqualTo(HealthState.UNAVAILABLE);
    result(rotator.open());
    assertThat(result(rotator.position())).isEqualTo(new Position(0, 90));
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
    assertThat(rotator.health().counters()).containsEntry("reconnects", 1L);
  }

  /** The slow-replies option delays every reply by its amount on top of the reply delay. */
  @Test
  void slowRepliesDelayEveryReply() {
    // GIVEN a rotator whose replies are 300 ms late
    SimulatedRotator rotator = bench.openRotator(Map.of("fault.slowReplies", "300ms"));

    // WHEN its position is read
    long started = System.nanoTime();
    result(rotator.position());

    // THEN the reply took at least the reply delay plus the fault
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(305));
  }

  /** Slow replies can be switched on at run time. */
  @Test
  void slowRepliesAtRunTime() {
    // GIVEN a radio with fast replies
    SimulatedRadio radio = bench.openRadio(Map.of());

    // WHEN its replies are made 250 ms slower
    radio.slowReplies(Duration.ofMillis(250));
    long started = System.nanoTime();
    result(radio.frequency());

    // THEN the next reply takes that long
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  /** Commands are answered one at a time, in order, each after its own reply delay. */
  @Test
  void keepsOneCommandInFlight() {
    // GIVEN a rotator that takes 100 ms per reply
    SimulatedRotator rotator = bench.openRotator(Map.of("replyDelay", "100ms"));
    List<Integer> answered = new CopyOnWriteArrayList<>();

    // WHEN three commands are sent at once
    long started = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      int index = i;
      rotator.position().thenRun(() -> answered.add(index));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> answered.size() == 3);

    // THEN they were answered in order, one after another
    assertThat(answered).containsExactly(0, 1, 2);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  /** The radio's link drops and recovers like the rotator's. */
  @Test
  void radioLinkDropsAndRecovers() {
    // GIVEN a radio whose link drops after 1 command
    SimulatedRadio radio = bench.openRadio(Map.of("fault.disconnectAfter", "1"));

    // WHEN it is sent 2 commands, then reopened
    result(radio.setFrequency(437_000_000L));
    DriverException dropped = failure(radio.frequency());
    HealthState down = radio.health().state();
    result(radio.open());

    // THEN the second failed with IO, and the radio kept its tuning across the drop
    assertThat(dropped.code()).isEqualTo(FailureCode.IO);
    assertThat(down).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(result(radio.frequency())).isEqualTo(437_000_000L);
  }
}
