package talos.core.gateway;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import talos.core.bus.Addresses;
import talos.core.gateway.Fleet.Organisation;
import talos.core.gateway.Fleet.Recorder;
import talos.core.gateway.Fleet.Station;
import talos.core.support.TestDatabase;
import talos.core.support.TestServer;
import talos.protocol.Channel;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the gateway in a cluster of two nodes on one database: a station connected to node B is
 * reached from node A, its telemetry reaches node A, its state is answered to node A, and
 * connecting again through node A takes over the connection held by node B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class GatewayClusterTest {

  private static final int BASE_PORT = 15761;

  private TestServer nodeA;
  private TestServer nodeB;
  private Organisation fleet;

  @BeforeAll
  void startCluster() {
    String databaseUrl = TestDatabase.newDatabaseUrl();
    String name = "gateway-" + UUID.randomUUID();
    nodeA = TestServer.start(cluster(databaseUrl, name));
    nodeB = TestServer.start(cluster(databaseUrl, name).put("TALOS_FEATURES", "gateway"));
    fleet = Fleet.organisation(nodeA.client(), "cluster", 1);
  }

  @AfterAll
  void stopCluster() throws Exception {
    nodeB.close();
    nodeA.close();
  }

  /** Verifies the whole bridge across nodes, and takeover of a connection held by another node. */
  @Test
  void testAStationOnNodeBIsReachedFromNodeAAndTakenOverThere() throws Exception {
    Station station = fleet.station(0);
    try (Recorder telemetry = new Recorder(nodeA.node().vertx(), Addresses.STATION_TELEMETRY);
         MqttTestClient onB = MqttTestClient.connect(nodeB.node().mqttPort(), MqttVersion.MQTT_5,
             station.id(), station.id(), station.key())) {
      assertThat(onB.connectCode()).isZero();
      onB.subscribe(station.commands(), 1);

      Fleet.command(nodeA.node().vertx(), station, "cmd/rot", Fleet.setpoint(270, 10));
      assertThat(onB.awaitPublish().variableHeader().topicName())
          .isEqualTo(station.topic(Channel.ROTATOR));
      onB.publish(station.topic(Channel.TELEMETRY), Fleet.telemetry(270, 10).toBuffer().getBytes(),
          1);
      await().atMost(Duration.ofSeconds(10)).until(() -> !telemetry.of(station).isEmpty());
      JsonObject state = nodeA.node().vertx().eventBus().<JsonObject>request(
              Addresses.GATEWAY_STATE_PREFIX + station.id(), new JsonObject())
          .toCompletionStage().toCompletableFuture().get().body();
      assertThat(state.getString("node")).isEqualTo(nodeB.node().context().cluster().nodeId());

      try (MqttTestClient onA = MqttTestClient.connect(nodeA.node().mqttPort(),
          MqttVersion.MQTT_5, station.id(), station.id(), station.key())) {
        assertThat(onA.connectCode()).isZero();
        onA.subscribe(station.commands(), 1);

        assertThat(onB.awaitDisconnect()).isEqualTo(0x8E);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
            .ignoreExceptions().untilAsserted(() -> {
              Fleet.command(nodeB.node().vertx(), station, "cmd/rot", Fleet.setpoint(1, 2));
              assertThat(onA.awaitPublish().variableHeader().topicName())
                  .isEqualTo(station.topic(Channel.ROTATOR));
            });
        onA.disconnect();
      }
    }
  }

  private static JsonObject cluster(String databaseUrl, String name) {
    return new JsonObject()
        .put("DATABASE_URL", databaseUrl)
        .put("TALOS_CLUSTER", "true")
        .put("TALOS_CLUSTER_NAME", name)
        .put("TALOS_CLUSTER_HOST", "127.0.0.1")
        .put("TALOS_CLUSTER_PORT", String.valueOf(BASE_PORT))
        .put("TALOS_CLUSTER_MEMBERS", "127.0.0.1:" + BASE_PORT + ",127.0.0.1:" + (BASE_PORT + 1));
  }
}
