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
import talos.driver.IqFormat;
import talos.driver.IqSource;
import talos.driver.IqSubscription;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static talos.driver.sdr.RtlTcpBench.failure;
import static talos.driver.sdr.RtlTcpBench.next;
import static talos.driver.sdr.RtlTcpBench.result;
import static talos.driver.sdr.RtlTcpBench.tone;

/**
 * Verifies the rtl_tcp radio against an rtl_tcp simulator: how it sets the receiver up, follows
 * the downlink frequency, and delivers samples that hold the carrier where it should be.
 */
@Timeout(60)
class RtlTcpRadioTest {

  /** The carrier on the simulated air, in hertz. */
  private static final long CARRIER = 145_800_000;

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

  private static List<RtlTcpSimulator.Command> withCode(List<RtlTcpSimulator.Command> commands,
                                                         int code) {
    return commands.stream().filter(c -> c.code() == code).toList();
  }

  /**
   * Opening reads the header, learns the tuner's range, and sends the configured rate, correction,
   * gain, AGC, bias tee and frequency, in that order.
   */
  @Test
  void setsTheReceiverUpOnOpening() {
    // GIVEN a radio with a manual gain, a negative correction and the AGC on
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of("gain", "29.7", "ppm", "-3",
        "agc", "true", "frequency", "137100000"));

