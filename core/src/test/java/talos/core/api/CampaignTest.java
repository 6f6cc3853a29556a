package talos.core.api;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.bus.Addresses;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerTest;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies campaigns: their description and validation, the legal status transitions and the
 * refusal of the others, targets from the catalogue, station assignments whose windows the database
 * keeps from overlapping, reservations, and the change notices schedulers replan on.
 */
@Timeout(120)
class CampaignTest extends ServerTest {

  private Caller owner;
  private String slug;
  private String campaigns;
  private String station;

  @BeforeEach
  void createOrganisationWithAStation() {
    owner = api.signIn(unique("campaign-owner"));
    slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Campaigns " + System.nanoTime()))
        .expect(201).json().getString("slug");
    campaigns = "/api/orgs/" + slug + "/campaigns";
    station = station(owner, slug, "Roof");
  }

  @Test
  void testACampaignIsCreatedReadAndUpdated() {
    JsonObject created = api.post(owner, campaigns, new JsonObject()
        .put("name", "Weather <b>sats</b>")
        .put("description", "<script>alert(1)</script>APT images")
        .put("startsAt", "2026-04-01T00:00:00Z")).expect(201).json();

    assertThat(created.getString("name")).isEqualTo("Weather sats");
    assertThat(created.getString("description")).isEqualTo("APT images");
    assertThat(created.getString("status")).isEqualTo("draft");
    assertThat(created.getInteger("priority")).isEqualTo(5);
    assertThat(created.getDouble("minElevation")).isZero();
    assertThat(created.getJsonArray("transitions")).containsExactly("schedule", "cancel");
    String path = campaigns + "/" + created.getString("id");
    JsonObject read = api.get(owner, path).expect(200).json();
    assertThat(read.getString("startsAt")).isEqualTo("2026-04-01T00:00Z");
    assertThat(read.getJsonArray("targets")).isEmpty();
    assertThat(read.getJsonArray("assignments")).isEmpty();

    JsonObject updated = api.patch(owner, path, new JsonObject().put("priority", 1).put("minElevation", 15)
        .put("endsAt", "2026-05-01T00:00:00Z")).expect(200).json();

    assertThat(updated.getInteger("priority")).isEqualTo(1);
    assertThat(updated.getDouble("minElevation")).isEqualTo(15);
    assertThat(updated.getString("endsAt")).isEqualTo("2026-05-01T00:00Z");
    assertThat(updated.getString("name")).isEqualTo("Weather sats");
    api.post(owner, campaigns, new JsonObject().put("name", "Bulk")).expect(201);
    assertThat(api.get(owner, campaigns).expect(200).json().getJsonArray("campaigns").stream()
        .map(campaign -> ((JsonObject) campaign).getString("name"))).containsExactly("Weather sats", "Bulk");
    assertThat(api.post(owner, campaigns, new JsonObject().put("name", "Weather sats")).expect(409)
        .json().getString("detail")).contains("'Weather sats' already exists");
  }

  @Test
  void testEveryLegalTransitionMovesTheCampaignOn() {
    String path = campaign("Full life");
    target(path, 25544).expect(201);

    assertThat(transition(path, "schedule").expect(200).json().getString("status")).isEqualTo("scheduled");
    assertThat(transition(path, "activate").expect(200).json().getJsonArray("transitions"))
        .containsExactly("complete", "cancel");
    JsonObject completed = transition(path, "complete").expect(200).json();

    assertThat(completed.getString("status")).isEqualTo("completed");
    assertThat(completed.getJsonArray("transitions")).isEmpty();
    for (List<String> route : List.of(List.<String>of(), List.of("schedule"), List.of("schedule", "activate"))) {
      String cancelled = campaign("Cancelled after " + route);
      target(cancelled, 25544).expect(201);
      route.forEach(step -> transition(cancelled, step).expect(200));
      assertThat(transition(cancelled, "cancel").expect(200).json().getString("status")).isEqualTo("cancelled");
    }
  }

  @Test
  void testIllegalTransitionsAreRefusedNamingTheStatusAndTheAllowedOnes() {
    String path = campaign("Strict");

    Response noTarget = transition(path, "schedule").expect(409);
    Response early = transition(path, "activate").expect(409);
    Response skipped = transition(path, "complete").expect(409);
    target(path, 25544).expect(201);
    transition(path, "schedule").expect(200);
    Response twice = transition(path, "schedule").expect(409);
    transition(path, "cancel").expect(200);
    Response afterEnd = transition(path, "activate").expect(409);
    Response cancelledTwice = transition(path, "cancel").expect(409);

    assertThat(noTarget.json().getString("detail")).contains("no target");
    assertThat(early.json().getString("detail")).isEqualTo(
        "cannot activate campaign 'Strict': it is draft; allowed transitions from draft: schedule, cancel");
    assertThat(skipped.json().getString("detail")).contains("it is draft");
    assertThat(twice.json().getString("detail")).isEqualTo(
        "cannot schedule campaign 'Strict': it is scheduled; allowed transitions from scheduled: activate, cancel");
    assertThat(afterEnd.json().getString("detail")).contains("it is cancelled")
        .contains("none (cancelled is final)");
    assertThat(cancelledTwice.json().getString("detail")).contains("it is cancelled");
    assertThat(api.patch(owner, path, new JsonObject().put("priority", 2)).expect(409).json().getString("detail"))
        .contains("cannot change campaign 'Strict': it is cancelled");
    target(path, 43017).expect(409);
  }

