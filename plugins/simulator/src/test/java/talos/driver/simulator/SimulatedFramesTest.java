package talos.driver.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import talos.driver.FrameSubscription;
import talos.driver.ReceivedFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static talos.driver.simulator.SimulatorBench.result;

/**
 * Verifies the frames the simulated radio receives: only while setpoints tune it, as CCSDS space
 * packets with counting sequence numbers, at the configured interval, and none when turned off.
 */
@Timeout(20)
class SimulatedFramesTest {

  private static final long DOWNLINK = 437_800_000L;
  /** Longer than the radio's longest pause between two readings of the clock. */
  private static final Duration QUIET = Duration.ofMillis(600);

  private final SimulatorBench bench = new SimulatorBench();
  private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  /** Verifies that an untuned radio hears nothing and a tuned one a frame every 2 s by default. */
  @Test
  void receivesFramesOnlyWhileSetpointsTuneIt() {
    // GIVEN an open radio with a subscriber, never tuned
    SimulatedRadio radio = subscribed(Map.of());

    // WHEN time passes
    bench.clock.advance(Duration.ofSeconds(30));

    // THEN nothing is received
    await().during(QUIET).until(frames::isEmpty);

    // WHEN the radio is tuned, as a session's first setpoint does, and 2 s pass
    Instant tuned = bench.clock.instant();
    result(radio.setFrequency(DOWNLINK));
    bench.clock.advance(Duration.ofSeconds(2));

    // THEN one frame arrives, on the frequency tuned, with a plausible signal, on the device thread
    await().until(() -> frames.size() == 1);
    ReceivedFrame frame = frames.get(0);
    assertThat(frame.time()).isEqualTo(tuned.plusSeconds(2));
    assertThat(frame.frequency()).isEqualTo(DOWNLINK);
    assertThat(frame.rssi()).isBetween(-118.0, -95.0);
    assertThat(frame.snr()).isBetween(1.0, 30.0);
    assertThat(frame.length()).isEqualTo(SimulatedSpacecraft.PACKET_LENGTH);
    assertThat(threads).containsOnly(SimulatorBench.DEVICE_THREAD);
    assertThat(radio.framesReceived()).isEqualTo(1);
  }

  /** Verifies that the radio stops hearing 10 s after the last tuning, until tuned again. */
  @Test
  void stopsReceivingWhenSetpointsStop() {
    // GIVEN a radio tuned once
    SimulatedRadio radio = subscribed(Map.of());
    Instant tuned = bench.clock.instant();
    result(radio.setFrequency(DOWNLINK));

    // WHEN 30 s pass without another setpoint
    bench.clock.advance(Duration.ofSeconds(30));

    // THEN it received the frames of the 10 s after the tuning only
    await().until(() -> frames.size() == 4);
    await().during(QUIET).until(() -> frames.size() == 4);
    assertThat(frames).extracting(ReceivedFrame::time).containsExactly(tuned.plusSeconds(2),
        tuned.plusSeconds(4), tuned.plusSeconds(6), tuned.plusSeconds(8));

    // WHEN it is tuned again, Doppler-corrected, and 2 s pass
    result(radio.setFrequency(DOWNLINK + 9_000));
    bench.clock.advance(Duration.ofSeconds(2));

    // THEN frames come again, on the new frequency
    await().until(() -> frames.size() == 5);
    assertThat(frames.get(4).frequency()).isEqualTo(DOWNLINK + 9_000);
  }

  /** Verifies the space packet's header, sequence counts, length and checksum. */
  @Test
  void framesAreCcsdsSpacePacketsWithCountingSequenceNumbers() {
    // GIVEN a radio kept tuned as during a pass
    SimulatedRadio radio = subscribed(Map.of());
    for (int second = 0; second < 12; second++) {
      result(radio.setFrequency(DOWNLINK - second * 50L));
      bench.clock.advance(Duration.ofSeconds(1));
    }

    // WHEN its frames are read
    await().until(() -> frames.size() == 6);

    // THEN each is a telemetry packet of APID 100 with a secondary header, unsegmented,
    // counting up by one, with the right data length and a valid CRC
    int previous = -1;
    for (ReceivedFrame frame : frames) {
      byte[] packet = frame.data();
      int word0 = unsigned(packet, 0);
      int word1 = unsigned(packet, 2);
      assertThat(word0 >>> 13).as("version").isZero();
      assertThat((word0 >>> 12) & 1).as("type").isZero();
      assertThat((word0 >>> 11) & 1).as("secondary header flag").isEqualTo(1);
      assertThat(word0 & 0x7ff).as("APID").isEqualTo(100);
      assertThat(word1 >>> 14).as("sequence flags").isEqualTo(0b11);
      int count = word1 & 0x3fff;
      if (previous >= 0) {
        assertThat(count).as("sequence count").isEqualTo((previous + 1) & 0x3fff);
      }
      previous = count;
      assertThat(unsigned(packet, 4)).as("data length").isEqualTo(packet.length - 6 - 1);
      assertThat(unsigned(packet, packet.length - 2)).as("CRC")
          .isEqualTo(SimulatedSpacecraft.crc16(packet, packet.length - 2));
      assertThat(unsigned(packet, 10)).as("battery mV").isBetween(7_000, 8_500);
      assertThat(packet[30]).as("mode").isEqualTo((byte) 2);
    }
    // AND the on-board seconds counter follows the frames' times
    long first = onBoardSeconds(frames.get(0).data());
    long last = onBoardSeconds(frames.get(5).data());
    assertThat(last - first).isEqualTo(10);
  }

