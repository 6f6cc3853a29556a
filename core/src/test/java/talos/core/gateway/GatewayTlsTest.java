package talos.core.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.core.gateway.Fleet.Organisation;
import talos.core.gateway.Fleet.Station;
import talos.core.support.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the gateway's TLS listener with a certificate made at test time: a client trusting the
 * certificate's authority connects, one that does not is refused, and mosquitto works over TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class GatewayTlsTest {

  @TempDir
  static Path folder;

  private TestCertificates certificates;
  private TestServer server;
  private Organisation fleet;
  private Vertx vertx;

  @BeforeAll
  void startServer() throws Exception {
    certificates = TestCertificates.create(folder, "gateway");
    server = TestServer.start(new JsonObject()
        .put("TALOS_MQTT_TLS_PORT", "0")
        .put("TALOS_MQTT_TLS_CERT", certificates.certificate().toString())
        .put("TALOS_MQTT_TLS_KEY", certificates.key().toString()));
    fleet = Fleet.organisation(server.client(), "tls", 1);
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stopServer() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.close();
  }

  /** Verifies that both listeners run on ports of their own. */
  @Test
  void testTheTlsListenerRunsBesideThePlainOne() {
    assertThat(server.node().mqttTlsPort()).isPositive().isNotEqualTo(server.node().mqttPort());
    assertThat(server.node().mqttPort()).isPositive();
  }

  /** Verifies that a client trusting the authority connects and one that does not is refused. */
  @Test
  void testOnlyAClientTrustingTheAuthorityConnects() throws Exception {
    Station station = fleet.station(0);
    MqttClient trusting = MqttClient.create(vertx, options(station)
        .setTrustOptions(new PemTrustOptions().addCertPath(certificates.authority().toString())));
    Path strangerFolder = Files.createDirectories(folder.resolve("stranger"));
    TestCertificates stranger = TestCertificates.create(strangerFolder, "stranger");
    MqttClient distrusting = MqttClient.create(vertx, options(station)
        .setTrustOptions(new PemTrustOptions().addCertPath(stranger.authority().toString())));

    int port = server.node().mqttTlsPort();
    assertThat(trusting.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).code().byteValue()).isZero();
    assertThatThrownBy(() -> distrusting.connect(port, "127.0.0.1").toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    trusting.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Verifies that mosquitto_sub gets a setpoint over TLS, trusting the authority's file. */
  @Test
  void testMosquittoSubWorksOverTls() throws Exception {
    Mosquitto.require();
    Station station = fleet.station(0);
    Path received = folder.resolve("tls-sub.txt");
    Process subscriber = Mosquitto.subscribe(Mosquitto.options(server.node().mqttTlsPort(), station,
        "mqttv5", "--cafile", certificates.authority().toString(), "-t", station.commands(),
        "-C", "1", "-W", "30"), received);
    try {
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> Fleet.command(server.node().vertx(), station, "cmd/rot",
              Fleet.setpoint(3, 4)) != null);

      assertThat(subscriber.waitFor(20, TimeUnit.SECONDS)).isTrue();
      List<String> lines = Files.readAllLines(received);
      assertThat(lines).hasSize(1);
      assertThat(new JsonObject(lines.get(0)).getJsonArray("points")).hasSize(1);
    } finally {
      subscriber.destroyForcibly();
    }
  }

  private static MqttClientOptions options(Station station) {
    MqttClientOptions options = new MqttClientOptions()
        .setClientId(station.id())
        .setUsername(station.id())
        .setPassword(station.key());
    options.setSsl(true);
    options.setHostnameVerificationAlgorithm("HTTPS");
    options.setConnectTimeout(5_000);
    return options;
  }
}
