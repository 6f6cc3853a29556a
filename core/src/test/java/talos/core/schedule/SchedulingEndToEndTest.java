package talos.core.schedule;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.agent.AgentConfig;
import talos.agent.DriverRegistry;
import talos.agent.StationAgent;
import talos.core.orbit.Site;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the scheduler on a whole node over its API, with a real station agent connected to the
 * node's MQTT gateway: campaigns of different priorities become a persisted plan, readable per
 * station and per campaign, without overlaps and with a reason for every pass left out; a station
 * without an agent gets nothing ("station offline") until its agent connects; a reservation, a
 * cancelled campaign and new element sets each bring a replan by themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class SchedulingEndToEndTest {

  private static final Instant EPOCH = Instant.now();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private TestServer server;
  private ApiClient api;
  private Caller admin;
  private Path plugins;
  private Vertx stationSide;
  private final List<StationAgent> agents = new ArrayList<>();
  private Site site;

  /** An organisation with a connected station (Roof) and one without an agent (Shed). */
  private record World(Caller owner, String slug, String roof, String roofKey, String shed,
                       String shedKey) {

    String base() {
      return "/api/orgs/" + slug;
    }
  }

  @BeforeAll
  void startTheNode(@TempDir Path pluginFolder) throws Exception {
    server = TestServer.start(new JsonObject().put("TALOS_SCHEDULE_HORIZON", "24"));
    api = server.client();
    plugins = pluginFolder;
    stationSide = Vertx.vertx();
    admin = api.signIn(TestServer.ADMIN_EMAIL);
    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-now.tle")
        .put("content", FreshElements.issText(EPOCH))).expect(200);
    try (Connection db = server.database()) {
      db.createStatement().execute("INSERT INTO transmitter (id, norad_id, description,"
          + " downlink_low, mode, status, source) VALUES ('iss-aprs', 25544, 'APRS', 145825000,"
          + " 'FM', 'active', 'test') ON CONFLICT (id) DO NOTHING");
    }
    site = FreshElements.siteUnderPass(EPOCH, EPOCH.plus(Duration.ofHours(3)), 3);
  }

  @AfterEach
  void stopTheAgents() {
    agents.forEach(agent -> agent.stop().await());
    agents.clear();
  }

  @AfterAll
  void stopTheNode() throws Exception {
    if (stationSide != null) {
      stationSide.close().await();
    }
    server.close();
  }

  /**
   * Three campaigns of different priorities over two stations: the highest priority gets every
   * pass of the connected station, the others are rejected naming it or their minimum elevation,
   * the station without an agent gets nothing, and the plan reads the same per campaign.
   */
  @Test
  void plansCampaignsOfDifferentPrioritiesAndExplainsEveryPassLeftOut() {
    World world = world();
    String high = campaign(world, "High", 1, 0, "iss-aprs", world.roof(), world.shed());
    String low = campaign(world, "Low", 5, 0, null, world.roof());
    String picky = campaign(world, "Picky", 2, 80, null, world.roof());

    List<JsonObject> roof = awaitPlan(world, world.roof(), passes ->
        planned(passes, high).size() >= 2 && !rejected(passes, low).isEmpty()
            && !rejected(passes, picky).isEmpty());

    assertThat(planned(roof, low)).isEmpty();
    assertThat(planned(roof, picky)).isEmpty();
    assertNoOverlaps(roof);
    assertThat(rejected(roof, low)).allSatisfy(pass -> assertThat(pass.getString("reason"))
        .startsWith("overlaps higher-priority campaign 'High' (priority 1) from"));
    assertThat(rejected(roof, picky)).allSatisfy(pass -> assertThat(pass.getString("reason"))
        .matches("below minimum elevation: peaks at .*°, campaign 'Picky' needs 80\\.0°"
            + "|overlaps higher-priority campaign 'High'.*"))
        .anySatisfy(pass -> assertThat(pass.getString("reason")).startsWith("below minimum"));
    JsonObject first = planned(roof, high).get(0);
    assertThat(first.getString("transmitterId")).isEqualTo("iss-aprs");
    assertThat(first.getString("satellite")).isEqualTo(FreshElements.NAME);
    assertThat(first.getInteger("noradId")).isEqualTo(25544);
    assertThat(first.getJsonObject("campaign").getInteger("priority")).isEqualTo(1);
    assertThat(first.getJsonObject("station").getString("name")).isEqualTo("Roof");
    assertThat(first.getDouble("maxElevation")).isPositive();
    assertThat(Instant.parse(first.getString("aos")))
        .isAfterOrEqualTo(Instant.now().plus(Scheduler.FROZEN).minusSeconds(60))
        .isBefore(Instant.parse(first.getString("tca")));
    assertThat(first.getValue("reason")).isNull();
    assertThat(first.getValue("outcome")).isNull();

    List<JsonObject> shed = passes(world, "/stations/" + world.shed() + "/plan");
    assertThat(shed).isNotEmpty().allSatisfy(pass -> {
      assertThat(pass.getString("status")).isEqualTo("rejected");
      assertThat(pass.getString("reason")).isEqualTo("station offline");
    });
    List<JsonObject> campaignPlan = passes(world, "/campaigns/" + high + "/plan");
    assertThat(campaignPlan).extracting(pass -> pass.getJsonObject("station").getString("name"))
        .contains("Roof", "Shed");
    assertThat(campaignPlan).allSatisfy(pass ->
        assertThat(pass.getJsonObject("campaign").getString("id")).isEqualTo(high));
    assertThat(planned(campaignPlan, high)).hasSameSizeAs(planned(roof, high));
  }

  /** A station whose agent connects is planned again and gets its passes. */
  @Test
  void aStationWhoseAgentConnectsGetsItsPasses() {
    World world = world();
    String high = campaign(world, "Everywhere", 1, 0, null, world.roof(), world.shed());
    awaitPlan(world, world.shed(), passes -> !rejected(passes, high).isEmpty());

    connect(world.shed(), world.slug(), world.shedKey());

    List<JsonObject> shed = awaitPlan(world, world.shed(), passes ->
        planned(passes, high).size() >= 2);
    assertThat(rejected(shed, high)).noneSatisfy(pass ->
        assertThat(pass.getString("reason")).isEqualTo("station offline"));
  }

  /** A reservation over a planned pass takes it back, and the pass says who holds the time. */
  @Test
  void aReservationTakesItsTimeBack() {
    World world = world();
    String high = campaign(world, "Reserved", 1, 0, null, world.roof());
    JsonObject pass = planned(awaitPlan(world, world.roof(),
        passes -> planned(passes, high).size() >= 2), high).get(0);
    Instant from = Instant.parse(pass.getString("aos")).minusSeconds(60);
    Instant to = Instant.parse(pass.getString("los")).plusSeconds(60);

    api.post(world.owner(), world.base() + "/stations/" + world.roof() + "/reservations",
        new JsonObject().put("from", from.toString()).put("to", to.toString())
            .put("reason", "feed maintenance")).expect(201);

    List<JsonObject> roof = awaitPlan(world, world.roof(), passes -> rejected(passes, high)
        .stream().anyMatch(p -> p.getString("reason").startsWith("reserved by owner")));
    assertThat(planned(roof, high)).noneSatisfy(p -> assertThat(
        Instant.parse(p.getString("aos")).isBefore(to)
            && Instant.parse(p.getString("los")).isAfter(from)).isTrue());
    assertThat(rejected(roof, high)).singleElement().satisfies(p ->
        assertThat(p.getString("reason")).isEqualTo("reserved by owner from " + from + " to " + to
            + ": feed maintenance"));
  }

  /** A cancelled campaign's future passes leave the plan, and the time goes to the next one. */
  @Test
  void aCancelledCampaignLeavesThePlan() {
    World world = world();
    String high = campaign(world, "Cancelled", 1, 0, null, world.roof());
    String low = campaign(world, "Waiting", 5, 0, null, world.roof());
    awaitPlan(world, world.roof(), passes -> planned(passes, high).size() >= 2
        && !rejected(passes, low).isEmpty());

    api.post(world.owner(), world.base() + "/campaigns/" + high + "/cancel", null).expect(200);
    Instant frozenEnd = Instant.now().plus(Scheduler.FROZEN);

    List<JsonObject> roof = awaitPlan(world, world.roof(), passes ->
        passes.stream().noneMatch(p -> campaignOf(p).equals(high)
            && Instant.parse(p.getString("aos")).isAfter(frozenEnd)));
    assertThat(planned(roof, low)).isNotEmpty();
    assertNoOverlaps(roof);
  }

  /** New element sets in the catalogue replan every campaign that uses them. */
  @Test
  void newElementSetsBringAReplan() {
    World world = world();
    String high = campaign(world, "Fresh", 1, 0, null, world.roof());
    List<JsonObject> before = planned(awaitPlan(world, world.roof(),
        passes -> planned(passes, high).size() >= 2), high);
    Set<String> ids = before.stream().map(p -> p.getString("id")).collect(Collectors.toSet());

    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-later.tle")
        .put("content", FreshElements.issText(EPOCH.plusSeconds(120)))).expect(200);

    List<JsonObject> after = planned(awaitPlan(world, world.roof(), passes ->
        planned(passes, high).stream().noneMatch(p -> ids.contains(p.getString("id")))), high);
    Set<String> timesBefore = before.stream().map(p -> p.getString("aos"))
        .collect(Collectors.toSet());
    assertThat(after).isNotEmpty().noneSatisfy(p ->
        assertThat(timesBefore).contains(p.getString("aos")));
  }

  private World world() {
    Caller owner = api.signIn("planner-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name",
        "Plan " + System.nanoTime())).expect(201).json().getString("slug");
    JsonObject roof = station(owner, slug, "Roof");
    JsonObject shed = station(owner, slug, "Shed");
    World world = new World(owner, slug, roof.getString("id"), roof.getString("apiKey"),
        shed.getString("id"), shed.getString("apiKey"));
    connect(world.roof(), slug, world.roofKey());
    return world;
  }

  private JsonObject station(Caller owner, String slug, String name) {
    JsonObject station = api.post(owner, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", name).put("latitude", site.latitude()).put("longitude", site.longitude())
            .put("altitude", site.altitude())
            .put("rotator", new JsonObject()
                .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
                .put("elevation", new JsonObject().put("min", 0).put("max", 180))
                .put("azimuthSpeed", 12).put("elevationSpeed", 12)))
        .expect(201).json();
    IssuedSecrets.record(station.getString("apiKey"));
    return station;
  }

  /** Starts an agent with the simulator for the station and waits until it is online. */
  private void connect(String stationId, String slug, String key) {
    JsonObject config = new JsonObject()
        .put("server", "mqtt://127.0.0.1:" + server.node().mqttPort())
        .put("stationId", stationId)
        .put("org", slug)
        .put("key", key)
        .put("devices", new JsonObject()
            .put("rotator", new JsonObject().put("driver", "simulator"))
            .put("radio", new JsonObject().put("driver", "simulator")))
        .put("limits", new JsonObject().put("azimuthMin", 0).put("azimuthMax", 450)
            .put("elevationMin", 0).put("elevationMax", 180)
            .put("parkAzimuth", 0).put("parkElevation", 90));
    try {
      agents.add(StationAgent.start(stationSide, AgentConfig.fromJson(config),
          DriverRegistry.load(getClass().getClassLoader(), plugins)).await());
    } catch (Exception e) {
      throw new IllegalStateException("the station agent did not start", e);
    }
  }

  /** Creates an active campaign with the ISS as target, assigned to the stations. */
  private String campaign(World world, String name, int priority, double minElevation,
                          String transmitterId, String... stations) {
    String campaigns = world.base() + "/campaigns";
    String id = api.post(world.owner(), campaigns, new JsonObject().put("name", name)
            .put("priority", priority).put("minElevation", minElevation))
        .expect(201).json().getString("id");
    String path = campaigns + "/" + id;
    JsonObject target = new JsonObject();
    if (transmitterId != null) {
      target.put("transmitterId", transmitterId);
    }
    api.send(world.owner(), "PUT", path + "/targets/" + FreshElements.NORAD, target).expect(201);
    for (String station : stations) {
      api.post(world.owner(), path + "/assignments", new JsonObject().put("stationId", station))
          .expect(201);
    }
    api.post(world.owner(), path + "/schedule", null).expect(200);
    api.post(world.owner(), path + "/activate", null).expect(200);
    return id;
  }

  private List<JsonObject> awaitPlan(World world, String stationId,
                                     java.util.function.Predicate<List<JsonObject>> ready) {
    List<List<JsonObject>> last = new ArrayList<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
      List<JsonObject> passes = passes(world, "/stations/" + stationId + "/plan");
      last.clear();
      last.add(passes);
      return ready.test(passes);
    });
    return last.get(0);
  }

  private List<JsonObject> passes(World world, String path) {
    JsonArray passes = api.get(world.owner(), world.base() + path).expect(200).json()
        .getJsonArray("passes");
    List<JsonObject> list = new ArrayList<>();
    passes.forEach(pass -> list.add((JsonObject) pass));
    return list;
  }

  private static List<JsonObject> planned(List<JsonObject> passes, String campaignId) {
    return passes.stream().filter(p -> campaignOf(p).equals(campaignId)
        && p.getString("status").equals("planned")).toList();
  }

  private static List<JsonObject> rejected(List<JsonObject> passes, String campaignId) {
    return passes.stream().filter(p -> campaignOf(p).equals(campaignId)
        && p.getString("status").equals("rejected")).toList();
  }

  private static String campaignOf(JsonObject pass) {
    return pass.getJsonObject("campaign").getString("id");
  }

  private static void assertNoOverlaps(List<JsonObject> passes) {
    List<JsonObject> planned = passes.stream()
        .filter(p -> p.getString("status").equals("planned")).toList();
    for (int i = 1; i < planned.size(); i++) {
      assertThat(Instant.parse(planned.get(i - 1).getString("los")))
          .as("%s then %s", planned.get(i - 1), planned.get(i))
          .isBefore(Instant.parse(planned.get(i).getString("aos")));
    }
  }
}
