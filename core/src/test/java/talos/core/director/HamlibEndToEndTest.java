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
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.HamlibDaemons;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerTest;
import talos.core.support.TestServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Verifies a pass end to end through Hamlib's real daemons: a whole core node, a station agent in
 * this JVM with the {@code hamlib} driver, {@code rotctld}'s dummy rotator (6° a second, azimuth
 * −180° to 450°, elevation 0° to 90°) and {@code rigctld}'s dummy radio, and an ISS pass in
 * progress. The daemons themselves, asked over connections of the test's own, must show the
 * rotator following the path the status API commands and the radio on the Doppler-corrected
 * downlink; the status API must show the network holding the agent's shared devices.
 */
@Timeout(300)
class HamlibEndToEndTest extends ServerTest {

  private static final Instant EPOCH = Instant.now();
  private static final long NOMINAL_DOWNLINK = 145_825_000L;
  private static final double SPEED_OF_LIGHT = 299_792_458.0;
  private static final double PARK_AZIMUTH = 0;
  private static final double PARK_ELEVATION = 90;

  private final OrbitContext orbit = OrbitContext.offline();
  private final List<HamlibDaemons.Daemon> daemons = new ArrayList<>();
  private HamlibDaemons.Daemon rotctld;
  private HamlibDaemons.Daemon rigctld;
  private Vertx stationSide;
  private StationAgent agent;
  private Caller operator;
  private String base;
  private Site site;

  @BeforeAll
  void aStationOnHamlibDaemonsUnderAPass(@TempDir Path folder) throws Exception {
    HamlibDaemons.require();
    rotctld = HamlibDaemons.start("rotctld", 1, folder.resolve("rotctld.log"));
    daemons.add(rotctld);
    rigctld = HamlibDaemons.start("rigctld", 1, folder.resolve("rigctld.log"));
    daemons.add(rigctld);

    Caller admin = api.signIn(TestServer.ADMIN_EMAIL);
    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-now.tle")
        .put("content", FreshElements.issText(EPOCH))).expect(200);
    try (Connection db = server.database()) {
      db.createStatement().execute("INSERT INTO transmitter (id, norad_id, description,"
          + " downlink_low, mode, status, source) VALUES ('iss-aprs', 25544, 'APRS', "
          + NOMINAL_DOWNLINK + ", 'FM', 'active', 'test') ON CONFLICT (id) DO NOTHING");
    }

    operator = api.signIn("hamlib-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    String slug = api.post(operator, "/api/orgs", new JsonObject()
        .put("name", "Hamlib " + System.nanoTime())).expect(201).json().getString("slug");
    site = FreshElements.siteUnderPass(EPOCH, Instant.now().plusSeconds(150), 3);
    JsonObject station = api.post(operator, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", "Hamlib roof").put("latitude", site.latitude())
            .put("longitude", site.longitude()).put("altitude", site.altitude())
            .put("rotator", new JsonObject()
                .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
                .put("elevation", new JsonObject().put("min", 0).put("max", 90))
                .put("azimuthSpeed", 6).put("elevationSpeed", 6)))
        .expect(201).json();
    String key = station.getString("apiKey");
    IssuedSecrets.record(key);
    base = "/api/orgs/" + slug + "/stations/" + station.getString("id");