  @Test
  void testInvalidValuesAreRefusedNamingTheFieldAndTheValue() {
    String path = campaign("Checked");

    Response priority = api.post(owner, campaigns, new JsonObject().put("name", "P").put("priority", 0)).expect(400);
    Response elevation = api.post(owner, campaigns, new JsonObject().put("name", "E").put("minElevation", 91))
        .expect(400);
    Response name = api.post(owner, campaigns, new JsonObject().put("name", "<b></b>")).expect(400);
    Response order = api.patch(owner, path, new JsonObject().put("startsAt", "2026-04-02T00:00:00Z")
        .put("endsAt", "2026-04-01T00:00:00Z")).expect(400);
    Response weight = api.send(owner, "PUT", path + "/targets/25544", new JsonObject().put("weight", 0)).expect(400);
    Response halfWindow = assign(path, station, "2026-04-01T10:00:00Z", null).expect(400);
    Response backwards = assign(path, station, "2026-04-01T10:00:00Z", "2026-04-01T09:00:00Z").expect(400);
    Response noStation = api.post(owner, path + "/assignments", new JsonObject().put("stationId", "roof"))
        .expect(400);

    assertThat(field(priority)).isEqualTo("/priority");
    assertThat(field(elevation)).isEqualTo("/minElevation");
    assertThat(name.json().getString("detail"))
        .isEqualTo("name: '<b></b>' is not allowed; allowed: 1 to 80 characters of plain text");
    assertThat(order.json().getString("detail")).isEqualTo("endsAt: '2026-04-01T00:00:00Z' is not allowed;"
        + " allowed: a time after startsAt (2026-04-02T00:00:00Z)");
    assertThat(field(weight)).isEqualTo("/weight");
    assertThat(halfWindow.json().getString("detail"))
        .isEqualTo("to: '(missing)' is not allowed; allowed: both from and to, or neither");
    assertThat(backwards.json().getString("detail")).isEqualTo("to: '2026-04-01T09:00:00Z' is not allowed;"
        + " allowed: a time after from (2026-04-01T10:00:00Z)");
    assertThat(field(noStation)).isEqualTo("/stationId");
  }

  @Test
  void testTargetsMustBeSatellitesOfTheCatalogueWithTheirOwnTransmitters() throws Exception {
    String path = campaign("Targets");
    String transmitter = "test-" + UUID.randomUUID();
    try (Connection db = server.database(); Statement sql = db.createStatement()) {
      sql.execute("INSERT INTO transmitter (id, norad_id, description, downlink_low, source) VALUES ('"
          + transmitter + "', 25544, 'APRS', 145825000, 'test')");
    }

    JsonObject added = target(path, 25544).expect(201).json();
    JsonObject changed = api.send(owner, "PUT", path + "/targets/25544",
        new JsonObject().put("weight", 3).put("transmitterId", transmitter)).expect(200).json();
    Response unknown = target(path, 99999).expect(404);
    Response foreignTransmitter = api.send(owner, "PUT", path + "/targets/43017",
        new JsonObject().put("transmitterId", transmitter)).expect(400);

    assertThat(added.getDouble("weight")).isEqualTo(1);
    assertThat(changed.getDouble("weight")).isEqualTo(3);
    assertThat(changed.getString("transmitterId")).isEqualTo(transmitter);
    assertThat(unknown.json().getString("detail")).isEqualTo("satellite '99999' does not exist");
    assertThat(foreignTransmitter.json().getString("detail")).isEqualTo("transmitterId: '" + transmitter
        + "' is not allowed; allowed: a transmitter of satellite 43017: sample-43017-1");
    JsonArray targets = api.get(owner, path).expect(200).json().getJsonArray("targets");
    assertThat(targets).hasSize(1);
    assertThat(targets.getJsonObject(0).getString("name")).isNotBlank();

    api.delete(owner, path + "/targets/25544").expect(204);
    api.delete(owner, path + "/targets/25544").expect(404);
    assertThat(api.get(owner, path).expect(200).json().getJsonArray("targets")).isEmpty();
  }

