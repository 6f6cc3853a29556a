package talos.core;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.agent.AgentConfig;
import talos.agent.DriverRegistry;
import talos.agent.StationAgent;
import talos.core.cluster.ClusterFailureDetectionIT;
import talos.core.orbit.Site;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerProcess;
import talos.core.support.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two core nodes, each the packaged server run as a process, in one cluster on one database, drive
 * a real station agent (simulated rotator and radio, in this JVM) through an ISS pass in progress.
 * The node that drives the station is killed (SIGKILL), or frozen (SIGSTOP) and later resumed;
 * the agent stays connected to the other node throughout. The surviving node must take the
 * station over with a higher epoch within 3 s of a kill, and the station must never execute a
 * setpoint of the old epoch once it took one of the new, even from the resumed stale node (the
 * gateway's epoch fence and the agent's own check).
 */
@Timeout(90)
class StationFailoverIT {

  private static final Logger LOG = LoggerFactory.getLogger(StationFailoverIT.class);
  private static final String ADMIN = "admin@talos.test";
  private static final String ORIGIN = "http://localhost:8080";
  private static final Instant EPOCH = Instant.now();
  /** The takeover the director promises after a node is killed. */
  private static final Duration TAKEOVER_AFTER_KILL = Duration.ofSeconds(3);
  /** After a freeze: detection, then the same takeover work as after a kill. */
  private static final Duration TAKEOVER_AFTER_FREEZE =
      ClusterFailureDetectionIT.FREEZE_DETECTED_WITHIN.plusMillis(1500);

  @TempDir
  Path workDir;

  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final List<StationAgent.Accepted> taken = new CopyOnWriteArrayList<>();
  private String databaseUrl;
  private Vertx stationSide;
  private StationAgent agent;
  private String base;
  private String stationId;
  private String stationKey;
  private String slug;
  private Caller operator;

  /** One server process of the cluster, with a client for its API. */
  private record Node(String name, ServerProcess process, int mqttPort, ApiClient api) {

    String nodeId() {
      return process.nodeId();
    }

    /** Members of the cluster as this node's readiness check counts them. */
    int members() {
      JsonObject ready = new JsonObject(process.get("/health/ready").body());
      return ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
          .filter(check -> check.getString("id").equals("cluster"))
          .map(check -> check.getJsonObject("data").getInteger("members", 0))
          .findFirst().orElse(0);
    }
  }

  @BeforeEach
  void aStationTrackedThroughATwoNodeCluster(@TempDir Path plugins) throws Exception {
    databaseUrl = TestDatabase.newDatabaseUrl();
    String cluster = "failover-" + UUID.randomUUID();
    int[] clusterPorts = {ServerProcess.freePort(), ServerProcess.freePort()};
    String members = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1];
    Path[] outboxes = {workDir.resolve("a/outbox"), workDir.resolve("b/outbox")};
    for (int i = 0; i < 2; i++) {
      String name = i == 0 ? "a" : "b";
      int mqttPort = ServerProcess.freePort();
      Files.createDirectories(workDir.resolve("work-" + name));
      Map<String, String> env = new HashMap<>(Map.of(
          "DATABASE_URL", databaseUrl,
          "TALOS_DATA_DIR", workDir.resolve(name).toString(),
          "TALOS_MQTT_PORT", String.valueOf(mqttPort),
          "TALOS_ADMIN_EMAIL", ADMIN,
          "TALOS_TRUSTED_PROXIES", "127.0.0.1",
          "TALOS_CLUSTER", "true",
          "TALOS_CLUSTER_NAME", cluster,
          "TALOS_CLUSTER_HOST", "127.0.0.1",
          "TALOS_CLUSTER_PORT", String.valueOf(clusterPorts[i]),
          "TALOS_CLUSTER_MEMBERS", members));
      ServerProcess process = ServerProcess.start(workDir.resolve("work-" + name), env);
      // one after the other: the first migrates the database and fills the catalogue
      process.awaitReady(Duration.ofSeconds(60));
      nodes.add(new Node(name, process, mqttPort,
          new ApiClient("http://127.0.0.1:" + process.httpPort(), ORIGIN, outboxes)));
    }
    await().atMost(Duration.ofSeconds(15))
        .until(() -> nodes.stream().allMatch(node -> node.members() == 2));