  /** Verifies that the frame interval can be set shorter than the default. */
  @Test
  void receivesAtTheConfiguredInterval() {
    // GIVEN a radio receiving a frame every 500 ms, tuned
    SimulatedRadio radio = subscribed(Map.of("frameInterval", "500ms"));
    Instant tuned = bench.clock.instant();
    result(radio.setFrequency(DOWNLINK));

    // WHEN 2 s pass
    bench.clock.advance(Duration.ofSeconds(2));

    // THEN four frames came, 500 ms apart
    await().until(() -> frames.size() == 4);
    assertThat(frames).extracting(ReceivedFrame::time).containsExactly(tuned.plusMillis(500),
        tuned.plusMillis(1000), tuned.plusMillis(1500), tuned.plusMillis(2000));
  }

  /** Verifies that a frame interval of 0 or off turns frames off. */
  @ParameterizedTest
  @ValueSource(strings = {"0", "off", "OFF"})
  void receivesNothingWhenFramesAreOff(String interval) {
    // GIVEN a radio whose frames are off, tuned
    SimulatedRadio radio = subscribed(Map.of("frameInterval", interval));
    result(radio.setFrequency(DOWNLINK));

    // WHEN time passes
    bench.clock.advance(Duration.ofSeconds(6));

    // THEN nothing is received
    await().during(QUIET).until(frames::isEmpty);
    assertThat(radio.framesReceived()).isZero();
  }

  /** Verifies that a dropped link hears nothing and closing the radio ends the subscription. */
  @Test
  void receivesNothingWhileTheLinkIsDownAndEndsSubscriptionsOnClose() {
    // GIVEN a tuned radio whose link dropped
    SimulatedRadio radio = bench.openRadio(Map.of());
    FrameSubscription subscription = radio.subscribe(frames::add);
    result(radio.setFrequency(DOWNLINK));
    radio.disconnect();

    // WHEN time passes
    bench.clock.advance(Duration.ofSeconds(4));

    // THEN nothing is received
    await().during(QUIET).until(frames::isEmpty);

    // WHEN the radio is closed
    radio.close();

    // THEN the subscription is closed
    assertThat(subscription.isClosed()).isTrue();
  }

  /** Verifies that two radios of the same name hear the same bytes, so tests can rely on them. */
  @Test
  void theSameDeviceHearsTheSameFrames() {
    // GIVEN two radios of the same name, tuned at the same time
    SimulatedRadio first = bench.openRadio(Map.of());
    SimulatedRadio second = bench.openRadio(Map.of());
    List<ReceivedFrame> heard = new CopyOnWriteArrayList<>();
    first.subscribe(frames::add);
    second.subscribe(heard::add);
    result(first.setFrequency(DOWNLINK));
    result(second.setFrequency(DOWNLINK));

    // WHEN 2 s pass
    bench.clock.advance(Duration.ofSeconds(2));

    // THEN both heard the same frame
    await().until(() -> frames.size() == 1 && heard.size() == 1);
    assertThat(heard.get(0)).isEqualTo(frames.get(0));
  }

  private SimulatedRadio subscribed(Map<String, String> options) {
    SimulatedRadio radio = bench.openRadio(options);
    radio.subscribe(frame -> {
      threads.add(Thread.currentThread().getName());
      frames.add(frame);
    });
    return radio;
  }

  private static int unsigned(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
  }

  private static long onBoardSeconds(byte[] packet) {
    return ((long) unsigned(packet, 6) << 16) | unsigned(packet, 8);
  }
}