  @Test
  void testAnotherOrganisationsStationCannotBeAssigned() {
    Caller stranger = api.signIn(unique("stranger"));
    String foreignSlug = api.post(stranger, "/api/orgs", new JsonObject().put("name", "Other " + System.nanoTime()))
        .expect(201).json().getString("slug");
    String foreignStation = station(stranger, foreignSlug, "Their dish");
    String path = campaign("Mine");

    Response refused = assign(path, foreignStation, "2026-04-01T10:00:00Z", "2026-04-01T11:00:00Z").expect(404);

    assertThat(refused.json().getString("detail")).isEqualTo("station '" + foreignStation + "' does not exist");
    api.get(owner, "/api/orgs/" + slug + "/stations/" + foreignStation + "/reservations").expect(404);
  }

  @Test
  void testOverlappingBookingsOfAStationAreRefusedNamingTheConflictAndAdjacentOnesAreFine() {
    String first = campaign("First");
    String second = campaign("Second");
    String firstId = first.substring(first.lastIndexOf('/') + 1);
    JsonObject booked = assign(first, station, "2026-04-01T10:00:00Z", "2026-04-01T12:00:00Z").expect(201).json();

    Response overlapping = assign(second, station, "2026-04-01T11:00:00Z", "2026-04-01T13:00:00Z").expect(409);
    Response sameCampaign = assign(first, station, "2026-04-01T09:00:00Z", "2026-04-01T10:30:00Z").expect(409);
    assign(second, station, "2026-04-01T12:00:00Z", "2026-04-01T14:00:00Z").expect(201);
    assign(second, station, "2026-04-01T08:00:00Z", "2026-04-01T10:00:00Z").expect(201);
    assign(second, station, null, null).expect(201);
    assign(first, station, null, null).expect(201);
    assign(first, station, null, null).expect(409);

    assertThat(booked.getJsonObject("window").getString("from")).isEqualTo("2026-04-01T10:00Z");
    assertThat(booked.getString("stationName")).isEqualTo("Roof");
    assertThat(overlapping.json().getString("detail")).isEqualTo("station '" + station
        + "' is already booked by campaign 'First' (" + firstId + ") from 2026-04-01T10:00Z to 2026-04-01T12:00Z;"
        + " the window 2026-04-01T11:00Z to 2026-04-01T13:00Z overlaps it, and bookings of one station may not"
        + " overlap (adjacent windows may)");
    assertThat(sameCampaign.json().getString("detail")).contains("campaign 'First'");
    assertThat(api.get(owner, second).expect(200).json().getJsonArray("assignments")).hasSize(3);
  }

  @Test
  void testEndingACampaignReleasesItsBookingsAndRemovingAnAssignmentFreesTheWindow() {
    String first = campaign("Ends");
    String second = campaign("Follows");
    target(first, 25544).expect(201);
    String assignment = assign(first, station, "2026-04-02T10:00:00Z", "2026-04-02T12:00:00Z").expect(201)
        .json().getString("id");
    String other = assign(second, station, "2026-04-03T10:00:00Z", "2026-04-03T12:00:00Z").expect(201)
        .json().getString("id");
    assign(second, station, "2026-04-02T11:00:00Z", "2026-04-02T13:00:00Z").expect(409);

    api.delete(owner, second + "/assignments/" + other).expect(204);
    api.delete(owner, second + "/assignments/" + other).expect(404);
    transition(first, "cancel").expect(200);

    assign(second, station, "2026-04-02T11:00:00Z", "2026-04-02T13:00:00Z").expect(201);
    assign(second, station, "2026-04-03T10:00:00Z", "2026-04-03T12:00:00Z").expect(201);
    JsonObject released = api.get(owner, first).expect(200).json().getJsonArray("assignments").getJsonObject(0);
    assertThat(released.getString("id")).isEqualTo(assignment);
    assertThat(released.getBoolean("released")).isTrue();
    api.delete(owner, first + "/assignments/" + assignment).expect(409);
  }

