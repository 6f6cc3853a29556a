package talos.driver.sdr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.IqBlock;
import talos.driver.IqSubscription;
import talos.driver.Range;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static talos.driver.sdr.RtlTcpBench.failure;
import static talos.driver.sdr.RtlTcpBench.next;
import static talos.driver.sdr.RtlTcpBench.result;

/**
 * Verifies the rtl_tcp link against a simulator that misbehaves as a real server can: it drops
 * the connection, sends no header or another program's, stops sending samples, reports a tuner
 * it does not know, or is not running at all.
 */
@Timeout(60)
class RtlTcpFaultsTest {

  private static final long CARRIER = 145_800_000;
  /** Gives up quickly and waits a second before reconnecting, so that health can be seen. */
  private static final Map<String, String> QUICK = Map.of("timeout", "300ms", "retries", "0",
      "reconnectInitial", "1s", "reconnectMax", "1s");

  private final RtlTcpBench bench = new RtlTcpBench();
  private RtlTcpSimulator server;

  @BeforeEach
  void startServer() throws IOException {
    server = new RtlTcpSimulator(CARRIER);
  }

  @AfterEach
  void tearDown() throws IOException {
    bench.close();
    server.close();
  }

  /**
   * When rtl_tcp drops the connection the radio reconnects by itself, sets the receiver up again
   * at the frequency last tuned, and the same subscription receives samples again.
   */
  @Test
  void reconnectsAndTunesAgainAfterTheServerDrops() {
    // GIVEN an opened radio tuned to the carrier, with a subscriber
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of());
    result(radio.setFrequency(CARRIER));
    IqSubscription samples = radio.subscribe(16);
    next(samples);

    // WHEN the server drops the connection
    server.dropConnections();

    // THEN the radio connects again, sends its setup ending with the frequency last tuned, and
    // samples flow into the same subscription
    await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == 2
        && radio.health().state() == HealthState.OK);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.commands(2).size() == 6);
    assertThat(server.commands(2).get(5).code()).isEqualTo(0x01);
    assertThat(server.commands(2).get(5).parameter()).isEqualTo((int) CARRIER);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      IqBlock block = next(samples);
      assertThat(RtlTcpBench.tone(block)).isBetween(-200.0, 200.0);
    });
    assertThat(samples.isClosed()).isFalse();
    assertThat(radio.health().counters()).containsEntry("reconnects", 1L);
  }

  /** A server that accepts and sends no header fails the opening with TIMEOUT. */
  @Test
  void timesOutWithoutAHeader() {
    // GIVEN a server that sends nothing
    server.sendHeader(false);
    RtlTcpRadio radio = bench.radio(server.port(), QUICK);

    // WHEN the radio is opened
    DriverException timedOut = failure(radio.open());

    // THEN it times out, naming the header, and health is unavailable
    assertThat(timedOut.code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(timedOut).hasMessage("rtl_tcp at 127.0.0.1:" + server.port()
        + " did not send its header within 300 ms");
    assertThat(radio.health().state()).isEqualTo(HealthState.UNAVAILABLE);
  }

  /** Another program's greeting is refused as PROTOCOL, quoting it. */
  @Test
  void refusesAHeaderThatIsNotRtlTcps() {
    // GIVEN a server that answers as a web server would
    server.header("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
    RtlTcpRadio radio = bench.radio(server.port(), QUICK);

    // WHEN the radio is opened
    DriverException refused = failure(radio.open());

    // THEN it fails with PROTOCOL quoting the 12 bytes
    assertThat(refused.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(refused).hasMessage("rtl_tcp at 127.0.0.1:" + server.port()
        + " sent 'HTTP/1.1 200' where the header RTL0 was expected; is it rtl_tcp?");
  }

  /** Samples that stop are a timeout: the link goes down, and comes back when they flow. */
  @Test
  void reconnectsWhenTheSamplesStop() {
    // GIVEN an opened radio
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of("timeout", "300ms",
        "reconnectInitial", "100ms", "reconnectMax", "100ms"));
    IqSubscription samples = radio.subscribe(16);
    next(samples);

    // WHEN the server stops sending samples
    server.sendSamples(false);

    // THEN health goes down, saying the samples stopped
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      DriverHealth health = radio.health();
      assertThat(health.state()).isEqualTo(HealthState.UNAVAILABLE);
      assertThat(health.detail()).contains("sent no samples for 300 ms");
    });

    // AND WHEN they flow again, the radio is back and samples arrive
    server.sendSamples(true);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> radio.health().state() == HealthState.OK);
    next(samples);
  }

  /** A tuner rtl_tcp does not name leaves the configured range in place. */
  @Test
  void usesTheConfiguredRangeForAnUnknownTuner() {
    // GIVEN a server reporting tuner 0 (unknown)
    server.header(RtlTcpSimulator.header("RTL0", 0, 0));

    // WHEN a radio is opened with a configured range
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of("frequencyMin", "100000000",
        "frequencyMax", "500000000"));

    // THEN that range is its capability, and health names the tuner
    assertThat(radio.capabilities().frequencies()).containsExactly(new Range(100e6, 500e6));
    assertThat(radio.health().detail()).contains("unknown tuner with 0 gains");
  }

  /** An E4000's band gap shows in the capabilities. */
  @Test
  void learnsTheTunersRanges() {
    // GIVEN a server with an E4000 tuner
    server.header(RtlTcpSimulator.header("RTL0", 1, 14));

    // WHEN a radio is opened
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of());

    // THEN it tunes both of the E4000's bands
    assertThat(radio.capabilities().frequencies()).containsExactly(new Range(52e6, 1_100e6),
        new Range(1_250e6, 2_200e6));
  }

  /** With nothing listening, opening fails as IO and health says what comes next. */
  @Test
  void reportsAServerThatIsNotRunning() throws IOException {
    // GIVEN a port nobody listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    RtlTcpRadio radio = bench.radio(port, QUICK);

    // WHEN the radio is opened
    DriverException refused = failure(radio.open());

    // THEN it fails with a retryable IO failure that suggests checking rtl_tcp
    assertThat(refused.code()).isEqualTo(FailureCode.IO);
    assertThat(refused).hasMessageStartingWith("cannot connect to rtl_tcp at 127.0.0.1:" + port)
        .hasMessageContaining("is rtl_tcp running?");
    assertThat(radio.health().detail()).contains("reconnecting at");
  }

  /** A call while disconnected connects at once and writes its command on the new connection. */
  @Test
  void tunesThroughANewConnectionWhenDisconnected() {
    // GIVEN an opened radio whose connection was dropped, waiting a long time to reconnect
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of("reconnectInitial", "30s",
        "reconnectMax", "30s"));
    server.dropConnections();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> radio.health().state() == HealthState.UNAVAILABLE);

    // WHEN it is tuned
    result(radio.setFrequency(CARRIER));

    // THEN it connected again at once and the frequency was sent there
    assertThat(server.connections()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.commands(2).size() == 7);
    assertThat(server.commands(2).get(6).parameter()).isEqualTo((int) CARRIER);
  }
}
