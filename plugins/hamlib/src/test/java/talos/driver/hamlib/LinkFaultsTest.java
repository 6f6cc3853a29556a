package talos.driver.hamlib;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.Position;
import talos.driver.Range;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static talos.driver.hamlib.FakeDaemon.SILENCE;
import static talos.driver.hamlib.FakeDaemon.text;
import static talos.driver.hamlib.HamlibBench.failure;
import static talos.driver.hamlib.HamlibBench.result;

/**
 * Verifies the link against daemons in the test that misbehave as real ones can: silence, half
 * answers, bytes that are not text, error codes, slow answers, and nothing listening at all.
 */
@Timeout(30)
class LinkFaultsTest {

  /**
   * Options for a rotator that does not ask dump_state, gives up quickly and waits a second before
   * reconnecting, so that health can be seen between.
   */
  private static final Map<String, String> QUICK = Map.of("dumpState", "false",
      "timeout", "300ms", "retries", "0", "reconnectInitial", "1s", "reconnectMax", "1s");

  private final HamlibBench bench = new HamlibBench();
  private final List<FakeDaemon> fakes = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    bench.close();
    for (FakeDaemon fake : fakes) {
      fake.close();
    }
  }

  private FakeDaemon fake(Function<String, byte[]> script) throws IOException {
    FakeDaemon fake = new FakeDaemon(script);
    fakes.add(fake);
    return fake;
  }

  /** A dummy rotator at az 10 el 20 that accepts every position. */
  private static byte[] rotator(String command) {
    return command.equals("p") ? text("10.00\n20.00\n") : text("RPRT 0\n");
  }

  /** A daemon that accepts the connection and never answers fails the call with a timeout. */
  @Test
  void timesOutAgainstADaemonThatNeverAnswers() throws IOException {
    // GIVEN a daemon that reads commands and answers none
    FakeDaemon silent = fake(command -> SILENCE);
    HamlibRotator rotator = bench.openRotator(silent.port(), QUICK);

    // WHEN the rotator is sent somewhere
    long started = System.nanoTime();
    DriverException timedOut = failure(rotator.moveTo(new Position(10, 20)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // THEN it fails with TIMEOUT after the configured time, and the connection is given up
    assertThat(timedOut.code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(timedOut).hasMessage("rotctld at 127.0.0.1:" + silent.port()
        + " did not answer 'P 10.00 20.00' within 300 ms");
    assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    assertThat(silent.received()).containsExactly("P 10.00 20.00");
    assertThat(rotator.health().state()).isEqualTo(HealthState.UNAVAILABLE);
  }

  /** An answer that stops half-way times out too, quoting what came. */
  @Test
  void timesOutOnAnAnswerThatStopsHalfWay() throws IOException {
    // GIVEN a daemon that answers p with the azimuth only
    FakeDaemon halting = fake(command -> text("12.00\n"));
    HamlibRotator rotator = bench.openRotator(halting.port(), QUICK);

    // WHEN the position is read
    DriverException timedOut = failure(rotator.position());

    // THEN it is a timeout naming the part that came
    assertThat(timedOut.code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(timedOut).hasMessageContaining("did not finish its answer to 'p' within 300 ms")
        .hasMessageContaining("'12.00\\x0A'");
  }

  /** Bytes that are not an answer fail with PROTOCOL; the link starts afresh and works again. */
  @Test
  void refusesGarbageAndRecoversOnAFreshConnection() throws IOException {
    // GIVEN a daemon that answers p with bytes that are not text
    FakeDaemon garbling = fake(command -> new byte[] {(byte) 0xff, (byte) 0xfe, 'x', 0, '\n',
        '?', '\n'});
    HamlibRotator rotator = bench.openRotator(garbling.port(), Map.of("dumpState", "false",
        "retries", "0", "reconnectInitial", "1s", "reconnectMax", "1s"));

    // WHEN the position is read
    DriverException garbled = failure(rotator.position());
    DriverHealth afterGarbage = rotator.health();

    // THEN it fails with PROTOCOL quoting the bytes, and the connection is dropped
    assertThat(garbled.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(garbled).hasMessageContaining("answered 'p' with '\\xFF\\xFEx\\x00'")
        .hasMessageContaining("the azimuth as a number was expected");
    assertThat(afterGarbage.state()).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(afterGarbage.detail()).contains("reconnecting at");

    // AND WHEN the daemon comes to its senses, the rotator reconnects and reads it
    garbling.answer(LinkFaultsTest::rotator);
    await().atMost(Duration.ofSeconds(5))
        .until(() -> rotator.health().state() == HealthState.OK);
    assertThat(result(rotator.position())).isEqualTo(new Position(10, 20));
    assertThat(garbling.connections()).isEqualTo(2);
    assertThat(rotator.health().counters()).containsEntry("reconnects", 1L);
  }

  /** An endless line is cut off as a protocol failure instead of filling the memory. */
  @Test
  void refusesALineLongerThanAnyAnswer() throws IOException {
    // GIVEN a daemon that answers with 10000 bytes and no line end
    FakeDaemon flooding = fake(command -> text("9".repeat(10_000)));
    HamlibRotator rotator = bench.openRotator(flooding.port(), QUICK);

    // WHEN the position is read
    DriverException flooded = failure(rotator.position());

    // THEN it is a protocol failure naming the limit
    assertThat(flooded.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(flooded).hasMessageContaining("longer than 4096 bytes");
  }

  /** Hamlib's error codes become failure codes; only the retryable ones are tried again. */
  @Test
  void mapsErrorCodesAndRetriesOnlyTheRetryableOnes() throws IOException {
    // GIVEN a daemon that answers S with RPRT -4, and p first with RPRT -5, then with a position
    AtomicInteger reads = new AtomicInteger();
    FakeDaemon fake = fake(command -> switch (command) {
      case "S" -> text("RPRT -4\n");
      case "p" -> reads.incrementAndGet() == 1 ? text("RPRT -5\n") : text("10.00\n20.00\n");
      default -> text("RPRT 0\n");
    });
    HamlibRotator rotator = bench.openRotator(fake.port(), Map.of("dumpState", "false",
        "retries", "2"));

    // WHEN it is stopped and its position read
    DriverException stop = failure(rotator.stop());
    Position position = result(rotator.position());

    // THEN S failed at once as not available; p was tried again on the same connection
    assertThat(stop.code()).isEqualTo(FailureCode.NOT_AVAILABLE);
    assertThat(stop).hasMessageContaining("RPRT -4 (function not implemented)");
    assertThat(position).isEqualTo(new Position(10, 20));
    assertThat(fake.received()).containsExactly("S", "p", "p");
    assertThat(fake.connections()).isEqualTo(1);
    assertThat(rotator.health().counters()).containsEntry("retries", 1L)
        .containsEntry("failures", 1L);
  }

  /** A retryable error that persists fails the call after the configured retries, with backoff. */
  @Test
  void givesUpAfterTheConfiguredRetries() throws IOException {
    // GIVEN a daemon whose rotator never answers its controller (RPRT -5)
    FakeDaemon fake = fake(command -> text("RPRT -5\n"));
    HamlibRotator rotator = bench.openRotator(fake.port(), Map.of("dumpState", "false",
        "retries", "3", "reconnectInitial", "50ms", "reconnectMax", "100ms"));

    // WHEN it is stopped
    long started = System.nanoTime();
    DriverException stop = failure(rotator.stop());

    // THEN it tried four times, waiting 50, 100 and 100 ms between, then failed with TIMEOUT
    assertThat(stop.code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(stop).hasMessageContaining("RPRT -5 (communication timed out)");
    assertThat(fake.received()).containsExactly("S", "S", "S", "S");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  /** A call waits for the one before it: only one command is ever in flight on the connection. */
  @Test
  void keepsOneCommandInFlight() throws IOException, InterruptedException {
    // GIVEN a daemon that holds its answer to p until released
    CountDownLatch release = new CountDownLatch(1);
    FakeDaemon fake = fake(command -> {
      if (command.equals("p")) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return rotator(command);
    });
    // (a timeout far longer than the hold, so a slow machine cannot turn it into a retried p)
    HamlibRotator rotator = bench.openRotator(fake.port(),
        Map.of("dumpState", "false", "timeout", "30s"));

    // WHEN a position read and a move are sent at once
    CompletableFuture<Position> read = rotator.position().toCompletableFuture();
    CompletableFuture<Void> move = rotator.moveTo(new Position(30, 40)).toCompletableFuture();

    // THEN the move is not sent while p waits for its answer
    await().atMost(Duration.ofSeconds(5)).until(() -> fake.received().contains("p"));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> fake.received().equals(List.of("p")));
    assertThat(move).isNotDone();

    // AND once p is answered, the move follows, in order
    release.countDown();
    assertThat(result(read)).isEqualTo(new Position(10, 20));
    result(move);
    assertThat(fake.received()).containsExactly("p", "P 30.00 40.00");
  }

  /** A daemon that does not offer dump_state is asked once; the configured travel is used. */
  @Test
  void fallsBackToTheConfiguredTravelWithoutDumpState() throws IOException {
    // GIVEN a daemon that ignores \dump_state, as rotctld ignores commands it does not know
    FakeDaemon fake = fake(command -> command.startsWith("\\") ? SILENCE : rotator(command));
    HamlibRotator rotator = bench.rotator(fake.port(), Map.of("timeout", "300ms",
        "azimuthMin", "-90", "azimuthMax", "270", "elevationMax", "180"));

    // WHEN it is opened and used
    result(rotator.open());
    Position position = result(rotator.position());

    // THEN dump_state was asked once, and the configured travel is reported
    assertThat(position).isEqualTo(new Position(10, 20));
    assertThat(fake.received()).containsExactly("\\dump_state", "p");
    assertThat(rotator.capabilities().azimuth()).isEqualTo(new Range(-90, 270));
    assertThat(rotator.capabilities().elevation()).isEqualTo(new Range(0, 180));
    assertThat(rotator.health().detail()).contains("does not offer \\dump_state");
  }

  /** A daemon that refuses dump_state with an error code keeps its connection. */
  @Test
  void fallsBackAtOnceWhenDumpStateIsRefused() throws IOException {
    // GIVEN a daemon that answers \dump_state with RPRT -4
    FakeDaemon fake = fake(command -> command.startsWith("\\") ? text("RPRT -4\n")
        : rotator(command));

    // WHEN a rotator is opened
    HamlibRotator rotator = bench.openRotator(fake.port(), Map.of());

    // THEN it uses the configured travel on its first connection
    assertThat(rotator.capabilities().azimuth()).isEqualTo(new Range(0, 360));
    assertThat(fake.connections()).isEqualTo(1);
    assertThat(rotator.health().state()).isEqualTo(HealthState.OK);
  }

  /** With nothing listening, opening fails as I/O and health says what and when comes next. */
  @Test
  void reportsADaemonThatIsNotRunning() {
    // GIVEN a port nobody listens on
    int port = Daemons.freePort();
    HamlibRotator rotator = bench.rotator(port, Map.of("retries", "0",
        "reconnectInitial", "5s", "reconnectMax", "5s"));

    // WHEN the rotator is opened
    DriverException refused = failure(rotator.open());

    // THEN it fails with a retryable I/O failure that suggests checking the daemon
    assertThat(refused.code()).isEqualTo(FailureCode.IO);
    assertThat(refused).hasMessageStartingWith("cannot connect to rotctld at 127.0.0.1:" + port)
        .hasMessageContaining("is the daemon running?");
    DriverHealth health = rotator.health();
    assertThat(health.state()).isEqualTo(HealthState.UNAVAILABLE);
    assertThat(health.detail()).contains("is the daemon running?").contains("reconnecting at");
  }

  /** A daemon that drops the connection between calls is reconnected to by the next call. */
  @Test
  void reconnectsWhenTheDaemonDropsTheConnection() throws IOException {
    // GIVEN an open rotator
    FakeDaemon fake = fake(LinkFaultsTest::rotator);
    HamlibRotator rotator = bench.openRotator(fake.port(), Map.of("dumpState", "false",
        "retries", "1"));
    result(rotator.position());

    // WHEN the daemon drops the connection and the rotator is used
    fake.dropConnections();
    Position position = result(rotator.position());

    // THEN the call found the connection gone and succeeded on a new one
    assertThat(position).isEqualTo(new Position(10, 20));
    assertThat(fake.connections()).isEqualTo(2);
    assertThat(rotator.health().counters()).containsEntry("reconnects", 1L);
  }

  /** Closing fails the calls still queued and running at once, and further calls fail too. */
  @Test
  void closeFailsWaitingCalls() throws IOException {
    // GIVEN a rotator waiting on a daemon that never answers, with another call queued
    FakeDaemon silent = fake(command -> SILENCE);
    HamlibRotator rotator = bench.openRotator(silent.port(), Map.of("dumpState", "false",
        "timeout", "10s"));
    CompletableFuture<Position> running = rotator.position().toCompletableFuture();
    CompletableFuture<Void> queued = rotator.stop().toCompletableFuture();
    await().atMost(Duration.ofSeconds(5)).until(() -> silent.received().contains("p"));

    // WHEN it is closed
    rotator.close();

    // THEN both fail at once with IO, later calls too, and health is DISABLED
    assertThat(failure(running).code()).isEqualTo(FailureCode.IO);
    assertThat(failure(queued)).hasMessageContaining("closed");
    assertThat(failure(rotator.position()).code()).isEqualTo(FailureCode.IO);
    assertThat(rotator.health().state()).isEqualTo(HealthState.DISABLED);
  }
}