  @Test
  void testOverlappingReservationsOfAStationAreRefusedAndOnlyOwnersManageThem() {
    String reservations = "/api/orgs/" + slug + "/stations/" + station + "/reservations";
    Caller operator = member(owner, slug, "operator");
    Caller viewer = member(owner, slug, "viewer");
    Caller outsider = api.signIn(unique("outsider"));

    JsonObject kept = api.post(owner, reservations, reservation("2026-04-05T08:00:00Z", "2026-04-05T10:00:00Z")
        .put("reason", "<i>feed</i> maintenance")).expect(201).json();
    Response overlapping = api.post(owner, reservations,
        reservation("2026-04-05T09:00:00Z", "2026-04-05T11:00:00Z")).expect(409);
    api.post(owner, reservations, reservation("2026-04-05T10:00:00Z", "2026-04-05T11:00:00Z")).expect(201);
    api.post(operator, reservations, reservation("2026-04-06T10:00:00Z", "2026-04-06T11:00:00Z")).expect(403);
    api.post(owner, reservations, reservation("2026-04-06T10:00:00Z", "2026-04-06T09:00:00Z")).expect(400);

    assertThat(kept.getString("reason")).isEqualTo("feed maintenance");
    assertThat(overlapping.json().getString("detail")).isEqualTo("station '" + station
        + "' is already reserved by reservation " + kept.getString("id") + " ('feed maintenance') from"
        + " 2026-04-05T08:00Z to 2026-04-05T10:00Z; the window 2026-04-05T09:00Z to 2026-04-05T11:00Z overlaps it,"
        + " and reservations of one station may not overlap (adjacent windows may)");
    assertThat(api.get(viewer, reservations).expect(200).json().getJsonArray("reservations")).hasSize(2);
    api.get(outsider, reservations).expect(404);
    api.delete(viewer, reservations + "/" + kept.getString("id")).expect(403);
    api.delete(operator, reservations + "/" + kept.getString("id")).expect(403);
    api.delete(owner, reservations + "/" + kept.getString("id")).expect(204);
    api.delete(owner, reservations + "/" + kept.getString("id")).expect(404);
    api.post(owner, reservations, reservation("2026-04-05T09:00:00Z", "2026-04-05T10:00:00Z")).expect(201);
  }

  @Test
  void testEveryChangeIsAnnouncedForSchedulers() throws Exception {
    List<JsonObject> notices = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = server.node().vertx().eventBus()
        .consumer(Addresses.CAMPAIGN_CHANGED, message -> notices.add(message.body()));
    consumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      String path = campaign("Announced");
      String campaignId = path.substring(path.lastIndexOf('/') + 1);
      String orgId = api.get(owner, "/api/orgs/" + slug).expect(200).json().getString("id");

      target(path, 25544).expect(201);
      assign(path, station, "2026-04-07T10:00:00Z", "2026-04-07T11:00:00Z").expect(201);
      api.post(owner, "/api/orgs/" + slug + "/stations/" + station + "/reservations",
          reservation("2026-04-08T10:00:00Z", "2026-04-08T11:00:00Z")).expect(201);
      transition(path, "schedule").expect(200);

      await().atMost(Duration.ofSeconds(10)).until(() -> notices.stream()
          .filter(notice -> orgId.equals(notice.getString("orgId"))).count() == 5);
      List<JsonObject> ours = notices.stream().filter(notice -> orgId.equals(notice.getString("orgId"))).toList();
      assertThat(ours.get(0)).isEqualTo(new JsonObject().put("orgId", orgId).put("campaignId", campaignId));
      assertThat(ours.get(2)).isEqualTo(new JsonObject().put("orgId", orgId).put("campaignId", campaignId)
          .put("stationId", station));
      assertThat(ours.get(3)).isEqualTo(new JsonObject().put("orgId", orgId).put("stationId", station));
    } finally {
      consumer.unregister();
    }
  }

  private String campaign(String name) {
    return campaigns + "/" + api.post(owner, campaigns, new JsonObject().put("name", name)).expect(201)
        .json().getString("id");
  }

  private Response target(String campaign, int noradId) {
    return api.send(owner, "PUT", campaign + "/targets/" + noradId, new JsonObject());
  }

  private Response transition(String campaign, String action) {
    return api.post(owner, campaign + "/" + action, null);
  }

  private Response assign(String campaign, String stationId, String from, String to) {
    JsonObject body = new JsonObject().put("stationId", stationId);
    if (from != null) {
      body.put("from", from);
    }
    if (to != null) {
      body.put("to", to);
    }
    return api.post(owner, campaign + "/assignments", body);
  }

  static JsonObject reservation(String from, String to) {
    return new JsonObject().put("from", from).put("to", to);
  }

  private static String field(Response response) {
    return response.json().getJsonArray("errors").getJsonObject(0).getString("field");
  }

  private String station(Caller caller, String orgSlug, String name) {
    JsonObject created = api.post(caller, "/api/orgs/" + orgSlug + "/stations", StationTest.roof(name))
        .expect(201).json();
    IssuedSecrets.record(created.getString("apiKey"));
    return created.getString("id");
  }

  private Caller member(Caller orgOwner, String orgSlug, String role) {
    Caller member = api.signIn(unique("member-" + role));
    String request = api.post(member, "/api/orgs/" + orgSlug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(orgOwner, "/api/orgs/" + orgSlug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", role)).expect(200);
    return member;
  }
}
