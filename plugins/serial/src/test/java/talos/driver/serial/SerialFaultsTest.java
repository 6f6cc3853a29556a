package talos.driver.serial;

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

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static talos.driver.serial.SerialBench.failure;
import static talos.driver.serial.SerialBench.result;

/**
 * Verifies the serial link against a controller simulator that misbehaves as real controllers
 * and cables do: garbage, half answers, chatter, silence, refusals, commands sent too close
 * together, and a port that vanishes and comes back.
 */
@Timeout(60)
class SerialFaultsTest {

  /** A rotator that gives up quickly and waits a second before recovering, so health shows. */
  private static final Map<String, String> QUICK = Map.of("timeout", "300ms", "retries", "0",
      "reconnectInitial", "1s", "reconnectMax", "1s");

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

  private ControllerSimulator controller(Protocol protocol) throws IOException {
    controller = new ControllerSimulator(pty.controllerEnd(), protocol, 100, 10, 20);
    return controller;
  }

  /** Garbage instead of a position fails as PROTOCOL; the next call works on the same port. */
  @Test
  void refusesGarbageAndRecovers() throws IOException {
    // GIVEN a GS-232B controller whose next answer is bytes that are no position
    ControllerSimulator sim = controller(Protocol.GS232B);
    SerialRotator rotator = bench.openRotator(Protocol.GS232B, pty.driverEnd(),
        Map.of("retries", "0", "reconnectInitial", "100ms", "reconnectMax", "100ms"));
    sim.answerNextQueryWith("\u00ff\u00fex\u0000\r\n");

    // WHEN the position is read
    DriverException garbled = failure(rotator.position());
    DriverHealth afterGarbage = rotator.health();

    // THEN it fails with PROTOCOL quoting the bytes and the form expected, and health is down
    assertThat(garbled.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(garbled).hasMessage("gs232b controller on " + pty.driverEnd()
        + " answered 'C2' with '\\xFF\\xFEx\\x00' where AZ=aaa  EL=eee was expected; is the"
        + " protocol option right?");
    assertThat(afterGarbage.state()).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(afterGarbage.detail()).contains("trying again at");

    // AND the link probes the controller, which answers, and is up again
    await().atMost(Duration.ofSeconds(5))
        .until(() -> rotator.health().state() == HealthState.OK);
    assertThat(result(rotator.position())).isEqualTo(new Position(10, 20));
    assertThat(rotator.health().counters()).containsEntry("reconnects", 1L)
        .containsEntry("failures", 1L);
  }

  /** Half a line and then nothing is a timeout that quotes what came. */
  @Test
  void timesOutOnAPartialLine() throws IOException {
    // GIVEN an Easycomm controller that answers the next query with half a line
    ControllerSimulator sim = controller(Protocol.EASYCOMM2);
    SerialRotator rotator = bench.openRotator(Protocol.EASYCOMM2, pty.driverEnd(), QUICK);
    sim.answerNextQueryWith("AZ12.0 E");

    // WHEN the position is read
    DriverException timedOut = failure(rotator.position());

    // THEN it times out after the configured time, naming what came
    assertThat(timedOut.code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(timedOut).hasMessage("easycomm2 controller on " + pty.driverEnd()
        + " did not finish its answer to 'AZ EL' within 300 ms (got 'AZ12.0 E')");
  }

  /** Bytes the controller sends unasked are thrown away and counted; answers still parse. */
  @Test
  void ignoresChatterBetweenAnswers() throws IOException {
    // GIVEN a GS-232A controller that talks between commands, and echoes blank lines
    ControllerSimulator sim = controller(Protocol.GS232A);
    SerialRotator rotator = bench.openRotator(Protocol.GS232A, pty.driverEnd(), Map.of());
    assertThat(rotator.health().counters().get("strayBytes")).isZero();
    sim.chatter("\r\n\u0000boot v1.2\r\n");

    // WHEN the position is read, twice
    Position first = result(rotator.position());
    Position second = result(rotator.position());

    // THEN both are right and the chatter was thrown away, before the command or as a line that
    // was no answer
    assertThat(first).isEqualTo(new Position(10, 20));
    assertThat(second).isEqualTo(first);
    assertThat(rotator.health().counters().get("strayBytes")).isBetween(11L, 14L);
  }

  /** A controller that falls silent times out; the call is retried, then health goes down. */
  @Test
  void retriesASilentControllerAndReportsItUnavailable() throws IOException {
    // GIVEN an opened rotator allowed one retry, and a controller that falls silent
    ControllerSimulator sim = controller(Protocol.GS232B);
    SerialRotator rotator = bench.openRotator(Protocol.GS232B, pty.driverEnd(),
        Map.of("timeout", "300ms", "retries", "1", "reconnectInitial", "100ms",
            "reconnectMax", "1s"));
    sim.silent(true);

    // WHEN the position is read
    long started = System.nanoTime();
    DriverException timedOut = failure(rotator.position());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // THEN it was asked twice, failed with TIMEOUT, and health says the controller is silent
    assertThat(timedOut.code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(timedOut).hasMessage("gs232b controller on " + pty.driverEnd()
        + " did not answer 'C2' within 300 ms");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    assertThat(sim.commands()).containsExactly("C2", "C2", "C2");
    DriverHealth down = rotator.health();
    assertThat(down.state()).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(down.detail()).startsWith("gs232b controller on " + pty.driverEnd()
        + " did not answer 'C2' within 300 ms; trying again at");
    assertThat(down.counters()).containsEntry("retries", 1L).containsEntry("failures", 1L);

    // AND WHEN it answers again, the probes find it and health is OK without a call
    sim.silent(false);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> rotator.health().state() == HealthState.OK);
    assertThat(result(rotator.position())).isEqualTo(new Position(10, 20));
  }

  /** Commands are never written closer together than the write gap. */
  @Test
  void keepsTheWriteGapBetweenCommands() throws IOException {
    // GIVEN a rotator with a 150 ms write gap
    ControllerSimulator sim = controller(Protocol.EASYCOMM2);
    SerialRotator rotator = bench.openRotator(Protocol.EASYCOMM2, pty.driverEnd(),
        Map.of("writeGap", "150ms"));

    // WHEN a move, a stop and a read are sent at once
    CompletableFuture<Void> move = rotator.moveTo(new Position(30, 30)).toCompletableFuture();
    CompletableFuture<Void> stop = rotator.stop().toCompletableFuture();
    CompletableFuture<Position> read = rotator.position().toCompletableFuture();
    result(CompletableFuture.allOf(move, stop, read));

    // THEN they arrived in order, each at least the gap after the one before
    List<ControllerSimulator.Received> received = sim.received();
    assertThat(received).extracting(ControllerSimulator.Received::command)
        .containsExactly("AZ EL", "AZ30.0 EL30.0", "SA SE", "AZ EL");
    for (int i = 1; i < received.size(); i++) {
      assertThat(Duration.ofNanos(received.get(i).nanos() - received.get(i - 1).nanos()))
          .as("gap before %s", received.get(i).command())
          .isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }
  }

  /** A call waits for the answer to the one before: one command in flight on the line. */
  @Test
  void keepsOneCommandInFlight() throws IOException {
    // GIVEN a controller that holds its answers until released
    ControllerSimulator sim = controller(Protocol.GS232B);
    SerialRotator rotator = bench.openRotator(Protocol.GS232B, pty.driverEnd(),
        Map.of("timeout", "5s"));
    CountDownLatch release = new CountDownLatch(1);
    sim.holdAnswers(release);

    // WHEN a read and a move are sent at once
    CompletableFuture<Position> read = rotator.position().toCompletableFuture();
    CompletableFuture<Void> move = rotator.moveTo(new Position(30, 40)).toCompletableFuture();

    // THEN the move is not written while the read waits for its answer
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.commands().size() == 2);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> sim.commands().size() == 2);
    assertThat(move).isNotDone();

    // AND once answered, the move follows
    release.countDown();
    assertThat(result(read)).isEqualTo(new Position(10, 20));
    result(move);
    assertThat(sim.commands()).containsExactly("C2", "C2", "W030 040");
  }

