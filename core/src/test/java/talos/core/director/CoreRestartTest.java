package talos.core.director;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.agent.AgentConfig;
import talos.agent.DriverRegistry;
import talos.agent.StationAgent;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that a station rides out a restart of the core: while the core is gone the agent stops
 * its rotator and keeps trying; when a new core comes up on the same database and MQTT port, the
 * agent reconnects by itself, the station is online again and it tracks again.
 */
@Timeout(180)
class CoreRestartTest {

  private static final Instant EPOCH = Instant.now();

  /** The agent reconnects to the restarted core, and the station tracks again. */
  @Test
  void theAgentReconnectsAndTracksAfterTheCoreRestarts(@TempDir Path plugins) throws Exception {
    // GIVEN a core on a fixed MQTT port and a station whose agent is connected to it
    int port = freePort();
    TestServer first = TestServer.start(new JsonObject().put("TALOS_MQTT_PORT", String.valueOf(port)));
    ApiClient api = first.client();
    api.post(api.signIn(TestServer.ADMIN_EMAIL), "/api/catalogue/import", new JsonObject()
        .put("name", "iss-now.tle").put("content", FreshElements.issText(EPOCH))).expect(200);
    Caller operator = api.signIn("restart-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    String slug = api.post(operator, "/api/orgs", new JsonObject().put("name", "Restart " + System.nanoTime()))
        .expect(201).json().getString("slug");
    var site = FreshElements.siteUnderPass(EPOCH, Instant.now().plusSeconds(150), 3);
    JsonObject station = api.post(operator, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", "Roof").put("latitude", site.latitude()).put("longitude", site.longitude())
            .put("altitude", site.altitude()))
        .expect(201).json();
    IssuedSecrets.record(station.getString("apiKey"));
    String status = "/api/orgs/" + slug + "/stations/" + station.getString("id") + "/status";
    Vertx stationSide = Vertx.vertx();
    StationAgent agent = StationAgent.start(stationSide, AgentConfig.fromJson(new JsonObject()
            .put("server", "mqtt://127.0.0.1:" + port)
            .put("stationId", station.getString("id"))
            .put("org", slug)
            .put("key", station.getString("apiKey"))
            .put("devices", new JsonObject().put("rotator", new JsonObject().put("driver", "simulator")
                .put("options", new JsonObject().put("azimuthMax", "360").put("elevationMax", "90"))))
            .put("limits", new JsonObject().put("azimuthMin", 0).put("azimuthMax", 360)
                .put("elevationMin", 0).put("elevationMax", 90)
                .put("parkAzimuth", 0).put("parkElevation", 90))
            .put("reconnect", new JsonObject().put("initial", "200ms").put("max", "1s"))),
        DriverRegistry.load(getClass().getClassLoader(), plugins)).await();
    TestServer second = null;
    try {
      await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);

      // WHEN the core stops, and a new one starts on the same database and port
      first.close();
      await().atMost(Duration.ofSeconds(20)).until(() -> !agent.isConnected());
      second = TestServer.start(new JsonObject()
          .put("DATABASE_URL", first.databaseUrl())
          .put("TALOS_DATA_DIR", first.dataDir().toString())
          .put("TALOS_MQTT_PORT", String.valueOf(port)));
      ApiClient restarted = second.client();

      // THEN the agent is back by itself, and the station tracks again
      await().atMost(Duration.ofSeconds(30)).until(() ->
          restarted.get(operator, status).expect(200).json().getBoolean("online"));
      assertThat(agent.isConnected()).isTrue();
      JsonObject session = restarted.post(operator, "/api/orgs/" + slug + "/stations/"
          + station.getString("id") + "/track", new JsonObject().put("norad", FreshElements.NORAD))
          .expect(202).json();
      JsonObject observation = restarted.get(operator, "/api/orgs/" + slug + "/observations/"
          + session.getString("observation")).expect(200).json();
      assertThat(observation.getString("outcome")).isEqualTo("tracking");
      assertThat(observation.getString("drivenBy"))
          .isEqualTo(second.node().context().cluster().nodeId());
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        JsonObject view = restarted.get(operator, status).expect(200).json();
        assertThat(view.getJsonObject("tracking")).as("tracking session").isNotNull();
        assertThat(view.getJsonObject("tracking").getString("phase")).isEqualTo("tracking");
        JsonObject measured = view.getJsonObject("measured");
        JsonObject commanded = view.getJsonObject("tracking").getJsonObject("commanded");
        assertThat(measured).as("measured pointing").isNotNull();
        assertThat(commanded).as("commanded pointing").isNotNull();
        assertThat(Math.abs(measured.getDouble("elevation") - commanded.getDouble("elevation")))
            .isLessThan(2.0);
      });
    } finally {
      agent.stop().await();
      stationSide.close().await();
      if (second != null) {
        second.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
