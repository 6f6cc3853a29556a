package talos.core.gateway;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import talos.core.bus.Addresses;
import talos.core.gateway.Fleet.Organisation;
import talos.core.gateway.Fleet.Recorder;
import talos.core.gateway.Fleet.Station;
import talos.core.support.ServerTest;
import talos.protocol.Channel;
import talos.protocol.StationTopic;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the MQTT gateway of a whole node from the clients' side, with two organisations of two
 * stations each: sign-in, the access rules of stations and operators under MQTT 3.1.1 and 5, the
 * bus bridge in both directions, takeover, limits, and online/offline status.
 */
@Timeout(180)
class GatewayTest extends ServerTest {

  private static final MqttVersion V3 = MqttVersion.MQTT_3_1_1;
  private static final MqttVersion V5 = MqttVersion.MQTT_5;

  private Organisation north;
  private Organisation south;
  private Vertx vertx;
  private int port;

  /** The two protocol versions the gateway speaks. */
  enum Version {
    MQTT_3_1_1(MqttVersion.MQTT_3_1_1, 0x80, 0x04),
    MQTT_5(MqttVersion.MQTT_5, 0x87, 0x86);

    final MqttVersion mqtt;
    final int subscriptionRefused;
    final int badCredentials;

    Version(MqttVersion mqtt, int subscriptionRefused, int badCredentials) {
      this.mqtt = mqtt;
      this.subscriptionRefused = subscriptionRefused;
      this.badCredentials = badCredentials;
    }
  }

  @BeforeAll
  void createFleet() {
    north = Fleet.organisation(api, "north", 2);
    south = Fleet.organisation(api, "south", 2);
    vertx = server.node().vertx();
    port = server.node().mqttPort();
  }

  /** Verifies that a station gets the setpoint sent to it over the bus, and its telemetry is published. */
  @ParameterizedTest
  @EnumSource(Version.class)
  void testASetpointReachesTheStationAndItsTelemetryReachesTheBus(Version version) throws Exception {
    Station station = north.station(0);
    try (Recorder telemetry = new Recorder(vertx, Addresses.STATION_TELEMETRY);
         MqttTestClient client = connect(version.mqtt, station)) {
      assertThat(client.subscribe(station.commands(), 1)).isEqualTo(1);

      JsonObject setpoint = Fleet.setpoint(123.4, 45.6);
      JsonObject reply = Fleet.command(vertx, station, "cmd/rot", setpoint);
      MqttPublishMessage received = client.awaitPublish();
      client.publish(station.topic(Channel.TELEMETRY), Fleet.telemetry(120, 44).toBuffer().getBytes(),
          1);

      assertThat(reply).isEqualTo(new JsonObject());
      assertThat(received.variableHeader().topicName()).isEqualTo(station.topic(Channel.ROTATOR));
      assertThat(received.fixedHeader().qosLevel().value()).isZero();
      assertThat(new JsonObject(received.payload().toString(StandardCharsets.UTF_8)))
          .isEqualTo(setpoint);
      await().atMost(Duration.ofSeconds(10)).until(() -> !telemetry.of(station).isEmpty());
      JsonObject body = telemetry.of(station).get(0);
      assertThat(body.getString("orgSlug")).isEqualTo(north.slug());
      assertThat(body.getString("orgId")).isNotBlank();
      assertThat(body.getJsonObject("telemetry").getJsonObject("rotator").getDouble("az"))
          .isEqualTo(120.0);
      client.disconnect();
    }
  }

