package talos.agent;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.agent.testdriver.TestDevices;
import talos.agent.testdriver.TestRadio;
import talos.agent.testdriver.TestRotator;
import talos.driver.FailureCode;
import talos.driver.Position;
import talos.protocol.Channel;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;
import talos.protocol.StationTopic;
import talos.protocol.Telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The agent against a minimal core stand-in over real MQTT. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StationAgentTest {

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

  /** The agent connects with its credentials, leaves an offline will and says it is online. */
  @Test
  void connectsWithItsCredentialsAndAnnouncesItselfOnline() throws Exception {
    // GIVEN a station configuration
    AgentConfig config = AgentConfig.fromJson(TestConfigs.station(core.port(), deviceId));

    // WHEN the agent starts
    agent = start(config);

    // THEN it connects as the station, with the key as password and a retained offline will
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.isConnected()
        && core.subscriptions().contains(commandFilter()));
    FakeCore.Connect connect = core.connects().get(0);
    assertThat(connect.clientId()).isEqualTo(config.stationId());
    assertThat(connect.username()).isEqualTo(config.stationId());
    assertThat(connect.password()).isEqualTo(TestConfigs.KEY);
    assertThat(connect.will().isWillFlag()).isTrue();
    assertThat(connect.will().getWillTopic()).isEqualTo(topic(Channel.STATUS));
    assertThat(connect.will().isWillRetain()).isTrue();
    assertThat(connect.will().getWillMessage().toJsonObject().getString("state"))
        .isEqualTo("offline");
    // AND it publishes online, retained, on its status channel
    await().until(() -> core.statuses().contains("online"));
    FakeCore.Published online = core.published(Channel.STATUS).get(0);
    assertThat(online.retain()).isTrue();
    assertThat(online.json().getString("agent")).startsWith("talos-agent/");
  }

  /** Stopping the agent stops the rotator, publishes offline and closes the devices. */
  @Test
  void stopsTheRotatorAndPublishesOfflineWhenStopped() throws Exception {
    // GIVEN a connected agent
    agent = startConnected(TestConfigs.station(core.port(), deviceId));

    // WHEN it stops
    agent.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    // THEN it stopped the rotator, said offline (retained) and closed both devices
    assertThat(rotator().calls("stop")).isNotEmpty();
    assertThat(core.statuses()).containsExactly("online", "offline");
    assertThat(core.published(Channel.STATUS).get(1).retain()).isTrue();
    assertThat(rotator().calls("close")).hasSize(1);
    assertThat(radio().calls("close")).hasSize(1);
  }

  /** Setpoints are interpolated at the current time and drive the rotator on its own thread. */
  @Test
  void interpolatesSetpointsAndDrivesTheRotator() throws Exception {
    // GIVEN a connected agent that stops only after 5 s without setpoints
    agent = startConnected(withSafety(TestConfigs.station(core.port(), deviceId), "5s", "10s"));

    // WHEN the core sends a track moving 1° a second
    Instant now = Instant.now();
    sendPointing(new PointingSetpoints(1, null, List.of(
        point(now.minusSeconds(1), 100, 20), point(now.plusSeconds(9), 110, 30))));

    // THEN the rotator is sent to the interpolated position, then follows the track
    await().until(() -> rotator().calls("moveTo").size() >= 3);
    List<TestRotator.Call> moves = rotator().calls("moveTo");
    assertThat(moves.get(0).target().azimuth()).isBetween(100.95, 103.0);
    assertThat(moves.get(0).target().elevation()).isBetween(20.95, 23.0);
    assertThat(moves.get(2).target().azimuth()).isGreaterThan(moves.get(0).target().azimuth());
    assertThat(moves).extracting(TestRotator.Call::thread).containsOnly("talos-driver-rotator");
    assertThat(agent.commandedPosition()).isPresent();
    // AND telemetry reports where the rotator is and that it moves
    await().until(() -> core.telemetry().stream().anyMatch(t -> t.rotator() != null
        && t.rotator().moving() && t.rotator().azimuth() > 20));
    assertThat(agent.measuredPosition()).isPresent();
  }

  /** Setpoints of an epoch lower than the highest seen are ignored, plain ones included. */
  @Test
  void ignoresSetpointsOfAnOlderEpoch() throws Exception {
    // GIVEN an agent that has followed setpoints of epoch 5
    agent = startConnected(withSafety(TestConfigs.station(core.port(), deviceId), "5s", "10s"));
    sendPointing(new PointingSetpoints(5, null, List.of(point(Instant.now(), 200, 40))));
    await().until(() -> movedNear(200));

    // WHEN setpoints of epoch 4 and a plain epoch-0 setpoint arrive
    sendPointing(new PointingSetpoints(4, null, List.of(point(Instant.now(), 300, 40))));
    core.publish(topic(Channel.ROTATOR), new JsonObject().put("az", 310).put("el", 40), 0);

    // THEN the rotator is never sent there
    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
        .until(() -> !movedNear(300) && !movedNear(310));
    // AND setpoints of a higher epoch drive it again
    sendPointing(new PointingSetpoints(6, null, List.of(point(Instant.now(), 50, 40))));
    await().until(() -> movedNear(50));
  }

  /** The agent reports every setpoint message it takes, in order, and the epoch it accepted. */
  @Test
  void reportsTheSetpointsItTakesAndTheHighestEpochItAccepted() throws Exception {
    // GIVEN a connected agent whose taken setpoints are watched
    agent = startConnected(withSafety(TestConfigs.station(core.port(), deviceId), "5s", "10s"));
    List<StationAgent.Accepted> taken = new CopyOnWriteArrayList<>();
    agent.onAccepted(taken::add);
    assertThat(agent.epoch()).isZero();

    // WHEN pointing of epoch 5, then 4, radio of epoch 5 and pointing of epoch 6 arrive
    Instant now = Instant.now();
    sendPointing(new PointingSetpoints(5, null, List.of(point(now, 200, 40))));
    sendPointing(new PointingSetpoints(4, null, List.of(point(now, 300, 40))));
    core.publish(topic(Channel.RADIO), new RadioSetpoints(5, null, null, List.of(
        new RadioSetpoints.Point(now, 145_800_000, null))).toJson(), 0);
    sendPointing(new PointingSetpoints(6, null, List.of(point(now, 50, 40))));

    // THEN all but the older epoch were taken, in order, and the agent holds epoch 6
    await().until(() -> taken.size() == 3);
    assertThat(taken).extracting(StationAgent.Accepted::channel, StationAgent.Accepted::epoch)
        .containsExactly(tuple(Channel.ROTATOR, 5L), tuple(Channel.RADIO, 5L),
            tuple(Channel.ROTATOR, 6L));
    assertThat(agent.epoch()).isEqualTo(6);
  }

  /** A plain TALOS {"az", "el"} payload is one point at receipt and drives the rotator. */
  @Test
  void drivesTheRotatorWithAPlainTalosSetpoint() throws Exception {
    // GIVEN a connected agent
    agent = startConnected(TestConfigs.station(core.port(), deviceId));

    // WHEN a plain setpoint arrives
    core.publish(topic(Channel.ROTATOR), new JsonObject().put("az", 123.5).put("el", 45), 0);

    // THEN the rotator is sent there
    await().until(() -> rotator().calls("moveTo").stream()
        .anyMatch(move -> move.target().equals(new Position(123.5, 45))));
  }

  /** An out-of-limit setpoint is refused with a limit event and the driver never sees it. */
  @Test
  void refusesAnOutOfLimitSetpointWithAnEventAndNeverCallsTheDriver() throws Exception {
    // GIVEN a station whose elevation limit is 90° (the rotator could go to 180°)
    agent = startConnected(TestConfigs.station(core.port(), deviceId));

    // WHEN the core asks for elevation 120°
    core.publish(topic(Channel.ROTATOR), new JsonObject().put("az", 100).put("el", 120), 0);

    // THEN a limit warning names the value and the range
    await().until(() -> !core.events("limit").isEmpty());
    StationEvent refused = core.events("limit").get(0);
    assertThat(refused.severity()).isEqualTo(StationEvent.Severity.WARNING);
    assertThat(refused.message()).contains("elevation 120.00°").contains("[0, 90]");
    // AND the driver was never asked to move
    await().during(Duration.ofMillis(300)).until(() -> rotator().calls("moveTo").isEmpty());
    // AND telemetry counts the refusal
    await().until(() -> core.telemetry().stream().flatMap(t -> t.drivers().stream())
        .anyMatch(report -> report.name().equals("rotator")
            && report.counters().getOrDefault("refused", 0L) > 0));
  }

  /** A setpoint message whose points are all stale is never executed and reported once. */
  @Test
  void neverExecutesAStaleSetpoint() throws Exception {
    // GIVEN a connected agent that refuses points older than 3 s
    agent = startConnected(TestConfigs.station(core.port(), deviceId));

    // WHEN two messages arrive whose newest point is 5 s old
    Instant now = Instant.now();
    sendPointing(new PointingSetpoints(1, null, List.of(point(now.minusSeconds(6), 100, 20),
        point(now.minusSeconds(5), 101, 21))));
    sendPointing(new PointingSetpoints(1, null, List.of(point(now.minusSeconds(5), 102, 20))));

    // THEN one stale event is published and the rotator never moves
    await().until(() -> core.events("stale").size() == 1);
    await().during(Duration.ofMillis(500)).until(() -> rotator().calls("moveTo").isEmpty()
        && core.events("stale").size() == 1);
    assertThat(core.events("stale").get(0).message()).contains("clock");
  }

  /** When setpoints stop, the rotator stops after stopAfter and parks after parkAfter. */
  @Test
  void stopsThenParksWhenSetpointsStop() throws Exception {
    // GIVEN an agent that followed one setpoint (stopAfter 300 ms, parkAfter 1 s)
    agent = startConnected(TestConfigs.station(core.port(), deviceId));
    core.publish(topic(Channel.ROTATOR), new JsonObject().put("az", 100).put("el", 20), 0);
    await().until(() -> movedNear(100));

    // WHEN no further setpoint arrives
    // THEN the rotator is stopped with a safety event
    await().atMost(Duration.ofSeconds(3)).until(() -> !rotator().calls("stop").isEmpty());
    await().until(() -> core.events("safety").stream()
        .anyMatch(event -> event.message().contains("stopped")));
    // AND then parked at the configured park position
    await().atMost(Duration.ofSeconds(3)).until(() -> !rotator().calls("park").isEmpty());
    assertThat(rotator().calls("park").get(0).target()).isEqualTo(new Position(0, 90));
    assertThat(rotator().calls()).extracting(TestRotator.Call::operation)
        .containsSubsequence("moveTo", "stop", "park");
    assertThat(agent.commandedPosition()).contains(new Position(0, 90));
    await().until(() -> core.events("safety").stream()
        .anyMatch(event -> event.message().contains("parking")));
  }

  /** Losing the link stops the rotator at once and parks it when the link stays down. */
  @Test
  void stopsAtOnceThenParksWhenTheLinkIsLost() throws Exception {
    // GIVEN an agent tracking, that would stop only after 2 s without setpoints
    agent = startConnected(withSafety(TestConfigs.station(core.port(), deviceId), "2s", "3s"));
    Instant now = Instant.now();
    sendPointing(new PointingSetpoints(1, null, List.of(point(now, 100, 20),
        point(now.plusSeconds(30), 130, 50))));
    await().until(() -> !rotator().calls("moveTo").isEmpty());

    // WHEN the server drops the connection and refuses reconnects
    core.accepting(false);
    core.dropConnections();

    // THEN the rotator stops well before stopAfter, then parks after parkAfter
    await().atMost(Duration.ofMillis(1500)).until(() -> !rotator().calls("stop").isEmpty());
    assertThat(agent.isConnected()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> !rotator().calls("park").isEmpty());
    assertThat(core.connects()).anyMatch(connect -> !connect.accepted());
    // AND once the server accepts again, the agent reconnects and reports what happened
    core.accepting(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.isConnected()
        && !core.events("link").isEmpty());
  }

  /** After the server stops and starts again on the same port, the agent reconnects and resumes. */
  @Test
  void reconnectsAndResumesAfterTheServerRestarts() throws Exception {
    // GIVEN a connected agent
    agent = startConnected(TestConfigs.station(core.port(), deviceId));

    // WHEN the server stops, then starts again on the same port
    core.stop();
    await().until(() -> !agent.isConnected());
    core.listen();

    // THEN the agent reconnects, announces itself and subscribes again
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.isConnected()
        && core.subscriptions().size() == 2);
    assertThat(core.statuses()).containsExactly("online", "online");
    // AND new setpoints drive the rotator
    core.publish(topic(Channel.ROTATOR), new JsonObject().put("az", 77).put("el", 33), 0);
    await().until(() -> movedNear(77));
  }

  /** Session commands are acknowledged with 200, or refused with 409 or 400. */
  @Test
  void acknowledgesSessionCommands() throws Exception {
    // GIVEN a connected agent
    agent = startConnected(withSafety(TestConfigs.station(core.port(), deviceId), "5s", "10s"));
    Instant now = Instant.now();

    // WHEN a stop arrives with no session running
    sendSession(new SessionCommand("c0", SessionCommand.Action.STOP, 3, null, null, null, now));
    // THEN it is refused with 409
    assertThat(ack("c0").code()).isEqualTo(409);
    assertThat(ack("c0").message()).contains("no session");

    // WHEN a session starts
    sendSession(new SessionCommand("c1", SessionCommand.Action.START, 3, "s1", 25544, "ISS", now));
    // THEN it is acknowledged and in progress
    assertThat(ack("c1").code()).isEqualTo(200);
    assertThat(ack("c1").message()).contains("ISS");
    assertThat(agent.session()).contains("s1");

    // WHEN another session starts at the same epoch, or commands of an older epoch or of another
    // session arrive
    sendSession(new SessionCommand("c2", SessionCommand.Action.START, 3, "s2", null, null, now));
    sendSession(new SessionCommand("c3", SessionCommand.Action.STOP, 2, null, null, null, now));
    sendSession(new SessionCommand("c4", SessionCommand.Action.STOP, 3, "s2", null, null, now));
    // THEN each is refused with 409
    assertThat(ack("c2").code()).isEqualTo(409);
    assertThat(ack("c3").code()).isEqualTo(409);
    assertThat(ack("c3").message()).contains("epoch 2");
    assertThat(ack("c4").code()).isEqualTo(409);

    // WHEN setpoints of the session arrive and then the session is parked
    sendPointing(new PointingSetpoints(3, "s1", List.of(point(Instant.now(), 150, 30))));
    await().until(() -> movedNear(150));
    sendSession(new SessionCommand("c5", SessionCommand.Action.PARK, 3, "s1", null, null, now));
    // THEN the park is acknowledged, the rotator parks and the session is over
    assertThat(ack("c5").code()).isEqualTo(200);
    assertThat(rotator().calls("park")).hasSize(1);
    assertThat(agent.session()).isEmpty();

    // WHEN the park is delivered a second time
    sendSession(new SessionCommand("c5", SessionCommand.Action.PARK, 3, "s1", null, null, now));
    // THEN it gets the same answer again and the rotator is not parked twice
    await().until(() -> acks("c5").size() == 2);
    assertThat(acks("c5")).extracting(StationEvent::code).containsExactly(200, 200);
    assertThat(rotator().calls("park")).hasSize(1);

    // WHEN a session command breaks the protocol
    core.publish(topic(Channel.SESSION), new JsonObject().put("id", "c6").put("action", "dance")
        .put("epoch", 3).put("t", now.toEpochMilli()), 1);
    // THEN it is refused with 400 naming the field
    assertThat(ack("c6").code()).isEqualTo(400);
    assertThat(ack("c6").message()).contains("action");
    // AND setpoints of the ended session no longer move the rotator
    sendPointing(new PointingSetpoints(3, "s1", List.of(point(Instant.now(), 250, 30))));
    await().during(Duration.ofMillis(400)).until(() -> !movedNear(250));
  }

  /** A session cannot start while the rotator is unavailable: 503 until it is back. */
  @Test
  void refusesASessionWith503WhileTheRotatorIsUnavailable() throws Exception {
    // GIVEN an agent whose rotator fails to open
    agent = start(AgentConfig.fromJson(TestConfigs.station(core.port(), deviceId)));
    rotator().failWith(FailureCode.IO);
    await().until(() -> agent.isConnected()
        && core.subscriptions().contains(commandFilter()));
    await().until(() -> core.telemetry().stream().flatMap(t -> t.drivers().stream())
        .anyMatch(report -> report.name().equals("rotator")
            && report.health() == Telemetry.Health.UNAVAILABLE));

    // WHEN a session starts
    Instant now = Instant.now();
    sendSession(new SessionCommand("u1", SessionCommand.Action.START, 1, "s1", null, null, now));

    // THEN it is refused with 503
    assertThat(ack("u1").code()).isEqualTo(503);
    assertThat(ack("u1").message()).contains("rotator unavailable");
    // AND once the rotator answers again, the session starts
    rotator().recover();
    await().until(() -> core.telemetry().stream().flatMap(t -> t.drivers().stream())
        .anyMatch(report -> report.name().equals("rotator")
            && report.health() == Telemetry.Health.OK));
    sendSession(new SessionCommand("u2", SessionCommand.Action.START, 1, "s1", null, null, now));
    assertThat(ack("u2").code()).isEqualTo(200);
  }

  /** An operation the rotator does not offer is refused without calling the driver. */
  @Test
  void refusesAnOperationTheRotatorDoesNotOffer() throws Exception {
    // GIVEN a rotator that can only report its position and move
    JsonObject json = TestConfigs.station(core.port(), deviceId);
    json.getJsonObject("devices").getJsonObject("rotator").getJsonObject("options")
        .put("operations", "get_position,set_position");
    agent = startConnected(json);
    Instant now = Instant.now();
    sendSession(new SessionCommand("n1", SessionCommand.Action.START, 1, "s1", null, null, now));
    assertThat(ack("n1").code()).isEqualTo(200);

    // WHEN the session is stopped
    sendSession(new SessionCommand("n2", SessionCommand.Action.STOP, 1, "s1", null, null, now));

    // THEN the stop is refused with 409, and the driver was never asked to stop
    assertThat(ack("n2").code()).isEqualTo(409);
    assertThat(ack("n2").message()).contains("cannot stop");
    assertThat(rotator().calls("stop")).isEmpty();
  }

  /** The radio is tuned to the point nearest now, only when the frequency changed, mode once. */
  @Test
  void tunesTheRadioToTheNearestPointOnlyWhenTheFrequencyChanges() throws Exception {
    // GIVEN a connected agent
    agent = startConnected(TestConfigs.station(core.port(), deviceId));

    // WHEN radio setpoints arrive with a mode, twice with the same frequencies
    Instant now = Instant.now();
    RadioSetpoints setpoints = new RadioSetpoints(1, null, "fm", List.of(
        new RadioSetpoints.Point(now.minusMillis(200), 145_800_000, null),
        new RadioSetpoints.Point(now.plusSeconds(30), 145_803_000, null)));
    core.publish(topic(Channel.RADIO), setpoints.toJson(), 0);
    core.publish(topic(Channel.RADIO), setpoints.toJson(), 0);

    // THEN the mode is set once in the radio's spelling and the nearest frequency tuned once
    await().until(() -> !radio().calls("frequency").isEmpty());
    await().during(Duration.ofMillis(400)).until(() -> radio().calls("frequency").size() == 1);
    assertThat(radio().calls("frequency").get(0).value()).isEqualTo("145800000");
    assertThat(radio().calls("mode")).extracting(TestRadio.Call::value).containsExactly("FM");
    assertThat(agent.tunedFrequency()).contains(145_800_000L);
    // AND telemetry reports the radio's frequency and mode with every driver's health
    await().until(() -> core.telemetry().stream().anyMatch(t -> t.radio() != null
        && t.radio().downlinkHz() == 145_800_000 && "FM".equals(t.radio().mode())
        && t.drivers().size() == 2));
  }

  /** A frequency outside the station's limits is refused with a limit event. */
  @Test
  void refusesAFrequencyOutsideTheLimits() throws Exception {
    // GIVEN a station limited to 450 MHz
    agent = startConnected(TestConfigs.station(core.port(), deviceId));

    // WHEN the core asks for 480 MHz
    core.publish(topic(Channel.RADIO), new JsonObject().put("downlink", 480_000_000L), 0);

    // THEN the radio is not tuned and a limit event names the frequency
    await().until(() -> !core.events("limit").isEmpty());
    assertThat(core.events("limit").get(0).message()).contains("480000000 Hz");
    assertThat(radio().calls("frequency")).isEmpty();
  }

  private StationAgent start(AgentConfig config) throws Exception {
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(),
        config.pluginsDir());
    return StationAgent.start(vertx, config, registry).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private StationAgent startConnected(JsonObject json) throws Exception {
    StationAgent started = start(AgentConfig.fromJson(json));
    agent = started;
    await().atMost(Duration.ofSeconds(10)).until(() -> started.isConnected()
        && core.subscriptions().contains(commandFilter()));
    return started;
  }

  private static JsonObject withSafety(JsonObject json, String stopAfter, String parkAfter) {
    json.getJsonObject("safety").put("stopAfter", stopAfter).put("parkAfter", parkAfter);
    return json;
  }

  private TestRotator rotator() {
    return TestDevices.rotator(deviceId);
  }

  private TestRadio radio() {
    return TestDevices.radio(deviceId);
  }

  private boolean movedNear(double azimuth) {
    Predicate<TestRotator.Call> near = move -> Math.abs(move.target().azimuth() - azimuth) < 1;
    return rotator().calls("moveTo").stream().anyMatch(near);
  }

  private String topic(Channel channel) {
    return new StationTopic(TestConfigs.ORG, agent.config().stationId(), channel).name();
  }

  private String commandFilter() {
    return StationTopic.commandFilter(TestConfigs.ORG, agent.config().stationId());
  }

  private void sendPointing(PointingSetpoints setpoints) {
    core.publish(topic(Channel.ROTATOR), setpoints.toJson(), 0);
  }

  private void sendSession(SessionCommand command) {
    core.publish(topic(Channel.SESSION), command.toJson(), 1);
  }

  private StationEvent ack(String command) {
    await().until(() -> !acks(command).isEmpty());
    return acks(command).get(0);
  }

  private List<StationEvent> acks(String command) {
    return core.events().stream().filter(event -> event.isAck() && command.equals(event.command()))
        .toList();
  }

  private static PointingSetpoints.Point point(Instant time, double azimuth, double elevation) {
    return new PointingSetpoints.Point(time, azimuth, elevation);
  }
}
