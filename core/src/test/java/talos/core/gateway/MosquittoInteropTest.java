package talos.core.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.core.bus.Addresses;
import talos.core.gateway.Fleet.Organisation;
import talos.core.gateway.Fleet.Recorder;
import talos.core.gateway.Fleet.Station;
import talos.core.support.ServerTest;
import talos.protocol.Channel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that Debian's mosquitto clients, an MQTT implementation of their own, work with the
 * gateway using station credentials, including TALOS's plain payloads.
 */
@Timeout(180)
class MosquittoInteropTest extends ServerTest {

  private Organisation fleet;
  private Vertx vertx;
  private int port;

  @TempDir
  Path output;

  @BeforeAll
  void createFleet() {
    fleet = Fleet.organisation(api, "interop", 2);
    vertx = server.node().vertx();
    port = server.node().mqttPort();
  }

  @BeforeEach
  void requireMosquitto() {
    Mosquitto.require();
  }

  /** Verifies that mosquitto_sub receives a setpoint, in the protocol's form and TALOS's plain one. */
  @Test
  void testMosquittoSubReceivesSetpoints() throws Exception {
    Station station = fleet.station(0);
    Path received = output.resolve("sub.txt");
    Process subscriber = Mosquitto.subscribe(Mosquitto.options(port, station, "mqttv311",
        "-t", station.commands(), "-q", "1", "-C", "2", "-W", "30"), received);
    try {
      JsonObject plain = new JsonObject().put("az", 181.25).put("el", 12.5);
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> Fleet.command(vertx, station, "cmd/rot", plain) != null);
      Fleet.command(vertx, station, "cmd/rot", Fleet.setpoint(90, 45));

      assertThat(subscriber.waitFor(20, TimeUnit.SECONDS)).isTrue();
      List<String> lines = Files.readAllLines(received);
      assertThat(lines).hasSize(2);
      assertThat(new JsonObject(lines.get(0))).isEqualTo(plain);
      assertThat(new JsonObject(lines.get(1)).getJsonArray("points").getJsonObject(0)
          .getDouble("az")).isEqualTo(90.0);
    } finally {
      subscriber.destroyForcibly();
    }
  }

  /** Verifies that mosquitto_pub's telemetry and plain status text reach the bus, under 3.1.1 and 5. */
  @Test
  void testMosquittoPubTelemetryAndStatusReachTheBus() throws Exception {
    Station station = fleet.station(1);
    try (Recorder telemetry = new Recorder(vertx, Addresses.STATION_TELEMETRY);
         Recorder status = new Recorder(vertx, Addresses.STATION_STATUS)) {
      int full = Mosquitto.publish(Mosquitto.options(port, station, "mqttv5", "-q", "1",
          "-t", station.topic(Channel.TELEMETRY), "-m", Fleet.telemetry(10, 20).encode()),
          output.resolve("pub1.txt"));
      int plain = Mosquitto.publish(Mosquitto.options(port, station, "mqttv311", "-q", "1",
          "-t", station.topic(Channel.TELEMETRY), "-m", "{\"az\": 11.5, \"el\": 21.5}"),
          output.resolve("pub2.txt"));
      int offline = Mosquitto.publish(Mosquitto.options(port, station, "mqttv311", "-q", "1",
          "-t", station.topic(Channel.STATUS), "-m", "offline"), output.resolve("pub3.txt"));

      assertThat(List.of(full, plain, offline)).containsOnly(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.of(station).size() == 2);
      assertThat(telemetry.of(station)).extracting(body -> body.getJsonObject("telemetry")
          .getJsonObject("rotator").getDouble("az")).containsExactly(10.0, 11.5);
      await().atMost(Duration.ofSeconds(10)).until(() -> status.of(station).stream()
          .filter(body -> body.getString("state").equals("offline")).count() >= 3);
    }
  }

  /** Verifies that mosquitto_pub with a wrong key is refused. */
  @Test
  void testMosquittoPubWithAWrongKeyIsRefused() throws Exception {
    Station station = fleet.station(0);
    Station wrong = new Station(station.id(), "tsk_" + "C".repeat(43), station.org());
    Path log = output.resolve("refused.txt");

    int exit = Mosquitto.publish(Mosquitto.options(port, wrong, "mqttv5", "-t",
        station.topic(Channel.TELEMETRY), "-m", "{}"), log);

    assertThat(exit).isNotZero();
    assertThat(Files.readString(log)).containsIgnoringCase("bad user name or password");
  }
}
