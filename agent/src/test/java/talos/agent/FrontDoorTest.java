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
import talos.driver.DeviceKind;
import talos.driver.Position;
import talos.protocol.Channel;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;
import talos.protocol.StationTopic;
import talos.protocol.Telemetry;
import talos.protocol.Telemetry.Holder;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The agent's front door driven by Hamlib's own clients, {@code rotctl -m 2} and
 * {@code rigctl -m 2}, and by a plain TCP client, with the core stand-in running sessions.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FrontDoorTest {

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

  /** rotctl moves the rotator through the agent and reads its position back. */
  @Test
  void rotctlMovesTheRotatorAndReadsItsPositionBack() throws Exception {
    // GIVEN an agent sharing its rotator, and Hamlib's rotctl
    HamlibClients.require();
    startAgent("30s");

    // WHEN rotctl asks for azimuth 120°, elevation 30°
    HamlibClients.Result moved = rotctl("P", "120", "30");

    // THEN it succeeds and the rotator drives there on its own thread
    assertThat(moved.exitCode()).as(moved.errors()).isZero();
    assertThat(rotator().calls("moveTo")).extracting(TestRotator.Call::target)
        .containsExactly(new Position(120, 30));
    await().until(() -> rotator().currentPosition().equals(new Position(120, 30)));
    // AND rotctl reads the position back
    HamlibClients.Result read = rotctl("p");
    assertThat(read.exitCode()).as(read.errors()).isZero();
    assertThat(read.lines()).containsExactly("120.00", "30.00");
  }

  /** rigctl tunes the radio and sets its mode through the agent, and reads both back. */
  @Test
  void rigctlTunesTheRadioAndReadsItBack() throws Exception {
    // GIVEN an agent sharing its radio, and Hamlib's rigctl
    HamlibClients.require();
    startAgent("30s");

    // WHEN rigctl tunes 145.9 MHz and sets USB
    HamlibClients.Result tuned = rigctl("F", "145900000");
    HamlibClients.Result mode = rigctl("M", "USB", "0");

    // THEN both succeed and reach the radio
    assertThat(tuned.exitCode()).as(tuned.errors()).isZero();
    assertThat(mode.exitCode()).as(mode.errors()).isZero();
    assertThat(radio().calls("frequency")).extracting(TestRadio.Call::value)
        .containsExactly("145900000");
    assertThat(radio().calls("mode")).extracting(TestRadio.Call::value).containsExactly("USB");
    // AND rigctl reads the frequency and the mode back
    HamlibClients.Result read = rigctl("f");
    assertThat(read.exitCode()).as(read.errors()).isZero();
    assertThat(read.lines()).containsExactly("145900000");
    assertThat(rigctl("m").lines()).first().isEqualTo("USB");
  }

  /** The agent never keys the transmitter: rigctl's PTT on is refused, reading PTT says off. */
  @Test
  void refusesToKeyTheTransmitter() throws Exception {
    // GIVEN an agent sharing its radio, and Hamlib's rigctl
    HamlibClients.require();
    startAgent("30s");

    // WHEN rigctl switches PTT on
    HamlibClients.Result keyed = rigctl("T", "1");

    // THEN it is refused as a feature the radio does not have, and PTT reads as off
    assertThat(keyed.printed()).contains("Feature not available");
    HamlibClients.Result ptt = rigctl("t");
    assertThat(ptt.exitCode()).as(ptt.errors()).isZero();
    assertThat(ptt.lines()).containsExactly("0");
  }

  /**
   * While the network runs a session, moving and tuning are refused with RPRT -9 and reading is
   * answered; telemetry shows the network holding both devices, and they are free once it stops.
   */
  @Test
  void refusesMovesAndTuningDuringANetworkSessionButAnswersReads() throws Exception {
    // GIVEN an agent sharing its devices, whose telemetry shows them free
    HamlibClients.require();
    startAgent("30s");
    await().until(() -> lock("rotator").holder() == Holder.FREE
        && lock("radio").holder() == Holder.FREE);

    // WHEN the network starts a session
    Instant now = Instant.now();
    sendSession(new SessionCommand("s1", SessionCommand.Action.START, 4, "pass-7", 25544, "ISS",
        now));
    assertThat(ack("s1").code()).isEqualTo(200);

    // THEN rotctl cannot move the rotator, nor rigctl tune the radio
    HamlibClients.Result moved = rotctl("P", "50", "20");
    assertThat(moved.exitCode()).isEqualTo(2);
    assertThat(moved.printed()).contains("Command rejected");
    HamlibClients.Result tuned = rigctl("F", "145800000");
    assertThat(tuned.printed()).contains("Command rejected");
    assertThat(rotator().calls("moveTo")).isEmpty();
    assertThat(radio().calls("frequency")).isEmpty();
    // AND both read what the devices report
    HamlibClients.Result read = rotctl("p");
    assertThat(read.exitCode()).as(read.errors()).isZero();
    assertThat(read.lines()).containsExactly("10.00", "10.00");
    assertThat(rigctl("f").lines()).containsExactly("145000000");
    // AND telemetry shows the network holding both devices for its session
    await().until(() -> lock("rotator").holder() == Holder.NETWORK
        && "pass-7".equals(lock("radio").session()));

    // WHEN the session stops
    sendSession(new SessionCommand("s2", SessionCommand.Action.STOP, 4, "pass-7", null, null,
        now));
    assertThat(ack("s2").code()).isEqualTo(200);

    // THEN rotctl moves the rotator again
    HamlibClients.Result after = rotctl("P", "50", "20");
    assertThat(after.exitCode()).as(after.errors()).isZero();
    assertThat(rotator().calls("moveTo")).extracting(TestRotator.Call::target)
        .containsExactly(new Position(50, 20));
  }

  /**
   * The first program that moves the rotator holds it while connected: a second program is
   * refused until the first disconnects, and telemetry names the holder.
   */
  @Test
  void theFirstProgramHoldsTheRotatorUntilItDisconnects() throws Exception {
    // GIVEN an agent sharing its rotator, and a rotctl that stays connected and moves it
    HamlibClients.require();
    startAgent("30s");
    try (HamlibClients.Session first = HamlibClients.session("rotctl", port(DeviceKind.ROTATOR))) {
      first.send("P 100 20");
      await().until(() -> moved(100, 20));
      await().until(() -> lock("rotator").holder() == Holder.LOCAL
          && lock("rotator").client().startsWith("127.0.0.1:"));

      // WHEN a second rotctl asks to move it, and reads its position
      HamlibClients.Result second = rotctl("P", "200", "40");
      HamlibClients.Result read = rotctl("p");

      // THEN the move is refused and never reaches the rotator; the read is answered
      assertThat(second.exitCode()).isEqualTo(2);
      assertThat(second.printed()).contains("Command rejected");
      assertThat(moved(200, 40)).isFalse();
      assertThat(read.exitCode()).as(read.errors()).isZero();
      // AND the radio is another device, free for another program
      HamlibClients.Result tuned = rigctl("F", "145800000");
      assertThat(tuned.printed()).doesNotContain("rejected");
      assertThat(radio().calls("frequency")).extracting(TestRadio.Call::value)
          .containsExactly("145800000");
    }

    // WHEN the first rotctl disconnects
    // THEN the second takes the rotator
    HamlibClients.Result again = rotctl("P", "200", "40");
    assertThat(again.exitCode()).as(again.errors()).isZero();
    assertThat(moved(200, 40)).isTrue();
  }

  /** A holder silent for idleRelease loses the lock, and another program takes the rotator. */
  @Test
  void releasesTheLockOfASilentProgram() throws Exception {
    // GIVEN an agent that releases a lock after 1 s of silence, and a program holding the rotator
    HamlibClients.require();
    startAgent("1s");
    try (LineClient holder = new LineClient(port(DeviceKind.ROTATOR))) {
      assertThat(holder.ask("P 100 20")).isEqualTo("RPRT 0");
      Instant lastCommand = Instant.now();

      // WHEN another program asks right away
      // THEN it is refused
      try (LineClient other = new LineClient(port(DeviceKind.ROTATOR))) {
        assertThat(other.ask("P 200 40")).isEqualTo("RPRT -9");
      }
      await().until(() -> lock("rotator").holder() == Holder.LOCAL
          && lock("rotator").client().equals(holder.address()));

      // WHEN the holder stays silent, connected
      // THEN another program takes the rotator once the second of silence is over
      try (LineClient other = new LineClient(port(DeviceKind.ROTATOR))) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
            .until(() -> other.ask("P 200 40").equals("RPRT 0"));
        assertThat(Duration.between(lastCommand, Instant.now()))
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(moved(200, 40)).isTrue();
        await().until(() -> other.address().equals(lock("rotator").client()));
        // AND the former holder is refused now
        assertThat(holder.ask("P 110 20")).isEqualTo("RPRT -9");
      }
    }
  }

  /**
   * The network wins: a session that starts while a program holds the rotator revokes its lock,
   * the program is refused on its next move, and may take the rotator again after the session.
   */
  @Test
  void aNetworkSessionRevokesALocalLock() throws Exception {
    // GIVEN a program holding the rotator
    startAgent("30s");
    try (LineClient holder = new LineClient(port(DeviceKind.ROTATOR))) {
      assertThat(holder.ask("P 100 20")).isEqualTo("RPRT 0");

      // WHEN the network starts a session
      Instant now = Instant.now();
      sendSession(new SessionCommand("r1", SessionCommand.Action.START, 2, "pass-9", null, null,
          now));

      // THEN the session starts, and the program's next move is refused; reading still works
      assertThat(ack("r1").code()).isEqualTo(200);
      assertThat(holder.ask("P 110 20")).isEqualTo("RPRT -9");
      assertThat(holder.ask("p", 2)).hasSize(2).allSatisfy(value ->
          assertThat(Double.parseDouble(value)).isBetween(0.0, 450.0));
      await().until(() -> lock("rotator").holder() == Holder.NETWORK);

      // WHEN the session stops
      sendSession(new SessionCommand("r2", SessionCommand.Action.STOP, 2, "pass-9", null, null,
          now));
      assertThat(ack("r2").code()).isEqualTo(200);

      // THEN the program may move the rotator again
      assertThat(holder.ask("P 120 20")).isEqualTo("RPRT 0");
      assertThat(moved(110, 20)).isFalse();
      assertThat(moved(120, 20)).isTrue();
    }
  }

  /**
   * A program that takes the rotator after the network's setpoints stopped cancels the park the
   * agent had pending, so the agent does not drive the antenna away from it.
   */
  @Test
  void aLocalProgramTakingTheRotatorCancelsThePendingPark() throws Exception {
    // GIVEN an agent that followed a setpoint and stopped when no more came (it parks after 1 s)
    startAgent("30s");
    core.publish(topic(Channel.ROTATOR), new JsonObject().put("az", 100).put("el", 20), 0);
    await().until(() -> moved(100, 20));
    await().until(() -> !rotator().calls("stop").isEmpty());

    // WHEN a program moves the rotator as soon as the network no longer controls it
    try (LineClient program = new LineClient(port(DeviceKind.ROTATOR))) {
      await().pollInterval(Duration.ofMillis(50))
          .until(() -> program.ask("P 150 30").equals("RPRT 0"));

      // THEN the rotator is not parked
      await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
          .until(() -> rotator().calls("park").isEmpty());
      assertThat(rotator().calls("moveTo")).extracting(TestRotator.Call::target)
          .endsWith(new Position(150, 30));
    }
  }

  /** The rotator's port answers in rotctld's plain and extended forms, with its error codes. */
  @Test
  void answersInTheFormsOfRotctld() throws Exception {
    // GIVEN an agent sharing its rotator (azimuth 0 to 450, elevation 0 to 90)
    startAgent("30s");
    try (LineClient client = new LineClient(port(DeviceKind.ROTATOR))) {
      // WHEN a program asks for the state, then moves and reads in every form
      // THEN the answers are rotctld's
      assertThat(client.askUntil("\\dump_state", "done")).containsExactly("1", "2",
          "min_az=0.000000", "max_az=450.000000", "min_el=0.000000", "max_el=90.000000",
          "south_zero=0", "rot_type=AzEl", "done");
      assertThat(client.ask("P 20,5 10")).isEqualTo("RPRT 0");
      assertThat(client.ask("+\\set_pos 20.5 10", 2)).containsExactly("set_pos: 20.5 10",
          "RPRT 0");
      assertThat(client.ask("\\get_pos", 2)).allSatisfy(value -> assertThat(value)
          .matches("\\d+\\.\\d\\d"));
      assertThat(client.ask("+p", 4)).satisfies(answer -> {
        assertThat(answer.get(0)).isEqualTo("get_pos:");
        assertThat(answer.get(1)).startsWith("Azimuth: ");
        assertThat(answer.get(2)).startsWith("Elevation: ");
        assertThat(answer.get(3)).isEqualTo("RPRT 0");
      });
      assertThat(client.ask(";_")).startsWith("get_info:;Info: talos-agent/").endsWith(";RPRT 0");
      assertThat(client.ask("S")).isEqualTo("RPRT 0");
      assertThat(client.ask("K")).isEqualTo("RPRT 0");
      // AND out of limits, wrong arguments and unknown commands are refused with their codes
      assertThat(client.ask("P 100 95")).isEqualTo("RPRT -1");
      assertThat(client.ask("P ten 20")).isEqualTo("RPRT -1");
      assertThat(client.ask("P 10")).isEqualTo("RPRT -1");
      assertThat(client.ask("M 8 50")).isEqualTo("RPRT -4");
      assertThat(client.ask("\\reset 1")).isEqualTo("RPRT -4");
      // AND q ends the connection
      assertThat(client.ask("q")).isEqualTo("RPRT 0");
      assertThat(client.isClosedByPeer()).isTrue();
    }
    assertThat(rotator().calls()).extracting(TestRotator.Call::operation)
        .containsSubsequence("moveTo", "stop", "park");
    assertThat(rotator().calls("park").get(0).target()).isEqualTo(new Position(0, 90));
  }

  /** The radio's port answers in rigctld's forms, with what the radio can do in dump_state. */
  @Test
  void answersInTheFormsOfRigctld() throws Exception {
    // GIVEN an agent sharing its radio (100 to 450 MHz within the station's limits, FM and USB)
    startAgent("30s");
    try (LineClient client = new LineClient(port(DeviceKind.RADIO))) {
      // WHEN a program asks what rigctl -m 2 asks when it opens
      // THEN the answers are rigctld's
      assertThat(client.ask("\\chk_vfo")).isEqualTo("0");
      List<String> state = client.askUntil("\\dump_state", "done");
      assertThat(state.subList(0, 8)).containsExactly("1", "2", "0",
          "100000000.000000 450000000.000000 0x24 -1 -1 0x3 0x1", "0 0 0 0 0 0 0",
          "100000000.000000 450000000.000000 0x24 -1 -1 0x3 0x1", "0 0 0 0 0 0 0", "0x24 1");
      assertThat(state).contains("ptt_type=0x0", "has_set_freq=1", "done");
      assertThat(client.ask("v")).isEqualTo("VFOA");
      assertThat(client.ask("f")).isEqualTo("145000000");
      assertThat(client.ask("s", 2)).containsExactly("0", "VFOA");
      assertThat(client.ask("m", 2)).containsExactly("FM", "0");
      assertThat(client.ask("\\get_powerstat")).isEqualTo("1");
      assertThat(client.ask("\\get_lock_mode")).isEqualTo("0");
      // AND tuning, the uplink on VFOB, split and the mode work in the plain and extended forms
      assertThat(client.ask("F 145800000.000000")).isEqualTo("RPRT 0");
      assertThat(client.ask("+F 145801000", 2)).containsExactly("set_freq: 145801000", "RPRT 0");
      assertThat(client.ask("+f", 3)).containsExactly("get_freq:", "Frequency: 145801000",
          "RPRT 0");
      assertThat(client.ask("S 1 VFOB")).isEqualTo("RPRT 0");
      assertThat(client.ask("I 435000000")).isEqualTo("RPRT 0");
      assertThat(client.ask("i")).isEqualTo("435000000");
      assertThat(client.ask("V VFOB")).isEqualTo("RPRT 0");
      assertThat(client.ask("F 435001000")).isEqualTo("RPRT 0");
      assertThat(client.ask("f")).isEqualTo("435001000");
      assertThat(client.ask("V VFOA")).isEqualTo("RPRT 0");
      assertThat(client.ask("f VFOA")).isEqualTo("145801000");
      assertThat(client.ask("M usb 2400")).isEqualTo("RPRT 0");
      // AND PTT on, a frequency outside the limits, bad arguments and unknown commands are refused
      assertThat(client.ask("t")).isEqualTo("0");
      assertThat(client.ask("T 1")).isEqualTo("RPRT -11");
      assertThat(client.ask("F 480000000")).isEqualTo("RPRT -1");
      assertThat(client.ask("M DANCE 0")).isEqualTo("RPRT -1");
      assertThat(client.ask("F")).isEqualTo("RPRT -1");
      assertThat(client.ask("V VFOZ")).isEqualTo("RPRT -1");
      assertThat(client.ask("l STRENGTH")).isEqualTo("RPRT -4");
    }
    assertThat(radio().calls("frequency")).extracting(TestRadio.Call::value)
        .containsExactly("145800000", "145801000");
    assertThat(radio().calls("uplink")).extracting(TestRadio.Call::value)
        .containsExactly("435000000", "435001000");
    assertThat(radio().calls("mode")).extracting(TestRadio.Call::value).containsExactly("USB");
  }

  /** A front door port that is taken stops the agent from starting, naming the port and field. */
  @Test
  void failsToStartWhenAFrontDoorPortIsTaken() throws Exception {
    // GIVEN another program listening on the port meant for the rotator's front door
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      JsonObject json = TestConfigs.station(core.port(), deviceId).put("frontDoor",
          new JsonObject().put("rotator", new JsonObject().put("port", taken.getLocalPort())));
      AgentConfig config = AgentConfig.fromJson(json);

      // WHEN the agent starts
      Throwable failure = catchThrowable(() -> StationAgent.start(vertx, config,
              DriverRegistry.load(getClass().getClassLoader(), config.pluginsDir()))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

      // THEN it fails, naming the address and the setting, and closes the devices it created
      assertThat(failure).cause().hasMessageContaining("cannot listen on 127.0.0.1:"
          + taken.getLocalPort() + " for the rotator's front door (frontDoor.rotator.port)");
      assertThat(rotator().calls("close")).hasSize(1);
      assertThat(core.connects()).isEmpty();
    }
  }

  private void startAgent(String idleRelease) throws Exception {
    JsonObject json = TestConfigs.station(core.port(), deviceId).put("frontDoor", new JsonObject()
        .put("host", "127.0.0.1")
        .put("rotator", new JsonObject().put("port", 0))
        .put("radio", new JsonObject().put("port", 0))
        .put("idleRelease", idleRelease));
    json.getJsonObject("safety").put("stopAfter", "300ms").put("parkAfter", "1s");
    AgentConfig config = AgentConfig.fromJson(json);
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(),
        config.pluginsDir());
    agent = StationAgent.start(vertx, config, registry).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.isConnected()
        && core.subscriptions().contains(StationTopic.commandFilter(TestConfigs.ORG,
        agent.config().stationId())));
  }

  private HamlibClients.Result rotctl(String... command) {
    return HamlibClients.run("rotctl", port(DeviceKind.ROTATOR), command);
  }

  private HamlibClients.Result rigctl(String... command) {
    return HamlibClients.run("rigctl", port(DeviceKind.RADIO), command);
  }

  private int port(DeviceKind device) {
    return agent.frontDoorPort(device).orElseThrow();
  }

  private boolean moved(double azimuth, double elevation) {
    return rotator().calls("moveTo").stream()
        .anyMatch(move -> move.target().equals(new Position(azimuth, elevation)));
  }

  /** The lock of a device in the latest telemetry that carries one. */
  private Telemetry.Lock lock(String device) {
    List<Telemetry> telemetry = core.telemetry();
    for (int i = telemetry.size() - 1; i >= 0; i--) {
      Telemetry.Lock lock = telemetry.get(i).locks().get(device);
      if (lock != null) {
        return lock;
      }
    }
    return new Telemetry.Lock(Holder.FREE, "none yet", null, null);
  }

  private String topic(Channel channel) {
    return new StationTopic(TestConfigs.ORG, agent.config().stationId(), channel).name();
  }

  private void sendSession(SessionCommand command) {
    core.publish(topic(Channel.SESSION), command.toJson(), 1);
  }

  private StationEvent ack(String command) {
    await().until(() -> core.events().stream()
        .anyMatch(event -> event.isAck() && command.equals(event.command())));
    return core.events().stream().filter(event -> event.isAck() && command.equals(event.command()))
        .findFirst().orElseThrow();
  }

  private TestRotator rotator() {
    return TestDevices.rotator(deviceId);
  }

  private TestRadio radio() {
    return TestDevices.radio(deviceId);
  }
}
