package talos.core.director;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orekit.propagation.analytical.tle.TLE;
import talos.agent.AgentConfig;
import talos.agent.DriverRegistry;
import talos.agent.StationAgent;
import talos.core.orbit.Look;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerTest;
import talos.core.support.TestServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies manual tracking end to end over real MQTT: a whole core node, a station agent with the
 * simulator driver connected to the node's gateway, and an ISS pass in progress over the station.
 * The simulated rotator must follow the satellite within 1° once it has acquired it, its telemetry
 * must reach the status API, and stopping must park it.
 */
@Timeout(240)
class ManualTrackingEndToEndTest extends ServerTest {

  private static final Instant EPOCH = Instant.now();
  private static final double PARK_AZIMUTH = 0;
  private static final double PARK_ELEVATION = 90;

  private final OrbitContext orbit = OrbitContext.offline();
  private Vertx stationSide;
  private StationAgent agent;
  private Caller operator;
  private String base;
  private Site site;

  @BeforeAll
  void aStationWithAnAgentUnderAPass(@TempDir Path plugins) throws Exception {
    Caller admin = api.signIn(TestServer.ADMIN_EMAIL);
    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-now.tle")
        .put("content", FreshElements.issText(EPOCH))).expect(200);
    try (Connection db = server.database()) {
      db.createStatement().execute("INSERT INTO transmitter (id, norad_id, description, downlink_low,"
          + " mode, status, source) VALUES ('iss-aprs', 25544, 'APRS', 145825000, 'FM', 'active',"
          + " 'test') ON CONFLICT (id) DO NOTHING");
    }

    operator = api.signIn("operator-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    String slug = api.post(operator, "/api/orgs", new JsonObject().put("name", "Ground " + System.nanoTime()))
        .expect(201).json().getString("slug");
    site = FreshElements.siteUnderPass(EPOCH, Instant.now().plusSeconds(150), 3);
    JsonObject station = api.post(operator, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", "Roof").put("latitude", site.latitude()).put("longitude", site.longitude())
            .put("altitude", site.altitude())
            .put("rotator", new JsonObject()
                .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
                .put("elevation", new JsonObject().put("min", 0).put("max", 180))
                .put("azimuthSpeed", 12).put("elevationSpeed", 12)))
        .expect(201).json();
    String key = station.getString("apiKey");
    IssuedSecrets.record(key);
    base = "/api/orgs/" + slug + "/stations/" + station.getString("id");

    JsonObject config = new JsonObject()
        .put("server", "mqtt://127.0.0.1:" + server.node().mqttPort())
        .put("stationId", station.getString("id"))
        .put("org", slug)
        .put("key", key)
        .put("devices", new JsonObject()
            .put("rotator", new JsonObject().put("driver", "simulator").put("options",
                new JsonObject().put("azimuthRate", "12").put("elevationRate", "12")
                    .put("startAzimuth", "200").put("startElevation", "10")))
            .put("radio", new JsonObject().put("driver", "simulator")))
        .put("limits", new JsonObject().put("azimuthMin", 0).put("azimuthMax", 450)
            .put("elevationMin", 0).put("elevationMax", 180)
            .put("parkAzimuth", PARK_AZIMUTH).put("parkElevation", PARK_ELEVATION))
        .put("safety", new JsonObject().put("telemetryInterval", "250ms"));
    stationSide = Vertx.vertx();
    agent = StationAgent.start(stationSide, AgentConfig.fromJson(config),
            DriverRegistry.load(getClass().getClassLoader(), plugins))
        .await();
    await().atMost(Duration.ofSeconds(20)).until(() ->
        api.get(operator, base + "/status").expect(200).json().getBoolean("online"));
  }

  @AfterAll
  void stopTheAgent() {
    if (agent != null) {
      agent.stop().await();
    }
    if (stationSide != null) {
      stationSide.close().await();
    }
  }