    // WHEN the commands received are read
    // THEN they set the receiver up as configured
    await().atMost(Duration.ofSeconds(5)).until(() -> server.commands().size() == 7);
    assertThat(server.commands()).extracting(c -> c.code() + "=" + c.parameter())
        .containsExactly("2=250000", "5=-3", "3=1", "4=297", "8=1", "14=0", "1=137100000");
    assertThat(radio.capabilities().frequencies()).containsExactly(new Range(24e6, 1_766e6));
    assertThat(radio.capabilities().modes()).containsExactly("IQ");
    assertThat(radio.capabilities().operations()).containsExactlyInAnyOrder(
        RadioOperation.GET_FREQUENCY, RadioOperation.SET_FREQUENCY, RadioOperation.GET_MODE,
        RadioOperation.SET_MODE);
    assertThat(result(radio.frequency())).isEqualTo(137_100_000L);
    DriverHealth health = radio.health();
    assertThat(health.state()).isEqualTo(HealthState.OK);
    assertThat(health.detail()).isEqualTo("rtl_tcp at 127.0.0.1:" + server.port()
        + ", R820T tuner with 29 gains; 137.100000 MHz, 250000 samples/s, gain 29.7 dB");
  }

  /** Automatic gain is asked for with the gain mode alone. */
  @Test
  void asksForAutomaticGain() {
    // GIVEN a radio with the default gain
    bench.openRadio(server.port(), Map.of());

    // WHEN the commands received are read
    // THEN the gain mode is automatic and no gain is sent
    await().atMost(Duration.ofSeconds(5)).until(() -> server.commands().size() == 6);
    assertThat(withCode(server.commands(), 0x03)).extracting(RtlTcpSimulator.Command::parameter)
        .containsExactly(0);
    assertThat(withCode(server.commands(), 0x04)).isEmpty();
  }

  /**
   * Samples arrive, say what the receiver was set to, and hold the carrier at its offset from
   * the tuned frequency; retuning, as Doppler setpoints do, moves it.
   */
  @Test
  void followsTheDownlinkFrequencyAndDeliversTheCarrier() {
    // GIVEN an opened radio and a subscriber
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of());
    IqSubscription samples = radio.subscribe(64);

    // WHEN it is tuned 25 kHz below the carrier
    result(radio.setFrequency(CARRIER - 25_000));

    // THEN blocks tuned there hold a tone 25 kHz above their center
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      IqBlock block = next(samples);
      assertThat(block.centerFrequency()).isEqualTo(CARRIER - 25_000);
      assertThat(tone(block)).isCloseTo(25_000, within(200.0));
    });
    IqBlock block = next(samples);
    assertThat(block.format()).isEqualTo(IqFormat.CU8);
    assertThat(block.sampleRate()).isEqualTo(250_000);
    assertThat(block.sampleCount()).isEqualTo(1024);

    // AND WHEN the Doppler moves the setpoint 10 kHz above the carrier
    result(radio.setFrequency(CARRIER + 10_000));

    // THEN the tone moves to 10 kHz below the center, and the tuning is reported
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      IqBlock retuned = next(samples);
      assertThat(retuned.centerFrequency()).isEqualTo(CARRIER + 10_000);
      assertThat(tone(retuned)).isCloseTo(-10_000, within(200.0));
    });
    assertThat(result(radio.frequency())).isEqualTo(CARRIER + 10_000);
    assertThat(withCode(server.commands(), 0x01)).extracting(RtlTcpSimulator.Command::parameter)
        .containsExactly(100_000_000, (int) (CARRIER - 25_000), (int) (CARRIER + 10_000));
    assertThat(radio.health().counters().get("samples")).isPositive();
  }

  /** Blocks are numbered in the order read; a subscriber that keeps up sees no gap. */
  @Test
  void numbersBlocksInOrder() {
    // GIVEN an opened radio and a subscriber that keeps up
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of());
    IqSubscription samples = radio.subscribe(256);

    // WHEN it takes a few blocks
    IqBlock first = next(samples);
    IqBlock second = next(samples);
    IqBlock third = next(samples);

    // THEN they follow each other
    assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
    assertThat(third.sequence()).isEqualTo(second.sequence() + 1);
    assertThat(samples.droppedSamples()).isZero();
  }

  /** An offset keeps the signal off the center: the tuner is set that much higher. */
  @Test
  void tunesWithTheConfiguredOffset() {
    // GIVEN a radio tuned 50 kHz above every setpoint
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of("offset", "50000"));
    IqSubscription samples = radio.subscribe(64);

    // WHEN it is tuned to the carrier
    result(radio.setFrequency(CARRIER));

    // THEN the tuner is 50 kHz above it and the carrier 50 kHz below the blocks' center
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      IqBlock block = next(samples);
      assertThat(block.centerFrequency()).isEqualTo(CARRIER + 50_000);
      assertThat(tone(block)).isCloseTo(-50_000, within(200.0));
    });
    assertThat(result(radio.frequency())).isEqualTo(CARRIER);
    assertThat(radio.capabilities().frequencies())
        .containsExactly(new Range(24e6 - 50_000, 1_766e6 - 50_000));
  }

  /** A subscriber that falls behind loses its oldest blocks; another one loses nothing. */
  @Test
  void dropsTheOldestBlocksOfASubscriberThatFallsBehind() throws InterruptedException {
    // GIVEN a radio with a subscriber that never reads, holding 2 blocks, and one that reads
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of());
    IqSubscription slow = radio.subscribe(2);
    IqSubscription fast = radio.subscribe(1024);

    // WHEN samples flow for a while
    await().atMost(Duration.ofSeconds(5)).until(() -> slow.droppedSamples() >= 4 * 1024);

    // THEN the slow one dropped whole blocks and keeps the newest two; the fast one has all
    IqBlock older = slow.poll(Duration.ofSeconds(1));
    IqBlock newer = slow.poll(Duration.ofSeconds(1));
    assertThat(newer.sequence()).isEqualTo(older.sequence() + 1);
    assertThat(older.sequence()).isGreaterThanOrEqualTo(4);
    assertThat(slow.droppedSamples() % 1024).isZero();
    assertThat(fast.droppedSamples()).isZero();
    IqBlock first = next(fast);
    assertThat(next(fast).sequence()).isEqualTo(first.sequence() + 1);
    assertThat(radio.health().counters()).containsEntry("subscribers", 2L);
    assertThat(radio.health().counters().get("droppedSamples")).isPositive();
  }

  /** The receiver offers only I/Q and no uplink. */
  @Test
  void receivesOnly() {
    // GIVEN an opened radio
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of());

    // WHEN its mode is set and an uplink is tuned
    DriverException fm = failure(radio.setMode("FM"));
    DriverException uplink = failure(radio.setUplinkFrequency(435_000_000));

    // THEN only IQ is taken and the uplink is not available
    assertThat(result(radio.mode())).isEqualTo("IQ");
    result(radio.setMode("IQ"));
    assertThat(fm.code()).isEqualTo(FailureCode.INVALID_ARGUMENT);
    assertThat(uplink.code()).isEqualTo(FailureCode.NOT_AVAILABLE);
    assertThat(radio).isInstanceOf(IqSource.class);
  }

  /** Closing the radio closes its subscriptions: a waiting subscriber is woken. */
  @Test
  void closingEndsTheSubscriptions() throws InterruptedException {
    // GIVEN an opened radio with a subscriber
    RtlTcpRadio radio = bench.openRadio(server.port(), Map.of());
    IqSubscription samples = radio.subscribe(4);

    // WHEN the radio is closed
    radio.close();

    // THEN the subscription is closed and gives no more blocks; health says closed
    assertThat(samples.isClosed()).isTrue();
    assertThat(samples.poll(Duration.ofSeconds(5))).isNull();
    assertThat(radio.health().state()).isEqualTo(HealthState.DISABLED);
    assertThat(failure(radio.setFrequency(CARRIER)).code()).isEqualTo(FailureCode.IO);
  }
}