  /** Verifies that every subscription outside a station's own command subtree is refused. */
  @ParameterizedTest
  @EnumSource(Version.class)
  void testEveryForbiddenSubscriptionIsRefused(Version version) throws Exception {
    Station station = north.station(0);
    Station sibling = north.station(1);
    Station foreign = south.station(0);
    List<String> forbidden = List.of(
        sibling.commands(),
        foreign.commands(),
        StationTopic.prefix(foreign.org(), station.id()) + "cmd/#",
        station.topic(Channel.TELEMETRY),
        StationTopic.prefix(station.org(), station.id()) + "#",
        StationTopic.organisationFilter(north.slug(), Channel.TELEMETRY),
        "talos/" + north.slug() + "/gs/+/cmd/#",
        "talos/#",
        "#",
        "$share/group/" + station.commands());

    try (MqttTestClient client = connect(version.mqtt, station)) {
      for (String filter : forbidden) {
        assertThat(client.subscribe(filter, 1)).as(filter).isEqualTo(version.subscriptionRefused);
      }
      assertThat(client.subscribe(station.topic(Channel.ROTATOR), 0)).isZero();
      assertThat(client.subscribe(station.commands(), 1)).isEqualTo(1);
      assertThat(client.isOpen()).isTrue();
      client.disconnect();
    }
  }

  /** Verifies that publishing anywhere but the station's own upward channels ends the connection. */
  @ParameterizedTest
  @EnumSource(Version.class)
  void testEveryForbiddenPublishEndsTheConnection(Version version) throws Exception {
    Station station = north.station(1);
    byte[] telemetry = Fleet.telemetry(10, 10).toBuffer().getBytes();
    List<String> forbidden = List.of(
        north.station(0).topic(Channel.TELEMETRY),
        south.station(0).topic(Channel.STATUS),
        StationTopic.prefix(south.slug(), station.id()) + "telemetry",
        station.topic(Channel.ROTATOR),
        station.topic(Channel.SESSION),
        StationTopic.prefix(station.org(), station.id()) + "diagnostics",
        "talos/" + north.slug() + "/announcements",
        "elsewhere");

    for (String topic : forbidden) {
      try (MqttTestClient client = connect(version.mqtt, station)) {
        client.publish(topic, telemetry, 0);

        assertThat(client.awaitDisconnect()).as(topic).isEqualTo(version == Version.MQTT_5 ? 0x87 : -1);
      }
    }
  }

  /** Verifies that a wrong key, an unknown station and a mismatched client id are refused. */
  @ParameterizedTest
  @EnumSource(Version.class)
  void testWrongCredentialsAreRefused(Version version) throws Exception {
    Station station = south.station(1);
    String unknown = "8a5e1f0e-0000-4000-8000-000000000000";

    try (MqttTestClient wrongKey = MqttTestClient.connect(port, version.mqtt, station.id(),
             station.id(), "tsk_" + "A".repeat(43));
         MqttTestClient unknownStation = MqttTestClient.connect(port, version.mqtt, unknown,
             unknown, station.key());
         MqttTestClient notAStation = MqttTestClient.connect(port, version.mqtt, "someone",
             "someone", station.key());
         MqttTestClient otherClientId = MqttTestClient.connect(port, version.mqtt, "another-id",
             station.id(), station.key())) {
      assertThat(wrongKey.connectCode()).isEqualTo(version.badCredentials);
      assertThat(unknownStation.connectCode()).isEqualTo(version.badCredentials);
      assertThat(notAStation.connectCode()).isEqualTo(version.badCredentials);
      assertThat(otherClientId.connectCode()).isEqualTo(version == Version.MQTT_5 ? 0x85 : 0x02);
      assertThat(wrongKey.awaitDisconnect()).isEqualTo(-1);
    }
  }

  /** Verifies that an oversized message closes only its own connection. */
  @Test
  void testAnOversizedMessageEndsOnlyItsConnection() throws Exception {
    Station sender = south.station(0);
    Station bystander = south.station(1);
    try (Recorder telemetry = new Recorder(vertx, Addresses.STATION_TELEMETRY);
         MqttTestClient oversized = connect(V5, sender);
         MqttTestClient other = connect(V3, bystander)) {
      other.subscribe(bystander.commands(), 1);
      assertThat(oversized.connAckProperties().getProperty(MqttProperties.MAXIMUM_PACKET_SIZE)
          .value()).isEqualTo(65536);

      oversized.publish(sender.topic(Channel.FRAMES), new byte[70_000], 0);
      int code = oversized.awaitDisconnect();

      assertThat(code).isIn(0x95, -1);
      assertBystanderWorks(bystander, other, telemetry);
    }
  }