    JsonObject config = new JsonObject()
        .put("server", "mqtt://127.0.0.1:" + server.node().mqttPort())
        .put("stationId", station.getString("id"))
        .put("org", slug)
        .put("key", key)
        .put("pluginsDir", folder.resolve("plugins").toString())
        .put("devices", new JsonObject()
            .put("rotator", new JsonObject().put("driver", "hamlib").put("options",
                new JsonObject().put("host", "127.0.0.1").put("port", rotctld.port())))
            .put("radio", new JsonObject().put("driver", "hamlib").put("options",
                new JsonObject().put("host", "127.0.0.1").put("port", rigctld.port())
                    .put("uplinkVfo", "none"))))
        .put("limits", new JsonObject().put("azimuthMin", 0).put("azimuthMax", 450)
            .put("elevationMin", 0).put("elevationMax", 90)
            .put("parkAzimuth", PARK_AZIMUTH).put("parkElevation", PARK_ELEVATION))
        .put("safety", new JsonObject().put("telemetryInterval", "250ms"))
        .put("frontDoor", new JsonObject().put("rotator", new JsonObject().put("port", 0))
            .put("radio", new JsonObject().put("port", 0)));
    stationSide = Vertx.vertx();
    agent = StationAgent.start(stationSide, AgentConfig.fromJson(config),
            DriverRegistry.load(getClass().getClassLoader(), folder.resolve("plugins")))
        .await();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonObject status = api.get(operator, base + "/status").expect(200).json();
      return status.getBoolean("online") && status.getJsonArray("drivers").size() == 2
          && status.getJsonArray("drivers").stream().allMatch(driver ->
          "ok".equals(((JsonObject) driver).getString("health")));
    });
  }

  @AfterAll
  void stopTheAgentAndTheDaemons() {
    if (agent != null) {
      agent.stop().await();
    }
    if (stationSide != null) {
      stationSide.close().await();
    }
    daemons.forEach(HamlibDaemons.Daemon::close);
  }

  /**
   * The rotator follows the commanded path and the radio the Doppler-corrected downlink, as the
   * daemons report them; the agent's devices are the network's during the session, and the
   * rotator heads for its park position when the operator stops.
   */
  @Test
  void theCoreDrivesHamlibsDaemonsThroughThePass() {
    // WHEN an operator tracks the ISS
    JsonObject session = api.post(operator, base + "/track", new JsonObject().put("norad", 25544))
        .expect(202).json();
    assertThat(session.getString("phase")).isEqualTo("tracking");

    // THEN rotctld's rotator reaches the commanded direction, then follows it as it moves
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> pointingError() < 2.0);
    List<double[]> followed = new ArrayList<>();
    await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofSeconds(1)).until(() -> {
          followed.add(rotatorPosition());
          return pointingError() < 2.5;
        });
    double[] first = followed.get(0);
    double[] last = followed.get(followed.size() - 1);
    assertThat(Math.abs(last[0] - first[0]) + Math.abs(last[1] - first[1]))
        .as("the rotator moved along the pass").isGreaterThan(0.5);

    // AND rigctld's radio is on the downlink the status API commands, shifted by the Doppler
    // effect of the satellite's range rate
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonObject commanded = status().getJsonObject("tracking").getJsonObject("commanded");
      long tuned = Long.parseLong(rigctld.ask("f", 1).get(0));
      double rangeRate = tracker().look(Instant.now()).rangeRate();
      double expectedShift = -rangeRate / SPEED_OF_LIGHT * NOMINAL_DOWNLINK;
      assertThat(Math.abs(expectedShift)).as("a Doppler shift worth measuring").isGreaterThan(500);
      assertThat(tuned).isCloseTo(commanded.getLong("downlink"), within(300L));
      assertThat((double) (tuned - NOMINAL_DOWNLINK)).isCloseTo(expectedShift, within(400.0));
      assertThat(Math.signum((double) (tuned - NOMINAL_DOWNLINK)))
          .isEqualTo(Math.signum(expectedShift));
    });

    // AND the status API shows the network holding the agent's shared devices for the session
    JsonObject locks = status().getJsonObject("locks");
    assertThat(locks.getJsonObject("rotator").getString("holder")).isEqualTo("network");
    assertThat(locks.getJsonObject("radio").getString("session"))
        .isEqualTo(session.getString("session"));

    // WHEN the operator stops
    double[] stoppedAt = rotatorPosition();
    api.delete(operator, base + "/track").expect(204);

    // THEN the session is over, the devices are free, and the rotator heads for its park position
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          JsonObject status = status();
          assertThat(status.getValue("tracking")).isNull();
          assertThat(status.getJsonObject("locks").getJsonObject("rotator").getString("holder"))
              .isEqualTo("free");
          double[] position = rotatorPosition();
          assertThat(position[1]).isCloseTo(PARK_ELEVATION, within(0.5));
          assertThat(Math.abs(position[0] - PARK_AZIMUTH))
              .isLessThan(Math.abs(stoppedAt[0] - PARK_AZIMUTH));
        });
  }

  /** The angle between where rotctld's rotator points and where the status API commands it. */
  private double pointingError() {
    JsonObject tracking = status().getJsonObject("tracking");
    JsonObject commanded = tracking == null ? null : tracking.getJsonObject("commanded");
    if (commanded == null) {
      return Double.MAX_VALUE;
    }
    double[] position = rotatorPosition();
    return separation(position[0], position[1], commanded.getDouble("azimuth"),
        commanded.getDouble("elevation"));
  }

  /** The azimuth and elevation rotctld's rotator reports, asked with {@code p}. */
  private double[] rotatorPosition() {
    List<String> answer = rotctld.ask("p", 2);
    return new double[] {Double.parseDouble(answer.get(0)), Double.parseDouble(answer.get(1))};
  }

  private JsonObject status() {
    return api.get(operator, base + "/status").expect(200).json();
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
