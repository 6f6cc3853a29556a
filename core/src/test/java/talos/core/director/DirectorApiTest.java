package talos.core.director;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.bus.Addresses;
import talos.core.orbit.Site;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerTest;
import talos.core.support.TestServer;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the director's API against a stand-in for the MQTT gateway on the event bus: who may
 * track, what a track streams (an acknowledged session, pointing along the pass, Doppler-corrected
 * frequencies), stopping and parking, the status view, and every refusal with its reason.
 */
@Timeout(120)
class DirectorApiTest extends ServerTest {

  private static final Instant EPOCH = Instant.now();

  private final List<MessageConsumer<JsonObject>> standIns = new CopyOnWriteArrayList<>();
  private final List<JsonObject> sent = new CopyOnWriteArrayList<>();
  private Caller owner;
  private Caller operator;
  private Caller viewer;
  private Caller outsider;
  private String slug;

  @BeforeAll
  void catalogueAndOrganisation() throws Exception {
    Caller admin = api.signIn(TestServer.ADMIN_EMAIL);
    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-now.tle")
        .put("content", FreshElements.issText(EPOCH))).expect(200);
    try (Connection db = server.database()) {
      db.createStatement().execute("INSERT INTO transmitter (id, norad_id, description, downlink_low,"
          + " uplink_low, mode, status, source) VALUES ('iss-fm', 25544, 'FM voice', 437800000,"
          + " 145990000, 'FM', 'active', 'test') ON CONFLICT (id) DO NOTHING");
    }
    server.node().vertx().eventBus().publish(Addresses.CATALOGUE_CHANGED, new JsonObject());