  /** Verifies that a malformed message is refused without ending the connection or touching others. */
  @Test
  void testAMalformedMessageIsRefusedWhileOtherStationsKeepWorking() throws Exception {
    Station sender = north.station(0);
    Station bystander = south.station(0);
    try (Recorder telemetry = new Recorder(vertx, Addresses.STATION_TELEMETRY);
         MqttTestClient v5 = connect(V5, sender);
         MqttTestClient other = connect(V3, bystander)) {
      other.subscribe(bystander.commands(), 1);

      int notJson = v5.publish(sender.topic(Channel.TELEMETRY), bytes("{\"t\": 1, "), 1);
      int outOfRange = v5.publish(sender.topic(Channel.TELEMETRY),
          Fleet.telemetry(999, 10).toBuffer().getBytes(), 1);
      int badEvent = v5.publish(sender.topic(Channel.EVENTS), bytes("{\"t\": 1}"), 1);
      int valid = v5.publish(sender.topic(Channel.TELEMETRY),
          Fleet.telemetry(1, 2).toBuffer().getBytes(), 1);

      assertThat(List.of(notJson, outOfRange, badEvent, valid)).containsExactly(0x99, 0x99, 0x99, 0);
      assertThat(v5.isOpen()).isTrue();
      assertBystanderWorks(bystander, other, telemetry);
      await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.of(sender).size() == 1);
      v5.disconnect();
    }
  }

  /** Verifies that MQTT 3.1.1, which has no reason codes, gets a malformed message dropped. */
  @Test
  void testAMalformedMessageUnderMqtt311IsDropped() throws Exception {
    Station sender = north.station(1);
    try (Recorder telemetry = new Recorder(vertx, Addresses.STATION_TELEMETRY);
         MqttTestClient client = connect(V3, sender)) {
      assertThat(client.publish(sender.topic(Channel.TELEMETRY), bytes("not json"), 1)).isZero();
      client.publish(sender.topic(Channel.TELEMETRY), Fleet.telemetry(5, 6).toBuffer().getBytes(), 1);

      await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.of(sender).size() == 1);
      assertThat(client.isOpen()).isTrue();
      client.disconnect();
    }
  }

  /** Verifies that a second connection of a station takes over and the first is closed. */
  @Test
  void testASecondConnectionTakesOverTheFirst() throws Exception {
    Station station = south.station(1);
    try (Recorder status = new Recorder(vertx, Addresses.STATION_STATUS);
         MqttTestClient first = connect(V5, station);
         MqttTestClient firstOld = connect(V3, north.station(1))) {
      first.subscribe(station.commands(), 1);
      try (MqttTestClient second = connect(V5, station);
           MqttTestClient secondOld = connect(V3, north.station(1))) {
        second.subscribe(station.commands(), 1);

        assertThat(first.awaitDisconnect()).isEqualTo(0x8E);
        assertThat(firstOld.awaitDisconnect()).isEqualTo(-1);
        Fleet.command(vertx, station, "cmd/rot", Fleet.setpoint(10, 20));
        assertThat(second.awaitPublish().variableHeader().topicName())
            .isEqualTo(station.topic(Channel.ROTATOR));
        assertThat(secondOld.isOpen()).isTrue();
        assertThat(status.of(station)).extracting(body -> body.getString("state"))
            .doesNotContain("offline");
        second.disconnect();
        secondOld.disconnect();
      }
    }
  }

  /** Verifies that an operator's token reads its own organisation only, and cannot publish. */
  @Test
  void testAnOperatorTokenReadsItsOrganisationOnlyAndCannotPublish() throws Exception {
    Station own = north.station(0);
    Station foreign = south.station(0);
    try (MqttTestClient station = connect(V3, own);
         MqttTestClient operator = MqttTestClient.connect(port, V5, "console-1", "anyone",
             north.token())) {
      assertThat(operator.connectCode()).isZero();
      String ownTelemetry = StationTopic.organisationFilter(north.slug(), Channel.TELEMETRY);

      assertThat(operator.subscribe(ownTelemetry, 1)).isEqualTo(1);
      assertThat(operator.subscribe(own.topic(Channel.EVENTS), 1)).isEqualTo(1);
      assertThat(operator.subscribe(StationTopic.organisationFilter(south.slug(), Channel.TELEMETRY),
          1)).isEqualTo(0x87);
      assertThat(operator.subscribe(foreign.topic(Channel.STATUS), 1)).isEqualTo(0x87);
      assertThat(operator.subscribe(own.commands(), 1)).isEqualTo(0x87);
      assertThat(operator.subscribe(own.topic(Channel.FRAMES), 1)).isEqualTo(0x87);
      assertThat(operator.subscribe("talos/#", 1)).isEqualTo(0x87);
      assertThat(operator.subscribe(StationTopic.organisationFilter(north.slug(), Channel.STATUS),
          1)).isEqualTo(1);
      MqttPublishMessage retained = operator.awaitPublish(own.topic(Channel.STATUS));
      assertThat(retained.fixedHeader().isRetain()).isTrue();
      assertThat(json(retained).getString("state")).isEqualTo("online");

      station.publish(own.topic(Channel.TELEMETRY), Fleet.telemetry(33, 44).toBuffer().getBytes(), 1);
      try (MqttTestClient foreignStation = connect(V3, foreign)) {
        foreignStation.publish(foreign.topic(Channel.TELEMETRY),
            Fleet.telemetry(1, 1).toBuffer().getBytes(), 1);
      }
      MqttPublishMessage forwarded = operator.awaitPublish(own.topic(Channel.TELEMETRY));
      assertThat(json(forwarded).getJsonObject("rotator").getDouble("el")).isEqualTo(44.0);

      operator.publish(own.topic(Channel.ROTATOR), Fleet.setpoint(1, 1).toBuffer().getBytes(), 0);
      assertThat(operator.awaitDisconnect()).isEqualTo(0x87);
      assertThat(operator.received()).allSatisfy(message -> assertThat(
          message.variableHeader().topicName()).doesNotContain(south.slug()));
      station.disconnect();
    }
  }

  /**
   * Verifies that an operator's second connection with the same client id takes over the first,
   * whichever gateway instance of the node each one reached.
   */
  @Test
  void testASecondOperatorConnectionTakesOverTheFirst() throws Exception {
    try (MqttTestClient first = MqttTestClient.connect(port, V5, "console-2", "anyone",
             north.token());
         MqttTestClient second = MqttTestClient.connect(port, V5, "console-2", "anyone",
             north.token());
         MqttTestClient third = MqttTestClient.connect(port, V5, "console-2", "anyone",
             north.token())) {
      assertThat(first.awaitDisconnect()).isEqualTo(0x8E);
      assertThat(second.awaitDisconnect()).isEqualTo(0x8E);
      assertThat(third.subscribe(StationTopic.organisationFilter(north.slug(), Channel.STATUS), 1))
          .isEqualTo(1);
    }
  }

  /** Verifies that a bad operator token is refused like a bad station key. */
  @Test
  void testAnUnknownOperatorTokenIsRefused() throws Exception {
    try (MqttTestClient operator = MqttTestClient.connect(port, V3, "console-2", "anyone",
        "tat_" + "B".repeat(43))) {
      assertThat(operator.connectCode()).isEqualTo(0x04);
    }
  }

  /** Verifies that a station that vanishes without DISCONNECT is announced offline and last seen. */
  @Test
  void testAStationThatVanishesIsAnnouncedOfflineAndItsLastSeenTimeIsKept() throws Exception {
    Station station = south.station(0);
    try (Recorder status = new Recorder(vertx, Addresses.STATION_STATUS)) {
      MqttTestClient client = MqttTestClient.connect(port, V3, station.id(), station.id(),
          station.key(), 30, new MqttTestClient.Will(station.topic(Channel.STATUS), "offline"));
      assertThat(client.connectCode()).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> states(status, station).contains("online"));

      client.drop();
      client.close();

      await().atMost(Duration.ofSeconds(10))
          .until(() -> states(status, station).equals(List.of("online", "offline")));
      await().atMost(Duration.ofSeconds(10)).until(() -> lastSeen(station) != null);
    }
  }

  /** Verifies that a station's own plain and JSON status messages are published, once per change. */
  @Test
  void testAStationsOwnStatusIsPublished() throws Exception {
    Station station = north.station(1);
    try (Recorder status = new Recorder(vertx, Addresses.STATION_STATUS);
         MqttTestClient client = connect(V5, station)) {
      client.publish(station.topic(Channel.STATUS), bytes("online"), 1);
      int withAgent = client.publish(station.topic(Channel.STATUS), new JsonObject().put("v", 1)
          .put("state", "online").put("t", 1_700_000_000_000L).put("agent", "talos-agent/0.1.0")
          .toBuffer().getBytes(), 1);
      int bad = client.publish(station.topic(Channel.STATUS), bytes("sleeping"), 1);
      client.publish(station.topic(Channel.STATUS), bytes("offline"), 1);
      client.disconnect();

      assertThat(withAgent).isZero();
      assertThat(bad).isEqualTo(0x99);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> states(status, station).equals(List.of("online", "online", "offline")));
      assertThat(status.of(station).get(1).getString("agent")).isEqualTo("talos-agent/0.1.0");
    }
  }

  /** Verifies that a client sending faster than the message rate is disconnected. */
  @Test
  void testAClientBeyondTheMessageRateIsDisconnected() throws Exception {
    Station station = south.station(1);
    byte[] telemetry = Fleet.telemetry(1, 1).toBuffer().getBytes();
    try (MqttTestClient client = connect(V5, station)) {
      for (int i = 0; i < 150 && client.isOpen(); i++) {
        client.publish(station.topic(Channel.TELEMETRY), telemetry, 0);
      }

      assertThat(client.awaitDisconnect()).isEqualTo(0x96);
    }
  }

  /** Verifies that a keep-alive of 0 is replaced under MQTT 5 and refused under MQTT 3.1.1. */
  @Test
  void testAMissingKeepAliveIsReplacedOrRefused() throws Exception {
    Station station = north.station(0);
    try (MqttTestClient v5 = MqttTestClient.connect(port, V5, station.id(), station.id(),
        station.key(), 0, null)) {
      assertThat(v5.connectCode()).isZero();
      assertThat(v5.connAckProperties().getProperty(MqttProperties.SERVER_KEEP_ALIVE).value())
          .isEqualTo(300);
      v5.disconnect();
    }
    try (MqttTestClient v3 = MqttTestClient.connect(port, V3, station.id(), station.id(),
        station.key(), 0, null)) {
      assertThat(v3.connectCode()).isEqualTo(0x05);
    }
  }

  /** Verifies the link state of a connected station, and that an unconnected one has no handler. */
  @Test
  void testTheLinkStateIsServedWhereTheStationIsConnected() throws Exception {
    Station station = south.station(0);
    try (MqttTestClient client = connect(V5, station)) {
      client.publish(station.topic(Channel.TELEMETRY), Fleet.telemetry(7, 8).toBuffer().getBytes(), 1);

      JsonObject state = request(Addresses.GATEWAY_STATE_PREFIX + station.id(), new JsonObject());
      assertThat(state.getBoolean("connected")).isTrue();
      assertThat(state.getString("node")).isEqualTo(server.node().context().cluster().nodeId());
      assertThat(state.getInteger("protocolVersion")).isEqualTo(5);
      assertThat(state.getString("remote")).isEqualTo("127.0.0.1");
      assertThat(state.getString("since")).isNotBlank();
      assertThat(state.getString("lastMessageAt")).isNotBlank();
      assertThat(state.getJsonObject("telemetry").getJsonObject("rotator").getDouble("az"))
          .isEqualTo(7.0);
      assertThat(state.getValue("status")).isNull();
      client.disconnect();
    }

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(
        () -> request(Addresses.GATEWAY_STATE_PREFIX + station.id(), new JsonObject()))
        .hasCauseInstanceOf(ReplyException.class)
        .cause().satisfies(e -> assertThat(((ReplyException) e).failureType())
            .isEqualTo(ReplyFailure.NO_HANDLERS)));
  }

  /** Verifies that commands with a bad channel or payload are refused naming what is wrong. */
  @Test
  void testABadCommandIsRefusedNamingTheField() throws Exception {
    Station station = north.station(1);
    try (MqttTestClient client = connect(V3, station)) {
      client.subscribe(station.commands(), 1);

      assertThat(failure(station, "cmd/rot", Fleet.setpoint(999, 10)))
          .isEqualTo("400 points[0].az 999.0 is not allowed: a number from -180.0 to 540.0");
      assertThat(failure(station, "telemetry", Fleet.telemetry(1, 1)))
          .startsWith("400 channel: 'telemetry' is not allowed");
      assertThat(failure(station, "cmd/rig", new JsonObject().put("v", 2)))
          .isEqualTo("400 v 2 is not allowed: protocol version 1");
      client.disconnect();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> failure(station, "cmd/rot",
        Fleet.setpoint(1, 1)).startsWith("NO_HANDLERS"));
  }

  /** Verifies that a station that has not subscribed to a channel gets 503 for its commands. */
  @Test
  void testACommandForAnUnsubscribedChannelIsRefused() throws Exception {
    Station station = south.station(1);
    try (MqttTestClient client = connect(V5, station)) {
      client.subscribe(station.topic(Channel.SESSION), 1);

      assertThat(failure(station, "cmd/rot", Fleet.setpoint(1, 1)))
          .startsWith("503 station " + station.id() + " is connected but has not subscribed");
      client.disconnect();
    }
  }

  /**
   * Verifies the epoch fence: a command of an epoch below one already forwarded to the connection
   * is not delivered on any command channel, an equal or higher one is, and a new connection of the
   * station starts without a fence.
   */
  @Test
  void testACommandOfAnOlderEpochIsDroppedUntilTheStationConnectsAgain() throws Exception {
    Station station = Fleet.organisation(api, "fence", 1).station(0);
    try (MqttTestClient client = connect(V5, station)) {
      client.subscribe(station.commands(), 1);
      Fleet.command(vertx, station, "cmd/rot", Fleet.setpoint(10, 10).put("epoch", 5));
      assertThat(json(client.awaitPublish()).getLong("epoch")).isEqualTo(5);

      // WHEN a stale owner sends older epochs, in the protocol's forms and a plain one
      assertThat(failure(station, "cmd/rot", Fleet.setpoint(20, 20).put("epoch", 4)))
          .isEqualTo("409 epoch 4 is below the epoch 5 of station " + station.id()
              + "; another node drives it now");
      assertThat(failure(station, "cmd/rig", radio(3))).startsWith("409 epoch 3 is below");
      assertThat(failure(station, "cmd/session", stop(3))).startsWith("409 epoch 3 is below");
      assertThat(failure(station, "cmd/rot", new JsonObject().put("az", 1).put("el", 1)))
          .startsWith("409 epoch 0 is below");

      // THEN none reaches the station, while equal and higher epochs do, in order
      Fleet.command(vertx, station, "cmd/rot", Fleet.setpoint(30, 30).put("epoch", 5));
      Fleet.command(vertx, station, "cmd/rig", radio(6));
      Fleet.command(vertx, station, "cmd/session", stop(6));
      assertThat(client.awaitPublish(station.topic(Channel.SESSION))).isNotNull();
      assertThat(client.received()).extracting(message -> json(message).getLong("epoch"))
          .containsExactly(5L, 5L, 6L, 6L);
      assertThat(json(client.received().get(1)).getJsonArray("points").getJsonObject(0)
          .getDouble("az")).isEqualTo(30.0);
      assertThatThrownBy(() -> Fleet.command(vertx, station, "cmd/rot",
          Fleet.setpoint(40, 40).put("epoch", 5)))
          .hasMessageContaining("epoch 5 is below the epoch 6");
      client.disconnect();
    }

    // WHEN the station connects again THEN the new connection has no fence yet
    try (MqttTestClient again = connect(V5, station)) {
      again.subscribe(station.commands(), 1);
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
          Fleet.command(vertx, station, "cmd/rot", Fleet.setpoint(50, 50).put("epoch", 2)) != null);
      assertThat(json(again.awaitPublish()).getLong("epoch")).isEqualTo(2);
      again.disconnect();
    }
    String metrics = api.get(talos.core.support.ApiClient.Caller.ANONYMOUS, "/metrics").expect(200)
        .body();
    assertThat(metrics)
        .contains("talos_gateway_stale_dropped_total{channel=\"cmd/rot\"} 3.0")
        .contains("talos_gateway_stale_dropped_total{channel=\"cmd/rig\"} 1.0")
        .contains("talos_gateway_stale_dropped_total{channel=\"cmd/session\"} 1.0");
  }

  /** Verifies that the gateway's meters are on the node's metrics page. */
  @Test
  void testTheMetricsCountConnectionsMessagesAndRefusals() throws Exception {
    Station station = north.station(0);
    try (MqttTestClient client = connect(V5, station)) {
      client.publish(station.topic(Channel.TELEMETRY), Fleet.telemetry(1, 1).toBuffer().getBytes(), 1);

      String metrics = api.get(talos.core.support.ApiClient.Caller.ANONYMOUS, "/metrics").expect(200)
          .body();
      assertThat(metrics).contains("talos_mqtt_connections{kind=\"station\"}")
          .contains("talos_mqtt_messages_in_total{channel=\"telemetry\"}")
          .contains("talos_mqtt_refused_total{reason=\"forbidden_subscribe\"}")
          .contains("talos_mqtt_auth_failures_total{reason=\"credentials\"}");
      client.disconnect();
    }
  }

  private MqttTestClient connect(MqttVersion version, Station station) throws Exception {
    MqttTestClient client = MqttTestClient.connect(port, version, station.id(), station.id(),
        station.key());
    assertThat(client.connectCode()).as("CONNACK of %s", station.id()).isZero();
    return client;
  }

  private void assertBystanderWorks(Station bystander, MqttTestClient client, Recorder telemetry)
      throws Exception {
    Fleet.command(vertx, bystander, "cmd/rot", Fleet.setpoint(200, 30));
    assertThat(client.awaitPublish().variableHeader().topicName())
        .isEqualTo(bystander.topic(Channel.ROTATOR));
    client.publish(bystander.topic(Channel.TELEMETRY), Fleet.telemetry(200, 30).toBuffer().getBytes(),
        1);
    await().atMost(Duration.ofSeconds(10)).until(() -> !telemetry.of(bystander).isEmpty());
    assertThat(client.isOpen()).isTrue();
  }

  private String failure(Station station, String channel, JsonObject payload) throws Exception {
    try {
      Fleet.command(vertx, station, channel, payload);
      return "no failure";
    } catch (ExecutionException e) {
      ReplyException reply = (ReplyException) e.getCause();
      return reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
          ? reply.failureCode() + " " + reply.getMessage() : reply.failureType().name();
    }
  }

  private JsonObject request(String address, JsonObject body) throws Exception {
    return vertx.eventBus().<JsonObject>request(address, body)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
  }

  private static List<String> states(Recorder status, Station station) {
    return status.of(station).stream().map(body -> body.getString("state")).toList();
  }

  private Object lastSeen(Station station) throws Exception {
    try (Connection db = server.database(); ResultSet rows = db.createStatement()
        .executeQuery("SELECT last_seen_at FROM station WHERE id = '" + station.id() + "'")) {
      rows.next();
      return rows.getObject(1);
    }
  }

  /** Radio setpoints of one point, as the protocol writes them. */
  private static JsonObject radio(long epoch) {
    return new JsonObject().put("v", 1).put("epoch", epoch).put("session", "test")
        .put("points", new JsonArray().add(new JsonObject()
            .put("t", Instant.now().toEpochMilli()).put("downlink", 145_800_000)));
  }

  /** A stop command, as the protocol writes it. */
  private static JsonObject stop(long epoch) {
    return new JsonObject().put("v", 1).put("id", UUID.randomUUID().toString())
        .put("action", "stop").put("epoch", epoch).put("t", Instant.now().toEpochMilli());
  }

  private static JsonObject json(MqttPublishMessage message) {
    return new JsonObject(message.payload().toString(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