  /** A GS-232 controller's refusal, ?>, fails the move as REJECTED and keeps the link up. */
  @Test
  void reportsARefusedCommand() throws IOException {
    // GIVEN a GS-232B rotator configured for a flip elevation its controller does not have, with
    // a gap long enough to hear the refusal
    controller(Protocol.GS232B);
    SerialRotator rotator = bench.openRotator(Protocol.GS232B, pty.driverEnd(),
        Map.of("writeGap", "200ms", "elevationMax", "180"));

    // WHEN it is sent above 90° elevation, which the simulator refuses
    DriverException refused = failure(rotator.moveTo(new Position(10, 120)));

    // THEN the move fails as REJECTED, not retried, and the link stays up
    assertThat(refused.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(refused).hasMessage("gs232b controller on " + pty.driverEnd()
        + " refused 'W010 120' ('?>\\x0D\\x0A')");
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
    assertThat(result(rotator.position())).isEqualTo(new Position(10, 20));
  }

  /** A target the protocol cannot carry is refused before anything is sent. */
  @Test
  void refusesATargetTheProtocolCannotCarry() throws IOException {
    // GIVEN a GS-232A rotator
    ControllerSimulator sim = controller(Protocol.GS232A);
    SerialRotator rotator = bench.openRotator(Protocol.GS232A, pty.driverEnd(), Map.of());

    // WHEN it is sent to an elevation below the horizon
    DriverException refused = failure(rotator.moveTo(new Position(10, -5)));

    // THEN the call fails as an invalid argument and nothing is written
    assertThat(refused.code()).isEqualTo(FailureCode.INVALID_ARGUMENT);
    assertThat(refused).hasMessageContaining("cannot be sent in gs232a");
    assertThat(sim.commands()).containsExactly("C2");
  }

  /**
   * The port vanishing (an adapter unplugged) fails calls as IO; the link reopens the port by
   * itself once it is back and the controller answers.
   */
  @Test
  void reopensThePortWhenItComesBack() throws IOException {
    // GIVEN an opened rotator
    controller(Protocol.EASYCOMM2);
    SerialRotator rotator = bench.openRotator(Protocol.EASYCOMM2, pty.driverEnd(),
        Map.of("retries", "0", "reconnectInitial", "100ms", "reconnectMax", "200ms"));
    assertThat(result(rotator.position())).isEqualTo(new Position(10, 20));

    // WHEN the port goes away
    controller.close();
    pty.kill();
    DriverException lost = failure(rotator.position());

    // THEN the call fails as IO and health says the port cannot be opened
    assertThat(lost.code()).isEqualTo(FailureCode.IO);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(rotator.health().detail()).startsWith("cannot open serial port "
            + pty.driverEnd() + ": no such device (is the adapter plugged in and the path"
            + " right?)"));
    assertThat(rotator.health().state()).isEqualTo(HealthState.UNAVAILABLE);

    // AND WHEN it comes back with its controller, the link is up again by itself
    pty.start();
    ControllerSimulator back = controller(Protocol.EASYCOMM2);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> rotator.health().state() == HealthState.OK);
    assertThat(result(rotator.position())).isEqualTo(new Position(10, 20));
    assertThat(back.commands()).isNotEmpty();
    assertThat(rotator.health().counters()).containsEntry("reconnects", 1L);
  }

  /** Opening a port that does not exist fails as IO, saying what to check. */
  @Test
  void reportsAMissingPort() {
    // GIVEN a path with nothing behind it
    Path missing = folder.resolve("ttyUSB9");
    SerialRotator rotator = bench.rotator(Protocol.GS232B, missing, QUICK);

    // WHEN the rotator is opened
    DriverException refused = failure(rotator.open());

    // THEN it fails with a retryable IO failure naming the port
    assertThat(refused.code()).isEqualTo(FailureCode.IO);
    assertThat(refused).hasMessage("cannot open serial port " + missing
        + ": no such device (is the adapter plugged in and the path right?)");
    assertThat(rotator.health().state()).isEqualTo(HealthState.UNAVAILABLE);
  }

  /** Closing fails the calls waiting at once; later calls fail too and health is DISABLED. */
  @Test
  void closeFailsWaitingCalls() throws IOException {
    // GIVEN a rotator waiting on a silent controller, with another call queued
    ControllerSimulator sim = controller(Protocol.GS232B);
    SerialRotator rotator = bench.openRotator(Protocol.GS232B, pty.driverEnd(),
        Map.of("timeout", "10s"));
    sim.silent(true);
    CompletableFuture<Position> running = rotator.position().toCompletableFuture();
    CompletableFuture<Void> queued = rotator.stop().toCompletableFuture();
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.commands().size() == 2);

    // WHEN it is closed
    rotator.close();

    // THEN both fail at once with IO, and so does a later call
    assertThat(failure(running).code()).isEqualTo(FailureCode.IO);
    assertThat(failure(queued)).hasMessageContaining("closed");
    assertThat(failure(rotator.position()).code()).isEqualTo(FailureCode.IO);
    assertThat(rotator.health().state()).isEqualTo(HealthState.DISABLED);
  }
}
