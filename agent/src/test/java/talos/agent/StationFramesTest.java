package talos.agent;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.agent.testdriver.TestDevices;
import talos.agent.testdriver.TestRadio;
import talos.driver.ReceivedFrame;
import talos.protocol.Channel;
import talos.protocol.Messages;
import talos.protocol.ReceivedFrames;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;
import talos.protocol.StationTopic;
import talos.protocol.Telemetry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that the agent publishes the frames its radio receives on the {@code frames} channel:
 * labelled with the session and its satellite, batched, split to the message size limit, and kept
 * (the newest 1,000) while the link is down; against a minimal core stand-in over real MQTT.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StationFramesTest {

  private static final long DOWNLINK = 437_800_000L;

  private Vertx vertx;
  private FakeCore core;
  private String deviceId;
  private StationAgent agent;

  @BeforeEach
  void startCore() throws Exception {
    vertx = Vertx.vertx();
    core = FakeCore.start(vertx);
    deviceId = UUID.randomUUID().toString();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (agent != null) {
      agent.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    core.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Verifies that frames of a session reach the core with the session, satellite and signal. */
  @Test
  void publishesTheFramesOfASessionWithItsSatellite() throws Exception {
    // GIVEN a connected agent running a session for NORAD 25544
    startConnected();
    startSession("s1", 25544);

    // WHEN the radio receives three frames
    Instant at = Instant.parse("2026-03-20T12:00:00.123Z");
    radio().receive(List.of(frame(at, 0, 64), frame(at.plusSeconds(1), 1, 64),
        frame(at.plusSeconds(2), 2, 64)));

    // THEN the core receives them at QoS 1, in order, readable as the protocol says
    await().until(() -> frameCount() == 3);
    assertThat(core.published(Channel.FRAMES)).allSatisfy(message -> {
      assertThat(message.qos()).isEqualTo(1);
      assertThat(message.retain()).isFalse();
    });
    List<ReceivedFrames.Frame> frames = allFrames();
    assertThat(frames).extracting(ReceivedFrames.Frame::session).containsOnly("s1");
    assertThat(frames).extracting(ReceivedFrames.Frame::noradId).containsOnly(25544);
    assertThat(frames).extracting(StationFramesTest::index).containsExactly(0, 1, 2);
    ReceivedFrames.Frame first = frames.get(0);
    assertThat(first.time()).isEqualTo(at);
    assertThat(first.data()).isEqualTo(frame(at, 0, 64).data());
    assertThat(first.frequency()).isEqualTo(DOWNLINK);
    assertThat(first.rssi()).isEqualTo(-108.5);
    assertThat(first.snr()).isEqualTo(11.2);
    // AND the radio's telemetry counts them
    await().until(() -> radioCounters().getOrDefault("framesPublished", 0L) == 3);
    assertThat(radioCounters()).containsEntry("framesReceived", 3L)
        .containsEntry("framesDropped", 0L);
  }

  /** Verifies that a burst of frames goes in messages of at most 100 frames, in order. */
  @Test
  void batchesFramesUpToAHundredAMessage() throws Exception {
    // GIVEN a connected agent running a session
    startConnected();
    startSession("s1", 25544);

    // WHEN the radio receives 250 frames at once
    Instant at = Instant.now();
    radio().receive(IntStream.range(0, 250).mapToObj(i -> frame(at.plusMillis(i), i, 128))
        .toList());

    // THEN they reach the core in order, at most 100 a message, full messages first
    await().until(() -> frameCount() == 250);
    assertThat(allFrames()).extracting(StationFramesTest::index)
        .containsExactlyElementsOf(IntStream.range(0, 250).boxed().toList());
    List<Integer> sizes = core.frames().stream().map(message -> message.frames().size()).toList();
    assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100));
    assertThat(sizes.subList(0, 2)).containsExactly(100, 100);
  }

  /** Verifies that messages of large frames are split to stay within 64 KiB. */
  @Test
  void splitsMessagesToStayWithinTheSizeLimit() throws Exception {
    // GIVEN a connected agent running a session
    startConnected();
    startSession("s1", 25544);

    // WHEN the radio receives ten frames of 16 KiB, the largest the protocol allows
    Instant at = Instant.now();
    radio().receive(IntStream.range(0, 10)
        .mapToObj(i -> frame(at.plusMillis(i), i, ReceivedFrames.MAX_FRAME_BYTES)).toList());

    // THEN every message stays within 64 KiB and all ten arrive, in order
    await().until(() -> frameCount() == 10);
    assertThat(core.published(Channel.FRAMES)).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(message -> assertThat(message.bytes())
            .isLessThanOrEqualTo(Messages.MAX_PAYLOAD_BYTES));
    assertThat(allFrames()).extracting(StationFramesTest::index)
        .containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
  }

  /** Verifies that the newest 1,000 frames wait for the link and the older ones are counted. */
  @Test
  void keepsTheNewestFramesWhileTheLinkIsDown() throws Exception {
    // GIVEN an agent running a session whose link is down
    startConnected();
    startSession("s1", 25544);
    core.accepting(false);
    core.dropConnections();
    await().until(() -> !agent.isConnected());

    // WHEN the radio receives 1,500 frames
    Instant at = Instant.now();
    radio().receive(IntStream.range(0, 1_500).mapToObj(i -> frame(at.plusMillis(i), i, 64))
        .toList()).get(10, TimeUnit.SECONDS);
    // AND the link comes back
    core.accepting(true);

    // THEN the newest 1,000 are published, in order, and 500 are counted as dropped
    await().atMost(Duration.ofSeconds(15)).until(() -> frameCount() == 1_000);
    assertThat(allFrames()).extracting(StationFramesTest::index)
        .containsExactlyElementsOf(IntStream.range(500, 1_500).boxed().toList());
    await().until(() -> radioCounters().getOrDefault("framesPublished", 0L) == 1_000);
    assertThat(radioCounters()).containsEntry("framesReceived", 1_500L)
        .containsEntry("framesDropped", 500L);
  }

  /** Verifies that frames with no satellite known are dropped, and those after a session kept. */
  @Test
  void dropsFramesWhenNoSatelliteIsKnown() throws Exception {
    // GIVEN a connected agent with no session
    startConnected();
    Instant at = Instant.now();

    // WHEN the radio receives two frames
    radio().receive(List.of(frame(at, 0, 64), frame(at, 1, 64)));

    // THEN none is published, and both are counted as dropped
    await().until(() -> radioCounters().getOrDefault("framesDropped", 0L) == 2);
    assertThat(frameCount()).isZero();

    // WHEN a session for NORAD 43017 runs and ends, and a frame comes just after
    startSession("s2", 43017);
    sendSession(new SessionCommand("stop-s2", SessionCommand.Action.STOP, 1, "s2", null, null,
        Instant.now()));
    assertThat(ack("stop-s2").code()).isEqualTo(200);
    radio().receive(List.of(frame(at, 2, 64)));

    // THEN it is published with the satellite of the session just ended, and no session
    await().until(() -> frameCount() == 1);
    ReceivedFrames.Frame late = allFrames().get(0);
    assertThat(late.noradId()).isEqualTo(43017);
    assertThat(late.session()).isNull();
    assertThat(index(late)).isEqualTo(2);
  }

  private void startConnected() throws Exception {
    AgentConfig config = AgentConfig.fromJson(TestConfigs.station(core.port(), deviceId));
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(),
        config.pluginsDir());
    agent = StationAgent.start(vertx, config, registry).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.isConnected()
        && core.subscriptions().contains(StationTopic.commandFilter(TestConfigs.ORG,
        config.stationId())) && radio().subscribers() == 1);
  }

  private void startSession(String session, int norad) {
    String id = "start-" + session;
    sendSession(new SessionCommand(id, SessionCommand.Action.START, 1, session, norad, "SAT",
        Instant.now()));
    assertThat(ack(id).code()).isEqualTo(200);
  }

  private void sendSession(SessionCommand command) {
    core.publish(new StationTopic(TestConfigs.ORG, agent.config().stationId(), Channel.SESSION)
        .name(), command.toJson(), 1);
  }

  private StationEvent ack(String command) {
    await().until(() -> core.events().stream()
        .anyMatch(event -> event.isAck() && command.equals(event.command())));
    return core.events().stream().filter(event -> event.isAck() && command.equals(event.command()))
        .findFirst().orElseThrow();
  }

  private TestRadio radio() {
    return TestDevices.radio(deviceId);
  }

  private int frameCount() {
    return allFrames().size();
  }

  private List<ReceivedFrames.Frame> allFrames() {
    return core.frames().stream().flatMap(message -> message.frames().stream()).toList();
  }

  private Map<String, Long> radioCounters() {
    List<Telemetry> telemetry = core.telemetry();
    for (int i = telemetry.size() - 1; i >= 0; i--) {
      for (Telemetry.DriverReport report : telemetry.get(i).drivers()) {
        if (report.name().equals("radio")) {
          return report.counters();
        }
      }
    }
    return Map.of();
  }

  /** A frame of {@code length} bytes whose first four hold {@code index}. */
  private static ReceivedFrame frame(Instant time, int index, int length) {
    byte[] data = new byte[length];
    ByteBuffer.wrap(data).putInt(index);
    for (int i = 4; i < length; i++) {
      data[i] = (byte) (i * 31 + index);
    }
    return new ReceivedFrame(time, data, DOWNLINK, -108.5, 11.2);
  }

  private static int index(ReceivedFrames.Frame frame) {
    return ByteBuffer.wrap(frame.data()).getInt();
  }
}