  /** The rotator acquires the satellite, follows it within 1° for 20 s, and parks when stopped. */
  @Test
  void theSimulatedRotatorFollowsThePassAndParksWhenStopped() {
    // WHEN an operator tracks the ISS
    JsonObject session = api.post(operator, base + "/track", new JsonObject().put("norad", 25544))
        .expect(202).json();
    assertThat(session.getString("phase")).isEqualTo("tracking");

    // THEN the rotator acquires it, and then stays on it
    Tracker iss = tracker();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> pointingError(iss) < 1.0);
    await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> pointingError(iss) < 1.0);

    // AND the status shows the session, the commanded pointing, the radio and the drivers
    JsonObject status = api.get(operator, base + "/status").expect(200).json();
    assertThat(status.getJsonObject("tracking").getJsonObject("commanded").getLong("downlink"))
        .isBetween(145_820_000L, 145_830_000L);
    assertThat(status.getJsonObject("radio").getLong("downlink")).isBetween(145_820_000L, 145_830_000L);
    assertThat(status.getJsonArray("drivers")).isNotEmpty().allSatisfy(driver ->
        assertThat(((JsonObject) driver).getString("health")).isEqualTo("ok"));

    // AND the observation is tracking, with the error the telemetry measured so far
    String observation = status.getJsonObject("tracking").getString("observation");
    String observationPath = base.substring(0, base.indexOf("/stations/")) + "/observations/"
        + observation;
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      JsonObject row = api.get(operator, observationPath).expect(200).json();
      assertThat(row.getString("outcome")).isEqualTo("tracking");
      assertThat(row.getJsonObject("trackingError").getInteger("samples")).isPositive();
    });

    // WHEN the operator stops
    api.delete(operator, base + "/track").expect(204);

    // THEN the observation is aborted by the operator, with its tracking error
    JsonObject stopped = api.get(operator, observationPath).expect(200).json();
    assertThat(stopped.getString("outcome")).isEqualTo("aborted");
    assertThat(stopped.getString("reason")).isEqualTo("stopped by an operator");
    assertThat(stopped.getJsonObject("trackingError").getDouble("max"))
        .isGreaterThanOrEqualTo(stopped.getJsonObject("trackingError").getDouble("rms"));

    // AND the rotator parks and the session is gone
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonObject parked = api.get(operator, base + "/status").expect(200).json();
      assertThat(parked.getValue("tracking")).isNull();
      assertThat(parked.getJsonObject("measured").getDouble("azimuth")).isCloseTo(PARK_AZIMUTH,
          org.assertj.core.api.Assertions.within(0.5));
      assertThat(parked.getJsonObject("measured").getDouble("elevation")).isCloseTo(PARK_ELEVATION,
          org.assertj.core.api.Assertions.within(0.5));
    });
  }

  /**
   * The angle between where the rotator measured it pointed and where the satellite was at that
   * instant, from the telemetry the status API shows.
   */
  private double pointingError(Tracker iss) {
    JsonObject measured = api.get(operator, base + "/status").expect(200).json().getJsonObject("measured");
    if (measured == null) {
      return Double.MAX_VALUE;
    }
    Look look = iss.look(Instant.parse(measured.getString("at")));
    double azimuth = measured.getDouble("azimuth");
    double elevation = measured.getDouble("elevation");
    if (elevation > 90) {
      azimuth += 180;
      elevation = 180 - elevation;
    }
    return separation(azimuth, elevation, look.azimuth(), look.elevation());
  }

  private Tracker tracker() {
    String[] lines = FreshElements.iss(EPOCH);
    return new Tracker(orbit, new TLE(lines[0], lines[1], orbit.utc()), site);
  }

  private static double separation(double az1, double el1, double az2, double el2) {
    double a1 = Math.toRadians(az1);
    double e1 = Math.toRadians(el1);
    double a2 = Math.toRadians(az2);
    double e2 = Math.toRadians(el2);
    double cos = Math.sin(e1) * Math.sin(e2) + Math.cos(e1) * Math.cos(e2) * Math.cos(a1 - a2);
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }
}