    owner = api.signIn(unique("owner"));
    operator = api.signIn(unique("operator"));
    viewer = api.signIn(unique("viewer"));
    outsider = api.signIn(unique("outsider"));
    slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Directors " + System.nanoTime()))
        .expect(201).json().getString("slug");
    addMember(operator, "operator");
    addMember(viewer, "viewer");
  }

  @AfterEach
  void removeStandIns() {
    standIns.forEach(MessageConsumer::unregister);
    standIns.clear();
    sent.clear();
  }

  /** An operator's track starts an acknowledged session and streams pointing and radio setpoints. */
  @Test
  void anOperatorTracksACurrentPass() {
    String station = stationUnderThePass("Pass roof");
    connect(station, 200);

    JsonObject session = api.post(operator, track(station),
        new JsonObject().put("norad", 25544).put("transmitterId", "iss-fm")).expect(202).json();

    assertThat(session.getString("phase")).isEqualTo("tracking");
    assertThat(session.getJsonObject("transmitter").getString("id")).isEqualTo("iss-fm");
    SessionCommand start = SessionCommand.fromJson(commands(station, "cmd/session").get(0),
        Instant.now());
    assertThat(start.action()).isEqualTo(SessionCommand.Action.START);
    assertThat(start.session()).isEqualTo(session.getString("session"));
    assertThat(start.norad()).isEqualTo(25544);
    await().atMost(Duration.ofSeconds(5)).until(() -> commands(station, "cmd/rig").size() >= 2);
    PointingSetpoints pointing = PointingSetpoints.fromJson(
        commands(station, "cmd/rot").get(0), Instant.now());
    assertThat(pointing.session()).isEqualTo(start.session());
    assertThat(pointing.epoch()).isEqualTo(start.epoch());
    assertThat(pointing.points()).hasSizeGreaterThan(10);
    assertThat(pointing.points().get(0).elevation()).isPositive();
    RadioSetpoints radio = RadioSetpoints.fromJson(commands(station, "cmd/rig").get(0),
        Instant.now());
    assertThat(radio.mode()).isEqualTo("FM");
    assertThat(radio.points().get(0).downlinkHz()).isNotEqualTo(437_800_000L)
        .isBetween(437_790_000L, 437_810_000L);
  }

  /** The status shows the link, the measured pointing and the session; stopping parks. */
  @Test
  void statusShowsTheSessionAndStopParks() {
    String station = stationUnderThePass("Status roof");
    connect(station, 200);
    api.post(operator, track(station), new JsonObject().put("noradId", 25544)).expect(202);

    JsonObject status = api.get(viewer, base(station) + "/status").expect(200).json();

    assertThat(status.getBoolean("online")).isTrue();
    assertThat(status.getJsonObject("measured").getDouble("azimuth")).isEqualTo(123.0);
    assertThat(status.getJsonObject("tracking").getString("phase")).isEqualTo("tracking");
    assertThat(status.getJsonArray("drivers")).hasSize(1);

    api.delete(operator, track(station)).expect(204);

    assertThat(commands(station, "cmd/session")).last().satisfies(command ->
        assertThat(command.getString("action")).isEqualTo("park"));
    assertThat(api.get(viewer, base(station) + "/status").expect(200).json().getValue("tracking"))
        .isNull();
  }

  /** Viewers and outsiders cannot track; an outsider cannot even see the station. */
  @Test
  void onlyOperatorsOfTheOrganisationTrack() {
    String station = stationUnderThePass("Guarded roof");
    connect(station, 200);
    JsonObject body = new JsonObject().put("norad", 25544);

    api.post(viewer, track(station), body).expect(403);
    api.delete(viewer, track(station)).expect(403);
    api.post(outsider, track(station), body).expect(404);
    api.get(outsider, base(station) + "/status").expect(404);
    api.post(Caller.ANONYMOUS, track(station), body).expect(401);

    assertThat(commands(station, "cmd/session")).isEmpty();
  }

  /** Every refusal says why: offline station, unknown satellite, bad input, refused or silent agent. */
  @Test
  void refusalsNameTheirReason() {
    String offline = stationUnderThePass("Offline roof");
    String refusing = stationUnderThePass("Refusing roof");
    String silent = stationUnderThePass("Silent roof");
    connect(refusing, 409);
    connect(silent, 0);

    assertThat(api.post(operator, track(offline), new JsonObject().put("norad", 25544))
        .expect(409).json().getString("detail")).contains("offline");
    assertThat(api.post(operator, track(refusing), new JsonObject().put("norad", 99999))
        .expect(404).json().getString("detail")).contains("99999");
    assertThat(api.post(operator, track(refusing), new JsonObject().put("norad", "ISS"))
        .expect(400).json().getString("detail")).contains("norad");
    assertThat(api.post(operator, track(refusing), new JsonObject().put("norad", 25544)
        .put("transmitterId", "nope")).expect(404).json().getString("detail")).contains("nope");
    assertThat(api.post(operator, track(refusing), new JsonObject().put("norad", 25544))
        .expect(409).json().getString("detail")).contains("refused").contains("busy");
    assertThat(api.post(operator, track(silent), new JsonObject().put("norad", 25544))
        .expect(504).json().getString("detail")).contains("did not acknowledge");
    assertThat(api.get(operator, base(offline) + "/status").expect(200).json().getBoolean("online"))
        .isFalse();
  }

  /**
   * A manual track is recorded as an observation: tracking with its session, node and operator
   * while it runs, aborted with the reason once stopped, and the end is published.
   */
  @Test
  void aManualTrackIsRecordedAsAnObservation() {
    List<JsonObject> ended = new CopyOnWriteArrayList<>();
    standIns.add(server.node().vertx().eventBus().<JsonObject>consumer(Addresses.OBSERVATION_ENDED,
        message -> ended.add(message.body())));
    String station = stationUnderThePass("Recorded roof");
    connect(station, 200);

    JsonObject session = api.post(operator, track(station),
        new JsonObject().put("norad", 25544).put("transmitterId", "iss-fm")).expect(202).json();

    String nodeId = server.node().context().cluster().nodeId();
    assertThat(session.getString("drivenBy")).isEqualTo(nodeId);
    assertThat(session.getString("kind")).isEqualTo("manual");
    JsonObject status = api.get(viewer, base(station) + "/status").expect(200).json();
    assertThat(status.getJsonObject("tracking").getString("observation"))
        .isEqualTo(session.getString("observation"));
    JsonObject running = api.get(viewer, observation(session.getString("observation")))
        .expect(200).json();
    assertThat(running.getString("outcome")).isEqualTo("tracking");
    assertThat(running.getString("kind")).isEqualTo("manual");
    assertThat(running.getValue("campaignId")).isNull();
    assertThat(running.getString("stationId")).isEqualTo(station);
    assertThat(running.getString("sessionId")).isEqualTo(session.getString("session"));
    assertThat(running.getLong("epoch")).isEqualTo(session.getLong("epoch"));
    assertThat(running.getString("drivenBy")).isEqualTo(nodeId);
    assertThat(running.getString("createdBy")).isEqualTo(operator.userId());
    assertThat(running.getString("transmitterId")).isEqualTo("iss-fm");
    assertThat(running.getString("startedAt")).isNotNull();
    assertThat(Instant.parse(running.getString("plannedLos")))
        .isAfter(Instant.parse(running.getString("plannedAos")));

    api.delete(operator, track(station)).expect(204);

    JsonObject stopped = api.get(viewer, observation(session.getString("observation")))
        .expect(200).json();
    assertThat(stopped.getString("outcome")).isEqualTo("aborted");
    assertThat(stopped.getString("reason")).isEqualTo("stopped by an operator");
    assertThat(stopped.getString("endedAt")).isNotNull();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ended)
        .anySatisfy(end -> {
          assertThat(end.getString("observationId")).isEqualTo(stopped.getString("id"));
          assertThat(end.getString("outcome")).isEqualTo("aborted");
          assertThat(end.getValue("campaignId")).isNull();
          assertThat(end.getValue("plannedPassId")).isNull();
          assertThat(end.getInteger("noradId")).isEqualTo(25544);
          assertThat(end.getString("plannedAos")).isEqualTo(stopped.getString("plannedAos"));
        }));
  }

  /** A new track replaces the one under way, whose observation is aborted as replaced. */
  @Test
  void aNewTrackReplacesTheObservationUnderWay() {
    String station = stationUnderThePass("Replaced roof");
    connect(station, 200);
    String first = api.post(operator, track(station), new JsonObject().put("norad", 25544))
        .expect(202).json().getString("observation");

    String second = api.post(operator, track(station), new JsonObject().put("norad", 25544))
        .expect(202).json().getString("observation");

    assertThat(second).isNotEqualTo(first);
    JsonObject replaced = api.get(viewer, observation(first)).expect(200).json();
    assertThat(replaced.getString("outcome")).isEqualTo("aborted");
    assertThat(replaced.getString("reason")).isEqualTo("replaced by a new manual track");
    assertThat(api.get(viewer, base(station) + "/status").expect(200).json()
        .getJsonObject("tracking").getString("observation")).isEqualTo(second);
    JsonObject page = api.get(viewer, observations() + "?stationId=" + station + "&limit=1")
        .expect(200).json();
    assertThat(page.getJsonArray("observations")).hasSize(1);
    assertThat(page.getInteger("nextOffset")).isEqualTo(1);
    JsonObject aborted = api.get(viewer, observations() + "?stationId=" + station
        + "&outcome=aborted").expect(200).json();
    assertThat(aborted.getJsonArray("observations")).singleElement().satisfies(row ->
        assertThat(((JsonObject) row).getString("id")).isEqualTo(first));
    assertThat(aborted.getValue("nextOffset")).isNull();
  }

  /** Refused and silent agents leave aborted observations; an offline station leaves none. */
  @Test
  void failedStartsAreRecordedWithTheirReason() {
    String offline = stationUnderThePass("Unrecorded roof");
    String refusing = stationUnderThePass("Refusing recorded roof");
    connect(refusing, 409);

    api.post(operator, track(offline), new JsonObject().put("norad", 25544)).expect(409);
    api.post(operator, track(refusing), new JsonObject().put("norad", 25544)).expect(409);

    assertThat(api.get(viewer, observations() + "?stationId=" + offline).expect(200).json()
        .getJsonArray("observations")).isEmpty();
    assertThat(api.get(viewer, observations() + "?stationId=" + refusing).expect(200).json()
        .getJsonArray("observations")).singleElement().satisfies(row -> {
          assertThat(((JsonObject) row).getString("outcome")).isEqualTo("aborted");
          assertThat(((JsonObject) row).getString("reason")).contains("refused").contains("busy");
        });
  }

  /**
   * Viewers of the organisation read its observations; outsiders get 404, as for an organisation
   * that does not exist, and cannot reach them through an organisation of their own.
   */
  @Test
  void observationsAreReadByMembersOfTheOrganisationOnly() {
    String station = stationUnderThePass("Watched roof");
    connect(station, 200);
    String id = api.post(operator, track(station), new JsonObject().put("norad", 25544))
        .expect(202).json().getString("observation");
    String foreign = api.post(outsider, "/api/orgs", new JsonObject()
        .put("name", "Elsewhere " + System.nanoTime())).expect(201).json().getString("slug");

    assertThat(api.get(viewer, observations()).expect(200).json().getJsonArray("observations"))
        .anySatisfy(row -> assertThat(((JsonObject) row).getString("id")).isEqualTo(id));
    api.get(outsider, observations()).expect(404);
    api.get(outsider, observation(id)).expect(404);
    api.get(outsider, "/api/orgs/" + foreign + "/observations/" + id).expect(404);
    assertThat(api.get(outsider, "/api/orgs/" + foreign + "/observations").expect(200).json()
        .getJsonArray("observations")).isEmpty();
    api.get(Caller.ANONYMOUS, observations()).expect(401);
    api.get(Caller.ANONYMOUS, observation(id)).expect(401);
    api.get(viewer, observation(UUID.randomUUID().toString())).expect(404);
  }

  /** Bad filters and ids are refused with the parameter, its value and what is allowed. */
  @Test
  void badObservationQueriesNameTheParameter() {
    assertBad("?limit=0", "limit", "0", "1 to 500");
    assertBad("?limit=501", "limit", "501", "1 to 500");
    api.get(viewer, observations() + "?limit=many").expect(400);
    assertBad("?offset=-1", "offset", "-1", "0 to");
    assertBad("?outcome=done", "outcome", "done", "completed");
    assertBad("?stationId=roof", "stationId", "roof", "UUID");
    assertBad("?campaignId=7", "campaignId", "7", "UUID");
    assertBad("?from=yesterday", "from", "yesterday", "ISO-8601");
    assertBad("?from=2026-03-20T12:00:00Z&to=2026-03-20T11:00:00Z", "to", "2026-03-20T11:00:00Z",
        "after from");
    String detail = api.get(viewer, observations() + "/not-an-id").expect(400).json()
        .getString("detail");
    assertThat(detail).contains("observationId").contains("not-an-id").contains("UUID");
    assertThat(api.get(viewer, observations() + "?limit=500&offset=0&outcome=completed"
        + "&from=2026-03-20T11:00:00Z&to=2026-03-20T12:00:00Z").expect(200).json()
        .getInteger("limit")).isEqualTo(500);
  }

  private void assertBad(String query, String field, String value, String allowed) {
    String detail = api.get(viewer, observations() + query).expect(400).json().getString("detail");
    assertThat(detail).as(query).contains(field).contains("'" + value + "'").contains(allowed);
  }

  private String observations() {
    return "/api/orgs/" + slug + "/observations";
  }

  private String observation(String id) {
    return observations() + "/" + id;
  }

  /**
   * Stands in for the gateway holding a station's connection: answers state requests with a
   * telemetry message, records what is sent, and acknowledges session commands with {@code code}
   * (0: never).
   */
  private void connect(String stationId, int code) {
    var bus = server.node().vertx().eventBus();
    JsonObject telemetry = new JsonObject().put("v", 1).put("t", Instant.now().toEpochMilli())
        .put("rotator", new JsonObject().put("az", 123.0).put("el", 45.0).put("moving", false))
        .put("drivers", new JsonArray().add(new JsonObject().put("name", "rotator")
            .put("driver", "simulator").put("health", "ok")));
    standIns.add(bus.<JsonObject>consumer(Addresses.GATEWAY_STATE_PREFIX + stationId, message ->
        message.reply(new JsonObject().put("connected", true).put("node", "stand-in")
            .put("telemetry", telemetry))));
    standIns.add(bus.<JsonObject>consumer(Addresses.GATEWAY_STATION_PREFIX + stationId, message -> {
      sent.add(message.body().put("stationId", stationId));
      if (message.replyAddress() != null) {
        message.reply(new JsonObject());
      }
      if (code != 0 && "cmd/session".equals(message.body().getString("channel"))) {
        String command = message.body().getJsonObject("payload").getString("id");
        StationEvent ack = code == 200 ? StationEvent.ack(Instant.now(), command, "done")
            : StationEvent.nack(Instant.now(), command, code, "rotator busy with a local client");
        bus.publish(Addresses.STATION_EVENTS, new JsonObject().put("stationId", stationId)
            .put("event", ack.toJson()));
      }
    }));
    await().until(() -> standIns.stream().allMatch(consumer -> consumer.isRegistered()));
  }

  private List<JsonObject> commands(String stationId, String channel) {
    return sent.stream().filter(message -> message.getString("stationId").equals(stationId)
            && message.getString("channel").equals(channel))
        .map(message -> message.getJsonObject("payload")).toList();
  }

  private String stationUnderThePass(String name) {
    Site site = FreshElements.siteUnderPass(EPOCH, Instant.now().plusSeconds(120), 2);
    JsonObject station = api.post(owner, "/api/orgs/" + slug + "/stations", new JsonObject()
            .put("name", name).put("latitude", site.latitude()).put("longitude", site.longitude())
            .put("altitude", site.altitude())
            .put("rotator", new JsonObject()
                .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
                .put("elevation", new JsonObject().put("min", 0).put("max", 180))
                .put("azimuthSpeed", 6).put("elevationSpeed", 6)))
        .expect(201).json();
    IssuedSecrets.record(station.getString("apiKey"));
    return station.getString("id");
  }

  private void addMember(Caller member, String role) {
    String request = api.post(member, "/api/orgs/" + slug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", role)).expect(200);
  }

  private String base(String station) {
    return "/api/orgs/" + slug + "/stations/" + station;
  }

  private String track(String station) {
    return base(station) + "/track";
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}
