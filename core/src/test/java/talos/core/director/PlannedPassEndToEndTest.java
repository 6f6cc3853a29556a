package talos.core.director;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import talos.core.bus.Addresses;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerTest;
import talos.core.support.TestServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies a planned pass end to end: a whole core node, a station agent with the simulator
 * connected over real MQTT, and a {@code planned_pass} row for an ISS pass in progress over the
 * station, as the scheduler writes it. The director must find it, record its observation, start
 * an acknowledged session on the agent, stream setpoints to it and mark the observation tracking.
 */
@Timeout(180)
class PlannedPassEndToEndTest extends ServerTest {

  private static final Instant EPOCH = Instant.now();

  private Vertx stationSide;
  private StationAgent agent;
  private Caller operator;
  private String slug;
  private String stationId;
  private String campaignId;
  private Pass pass;

  @BeforeAll
  void aStationWithAnAgentUnderAPass(@TempDir Path plugins) throws Exception {
    Caller admin = api.signIn(TestServer.ADMIN_EMAIL);
    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-now.tle")
        .put("content", FreshElements.issText(EPOCH))).expect(200);
    operator = api.signIn("planner-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    slug = api.post(operator, "/api/orgs", new JsonObject().put("name", "Plan " + System.nanoTime()))
        .expect(201).json().getString("slug");
    Site site = FreshElements.siteUnderPass(EPOCH, Instant.now().plusSeconds(150), 3);
    JsonObject station = api.post(operator, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", "Planned roof").put("latitude", site.latitude())
            .put("longitude", site.longitude()).put("altitude", site.altitude())
            .put("rotator", new JsonObject()
                .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
                .put("elevation", new JsonObject().put("min", 0).put("max", 180))
                .put("azimuthSpeed", 12).put("elevationSpeed", 12)))
        .expect(201).json();
    stationId = station.getString("id");
    IssuedSecrets.record(station.getString("apiKey"));
    campaignId = api.post(operator, "/api/orgs/" + slug + "/campaigns",
        new JsonObject().put("name", "ISS watch")).expect(201).json().getString("id");

    OrbitContext orbit = OrbitContext.offline();
    String[] lines = FreshElements.iss(EPOCH);
    Instant now = Instant.now();
    pass = new PassPredictor(orbit).passes(new TLE(lines[0], lines[1], orbit.utc()), site, 0,
            now.minus(Duration.ofMinutes(20)), now.plus(Duration.ofMinutes(20))).stream()
        .filter(candidate -> candidate.los().isAfter(now.plusSeconds(120)))
        .findFirst().orElseThrow();

    stationSide = Vertx.vertx();
    agent = StationAgent.start(stationSide, AgentConfig.fromJson(new JsonObject()
            .put("server", "mqtt://127.0.0.1:" + server.node().mqttPort())
            .put("stationId", stationId)
            .put("org", slug)
            .put("key", station.getString("apiKey"))
            .put("devices", new JsonObject()
                .put("rotator", new JsonObject().put("driver", "simulator").put("options",
                    new JsonObject().put("azimuthRate", "12").put("elevationRate", "12")))
                .put("radio", new JsonObject().put("driver", "simulator")))
            .put("limits", new JsonObject().put("azimuthMin", 0).put("azimuthMax", 450)
                .put("elevationMin", 0).put("elevationMax", 180)
                .put("parkAzimuth", 0).put("parkElevation", 90))
            .put("safety", new JsonObject().put("telemetryInterval", "250ms"))),
        DriverRegistry.load(getClass().getClassLoader(), plugins)).await();
    await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
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

  /** The director drives the planned pass: session, setpoints, and the observation tracking. */
  @Test
  void theDirectorDrivesAPlannedPass() throws Exception {
    // GIVEN the scheduler's plan for the station
    UUID plannedPass = UUID.randomUUID();
    try (Connection db = server.database(); PreparedStatement insert = db.prepareStatement(
        "INSERT INTO planned_pass (id, org_id, campaign_id, station_id, norad_id, aos, tca, los,"
            + " max_elevation, aos_azimuth, los_azimuth, status) SELECT ?, org_id, ?, id, ?, ?, ?,"
            + " ?, ?, ?, ?, 'planned' FROM station WHERE id = ?")) {
      insert.setObject(1, plannedPass);
      insert.setObject(2, UUID.fromString(campaignId));
      insert.setInt(3, FreshElements.NORAD);
      insert.setTimestamp(4, Timestamp.from(pass.aos()));
      insert.setTimestamp(5, Timestamp.from(pass.tca()));
      insert.setTimestamp(6, Timestamp.from(pass.los()));
      insert.setDouble(7, pass.maxElevation());
      insert.setDouble(8, pass.aosAzimuth());
      insert.setDouble(9, pass.losAzimuth());
      insert.setObject(10, UUID.fromString(stationId));
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }

    // WHEN the scheduler announces it
    server.node().vertx().eventBus().publish(Addresses.SCHEDULE_CHANGED,
        new JsonObject().put("stationIds", new JsonArray().add(stationId)));

    // THEN the agent runs the session and receives setpoints
    String base = "/api/orgs/" + slug + "/stations/" + stationId;
    await().atMost(Duration.ofSeconds(20)).until(() -> agent.session().isPresent());
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.commandedPosition().isPresent());
    JsonObject tracking = api.get(operator, base + "/status").expect(200).json()
        .getJsonObject("tracking");
    assertThat(tracking.getString("kind")).isEqualTo("planned");
    assertThat(tracking.getString("session")).isEqualTo(agent.session().orElseThrow());
    assertThat(tracking.getString("drivenBy"))
        .isEqualTo(server.node().context().cluster().nodeId());
    assertThat(tracking.getString("campaignId")).isEqualTo(campaignId);

    // AND the observation is tracking, with the plan and the session
    JsonObject observation = api.get(operator, "/api/orgs/" + slug
        + "/observations?stationId=" + stationId).expect(200).json()
        .getJsonArray("observations").getJsonObject(0);
    assertThat(observation.getString("id")).isEqualTo(tracking.getString("observation"));
    assertThat(observation.getString("outcome")).isEqualTo("tracking");
    assertThat(observation.getString("plannedPassId")).isEqualTo(plannedPass.toString());
    assertThat(observation.getString("campaignId")).isEqualTo(campaignId);
    assertThat(Duration.between(pass.aos(), Instant.parse(observation.getString("plannedAos")))
        .abs()).isLessThan(Duration.ofMillis(1));
    assertThat(observation.getString("startedAt")).isNotNull();
    assertThat(observation.getString("sessionId")).isEqualTo(agent.session().orElseThrow());
    assertThat(observation.getString("drivenBy")).isEqualTo(tracking.getString("drivenBy"));
    assertThat(observation.getLong("epoch")).isEqualTo(tracking.getLong("epoch"));

    // AND the tracking error from the agent's telemetry reaches the row while tracking
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        api.get(operator, "/api/orgs/" + slug + "/observations/" + observation.getString("id"))
            .expect(200).json().getJsonObject("trackingError").getInteger("samples"))
        .isPositive());
  }
}