    // the ISS with elements of now, a transmitter, and a station under its pass
    ApiClient api = nodes.get(0).api();
    Caller admin = api.signIn(ADMIN);
    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-now.tle")
        .put("content", FreshElements.issText(EPOCH))).expect(200);
    try (Connection db = database()) {
      db.createStatement().execute("INSERT INTO transmitter (id, norad_id, description,"
          + " downlink_low, mode, status, source) VALUES ('iss-aprs', 25544, 'APRS', 145825000,"
          + " 'FM', 'active', 'test') ON CONFLICT (id) DO NOTHING");
    }
    operator = api.signIn("operator-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    slug = api.post(operator, "/api/orgs", new JsonObject().put("name", "Failover "
        + System.nanoTime())).expect(201).json().getString("slug");
    Site site = FreshElements.siteUnderPass(EPOCH, Instant.now().plusSeconds(150), 3);
    JsonObject station = api.post(operator, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", "Roof").put("latitude", site.latitude())
            .put("longitude", site.longitude()).put("altitude", site.altitude())
            .put("rotator", new JsonObject()
                .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
                .put("elevation", new JsonObject().put("min", 0).put("max", 180))
                .put("azimuthSpeed", 12).put("elevationSpeed", 12)))
        .expect(201).json();
    stationId = station.getString("id");
    stationKey = station.getString("apiKey");
    IssuedSecrets.record(stationKey);
    base = "/api/orgs/" + slug + "/stations/" + stationId;
    stationSide = Vertx.vertx();
    connectAgent(nodes.get(0), plugins);
  }

  @AfterEach
  void stopEverything() {
    if (agent != null) {
      agent.stop().await();
    }
    if (stationSide != null) {
      stationSide.close().await();
    }
    nodes.forEach(node -> node.process().close());
  }

  /**
   * Verifies that after the driving node is killed mid-pass the other node drives the station
   * with a higher epoch within 3 s, and that nothing of the old epoch is executed after that.
   */
  @Test
  void testTheSurvivorTakesTheStationOverWithinThreeSecondsOfAKill(@TempDir Path plugins)
      throws Exception {
    // GIVEN the station tracking the ISS, driven by the node its agent is not connected to
    Takeover takeover = trackAndFindTheDrivingNode(plugins);

    // WHEN the driving node is killed
    long killedAt = System.nanoTime();
    Instant killed = Instant.now();
    takeover.driver().process().process().destroyForcibly();

    // THEN the survivor sees it gone within the measured bound
    Duration detected = detection(takeover, killed);
    LOG.info("killed driving node detected by the survivor [after: {} ms]", detected.toMillis());
    assertThat(detected).isLessThan(ClusterFailureDetectionIT.KILL_DETECTED_WITHIN);

    // AND the agent takes setpoints of a higher epoch within 3 s of the kill
    StationAgent.Accepted first = awaitHigherEpoch(takeover.epoch(), killedAt, TAKEOVER_AFTER_KILL);
    LOG.info("station taken over [after: {} ms, epoch: {}]",
        Duration.between(takeover.before(), first.at()).toMillis(), first.epoch());

    // AND the survivor says it drives the station, at that epoch
    JsonObject status = takeover.survivor().api().get(operator, base + "/status").expect(200)
        .json();
    assertThat(status.getJsonObject("tracking").getString("drivenBy"))
        .isEqualTo(takeover.survivor().nodeId());
    assertThat(status.getJsonObject("tracking").getLong("epoch")).isEqualTo(first.epoch());

    // AND nothing of an older epoch is executed after the first setpoint of the new one
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
        .until(() -> agent.isConnected());
    assertNoOlderEpochAfter(first);
  }

  /**
   * Verifies that after the driving node freezes the other node takes the station over, and that
   * when the frozen node resumes, still holding the old session, none of its setpoints is executed.
   */
  @Test
  void testAFrozenDriverThatResumesNeverMovesTheStationAgain(@TempDir Path plugins)
      throws Exception {
    // GIVEN the station tracking the ISS, driven by the node its agent is not connected to
    Takeover takeover = trackAndFindTheDrivingNode(plugins);

    // WHEN the driving node freezes
    long frozenAt = System.nanoTime();
    Instant frozen = Instant.now();
    takeover.driver().process().freeze();

    // THEN the survivor sees it gone within the measured bound
    Duration detected = detection(takeover, frozen);
    LOG.info("frozen driving node detected by the survivor [after: {} ms]", detected.toMillis());
    assertThat(detected).isLessThan(ClusterFailureDetectionIT.FREEZE_DETECTED_WITHIN);

    // AND the agent takes setpoints of a higher epoch soon after
    StationAgent.Accepted first = awaitHigherEpoch(takeover.epoch(), frozenAt,
        TAKEOVER_AFTER_FREEZE);
    LOG.info("station taken over from a frozen node [after: {} ms, epoch: {}]",
        Duration.between(takeover.before(), first.at()).toMillis(), first.epoch());

    // WHEN the stale node resumes, and rejoins the cluster
    takeover.driver().process().resume();
    await().atMost(Duration.ofSeconds(20)).until(() -> takeover.driver().process().output()
        .contains("cluster member left or declared dead [node: " + takeover.survivor().nodeId()));
    await().atMost(Duration.ofSeconds(20))
        .until(() -> takeover.survivor().members() == 2 && takeover.driver().members() == 2);

    // THEN the station executed nothing of the old epoch after the new one, through all of it
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
        .until(() -> agent.isConnected());
    assertNoOlderEpochAfter(first);
    String metrics = takeover.survivor().process().get("/metrics").body();
    LOG.info("stale commands dropped by the survivor's gateway [{}]", metrics.lines()
        .filter(line -> line.startsWith("talos_gateway_stale_dropped_total")).toList());
  }

  /** The situation before the failure: who drives, who survives, and the epoch of the session. */
  private record Takeover(Node driver, Node survivor, long epoch, Instant before) {
  }

  /**
   * Starts a manual track on the node the agent is not connected to, waits for the agent to take
   * its setpoints, and finds the node that drives the station: the status's {@code drivenBy}
   * (which follows station ownership), or else the node that started the session. When the driver
   * is the agent's node, the agent moves to the other node, so that the driver can fail alone.
   */
  private Takeover trackAndFindTheDrivingNode(Path plugins) throws Exception {
    Node agentNode = nodes.get(0);
    Node other = nodes.get(1);
    JsonObject session = other.api().post(operator, base + "/track",
        new JsonObject().put("norad", FreshElements.NORAD)).expect(202).json();
    long epoch = session.getLong("epoch");
    assertThat(session.getString("phase")).as("the pass is in progress").isEqualTo("tracking");
    await().atMost(Duration.ofSeconds(10)).until(() -> taken.stream()
        .anyMatch(accepted -> accepted.epoch() == epoch));

    JsonObject status = other.api().get(operator, base + "/status").expect(200).json();
    assertThat(status.getJsonObject("connection").getString("node"))
        .isEqualTo(agentNode.nodeId());
    String drivenBy = status.getJsonObject("tracking").getString("drivenBy");
    Node driver = drivenBy.equals(agentNode.nodeId()) ? agentNode : other;
    Node survivor = driver == agentNode ? other : agentNode;
    assertThat(driver.nodeId()).isEqualTo(drivenBy);
    if (driver == agentNode) {
      LOG.info("the agent's node drives the station; moving the agent [to: {}]", survivor.name());
      agent.stop().await();
      taken.clear();
      connectAgent(survivor, plugins);
      await().atMost(Duration.ofSeconds(10)).until(() -> taken.stream()
          .anyMatch(accepted -> accepted.epoch() >= epoch));
    }
    // the station follows the pass for a few beats before anything fails
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.commandedPosition().isPresent()
        && taken.stream().filter(accepted -> accepted.epoch() == epoch).count() >= 6);
    return new Takeover(driver, survivor, epoch, Instant.now());
  }

  /**
   * How long after {@code failedAt} the survivor logged the driver gone. Read from its log rather
   * than its readiness, which may wait for checks answered by features of the lost node.
   */
  private static Duration detection(Takeover takeover, Instant failedAt) {
    String gone = "cluster member left or declared dead [node: " + takeover.driver().nodeId();
    String[] line = new String[1];
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
      line[0] = takeover.survivor().process().output().lines().filter(text -> text.contains(gone))
          .findFirst().orElse(null);
      return line[0] != null;
    });
    Instant logged = OffsetDateTime.parse(line[0].substring(0, line[0].indexOf(' '))).toInstant();
    return Duration.between(failedAt, logged);
  }

  /** Starts an agent with simulated devices connected to {@code node}'s gateway. */
  private void connectAgent(Node node, Path plugins) throws Exception {
    JsonObject config = new JsonObject()
        .put("server", "mqtt://127.0.0.1:" + node.mqttPort())
        .put("stationId", stationId)
        .put("org", slug)
        .put("key", stationKey)
        .put("devices", new JsonObject()
            .put("rotator", new JsonObject().put("driver", "simulator").put("options",
                new JsonObject().put("azimuthRate", "12").put("elevationRate", "12")
                    .put("startAzimuth", "200").put("startElevation", "10")))
            .put("radio", new JsonObject().put("driver", "simulator")))
        .put("limits", new JsonObject().put("azimuthMin", 0).put("azimuthMax", 450)
            .put("elevationMin", 0).put("elevationMax", 180)
            .put("parkAzimuth", 0).put("parkElevation", 90))
        .put("safety", new JsonObject().put("telemetryInterval", "250ms"));
    agent = StationAgent.start(stationSide, AgentConfig.fromJson(config),
            DriverRegistry.load(getClass().getClassLoader(), plugins))
        .await();
    agent.onAccepted(taken::add);
    await().atMost(Duration.ofSeconds(20)).until(() -> agent.isConnected()
        && node.api().get(operator, base + "/status").expect(200).json().getBoolean("online"));
  }

  /** Waits for the first setpoint the agent takes of an epoch above {@code epoch}. */
  private StationAgent.Accepted awaitHigherEpoch(long epoch, long since, Duration within) {
    Duration left = within.minusNanos(System.nanoTime() - since);
    await().atMost(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(taken.stream()
                .anyMatch(accepted -> accepted.epoch() > epoch))
            .as(() -> "setpoints of an epoch above " + epoch + " taken within " + within.toMillis()
                + " ms of the failure; the latest taken: " + latest())
            .isTrue());
    return taken.stream().filter(accepted -> accepted.epoch() > epoch).findFirst().orElseThrow();
  }

  private void assertNoOlderEpochAfter(StationAgent.Accepted first) {
    List<StationAgent.Accepted> after = taken.subList(taken.indexOf(first), taken.size());
    assertThat(after).as("setpoints taken after the first of epoch %d", first.epoch())
        .allSatisfy(accepted -> assertThat(accepted.epoch()).isGreaterThanOrEqualTo(first.epoch()));
    assertThat(agent.epoch()).isGreaterThanOrEqualTo(first.epoch());
  }

  private String latest() {
    return taken.stream().skip(Math.max(0, taken.size() - 6))
        .map(accepted -> accepted.channel().suffix() + "@" + accepted.epoch()).toList().toString();
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection(
        databaseUrl.replace("postgresql://postgres@", "jdbc:postgresql://"), "postgres", "");
  }
}
