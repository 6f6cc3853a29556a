package talos.core.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;
import talos.core.tenancy.Role;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies authorisation of every campaign, reservation and plan operation: viewers read, operators
 * also manage campaigns, targets and assignments and refresh the plan but not reservations, owners
 * do everything, outsiders get 404 exactly as for an organisation that does not exist, and
 * anonymous callers 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class CampaignAccessTest {

  private static final AtomicInteger HOURS = new AtomicInteger();

  /** An operation, with placeholders for the organisation and fresh targets, and the role it needs. */
  private record Endpoint(String operationId, String method, String path, Supplier<JsonObject> body,
                          Role required, String campaignStatus) {
  }

  private final List<Endpoint> endpoints = List.of(
      new Endpoint("listCampaigns", "GET", "/campaigns", () -> null, Role.VIEWER, "draft"),
      new Endpoint("createCampaign", "POST", "/campaigns",
          () -> new JsonObject().put("name", "C " + UUID.randomUUID()), Role.OPERATOR, "draft"),
      new Endpoint("getCampaign", "GET", "/campaigns/{campaign}", () -> null, Role.VIEWER, "draft"),
      new Endpoint("updateCampaign", "PATCH", "/campaigns/{campaign}",
          () -> new JsonObject().put("priority", 2), Role.OPERATOR, "draft"),
      new Endpoint("scheduleCampaign", "POST", "/campaigns/{campaign}/schedule", () -> null, Role.OPERATOR, "draft"),
      new Endpoint("activateCampaign", "POST", "/campaigns/{campaign}/activate", () -> null, Role.OPERATOR,
          "scheduled"),
      new Endpoint("completeCampaign", "POST", "/campaigns/{campaign}/complete", () -> null, Role.OPERATOR, "active"),
      new Endpoint("cancelCampaign", "POST", "/campaigns/{campaign}/cancel", () -> null, Role.OPERATOR, "active"),
      new Endpoint("setCampaignTarget", "PUT", "/campaigns/{campaign}/targets/43017",
          () -> new JsonObject().put("weight", 2), Role.OPERATOR, "draft"),
      new Endpoint("removeCampaignTarget", "DELETE", "/campaigns/{campaign}/targets/25544", () -> null,
          Role.OPERATOR, "draft"),
      new Endpoint("createCampaignAssignment", "POST", "/campaigns/{campaign}/assignments",
          () -> window().put("stationId", "{station}"), Role.OPERATOR, "draft"),
      new Endpoint("removeCampaignAssignment", "DELETE", "/campaigns/{campaign}/assignments/{assignment}",
          () -> null, Role.OPERATOR, "draft"),
      new Endpoint("listStationReservations", "GET", "/stations/{station}/reservations", () -> null, Role.VIEWER,
          "draft"),
      new Endpoint("createStationReservation", "POST", "/stations/{station}/reservations",
          () -> window().put("reason", "maintenance"), Role.OWNER, "draft"),
      new Endpoint("deleteStationReservation", "DELETE", "/stations/{station}/reservations/{reservation}",
          () -> null, Role.OWNER, "draft"),
      new Endpoint("getStationPlan", "GET", "/stations/{station}/plan", () -> null, Role.VIEWER, "active"),
      new Endpoint("getCampaignPlan", "GET", "/campaigns/{campaign}/plan", () -> null, Role.VIEWER,
          "active"),
      new Endpoint("refreshPlan", "POST", "/plan/refresh", () -> null, Role.OPERATOR, "active"));

  private TestServer server;
  private ApiClient api;
  private final Map<String, Caller> callers = new LinkedHashMap<>();
  private Map<String, String> orgA;
  private Map<String, String> orgB;

  @BeforeAll
  void setUp() {
    server = TestServer.start();
    api = server.client();
    Caller ownerA = api.signIn(unique("owner-a"));
    Caller ownerB = api.signIn(unique("owner-b"));
    orgA = organisation(ownerA);
    orgB = organisation(ownerB);
    callers.put("owner", ownerA);
    callers.put("operator", member(ownerA, orgA.get("slug"), "operator"));
    callers.put("viewer", member(ownerA, orgA.get("slug"), "viewer"));
    callers.put("outsider", ownerB);
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> testEveryOperationForEveryRole() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      for (Map.Entry<String, Caller> caller : callers.entrySet()) {
        int expected = caller.getKey().equals("outsider") ? 404
            : Role.valueOf(caller.getKey().toUpperCase(java.util.Locale.ROOT)).atLeast(endpoint.required()) ? 0 : 403;
        String name = endpoint.operationId() + " as " + caller.getKey() + " -> " + (expected == 0 ? "2xx" : expected);
        tests.add(DynamicTest.dynamicTest(name, () -> {
          Response response = call(caller.getValue(), endpoint, fresh(orgA, endpoint.campaignStatus()));
          if (expected == 0) {
            assertThat(response.status()).as(name + ": " + response.body()).isBetween(200, 204);
          } else {
            response.expect(expected);
          }
        }));
      }
      tests.add(DynamicTest.dynamicTest(endpoint.operationId() + " anonymous -> 401",
          () -> call(Caller.ANONYMOUS, endpoint, fresh(orgA, endpoint.campaignStatus())).expect(401)));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> testTheOwnerCannotReachAnotherOrganisationsThingsThroughTheirOwn() {
    return endpoints.stream().filter(endpoint -> endpoint.path().contains("{"))
        .map(endpoint -> DynamicTest.dynamicTest(endpoint.operationId() + " with foreign ids -> 404", () -> {
          Map<String, String> mixed = fresh(orgB, endpoint.campaignStatus());
          mixed.put("slug", orgA.get("slug"));
          call(callers.get("owner"), endpoint, mixed).expect(404);
        }));
  }

  @TestFactory
  Stream<DynamicTest> testAForeignOrganisationLooksExactlyLikeOneThatDoesNotExist() {
    return endpoints.stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.operationId(), () -> {
      Map<String, String> targets = fresh(orgA, endpoint.campaignStatus());
      Response foreign = call(callers.get("outsider"), endpoint, targets).expect(404);
      targets.put("slug", "no-such-org");
      Response absent = call(callers.get("outsider"), endpoint, targets).expect(404);
      assertThat(foreign.json().getString("detail").replace(orgA.get("slug"), "X"))
          .isEqualTo(absent.json().getString("detail").replace("no-such-org", "X"));
    }));
  }

  private Response call(Caller caller, Endpoint endpoint, Map<String, String> targets) {
    JsonObject body = endpoint.body().get();
    if (body != null && body.containsKey("stationId")) {
      body.put("stationId", targets.get("station"));
    }
    String path = "/api/orgs/{slug}" + endpoint.path();
    for (Map.Entry<String, String> target : targets.entrySet()) {
      path = path.replace("{" + target.getKey() + "}", target.getValue());
    }
    return api.send(caller, endpoint.method(), path, body);
  }

  /** A window of one hour that no other request of this class uses. */
  private static JsonObject window() {
    Instant from = Instant.parse("2030-01-01T00:00:00Z").plus(HOURS.incrementAndGet(), ChronoUnit.HOURS);
    return new JsonObject().put("from", from.toString()).put("to", from.plus(1, ChronoUnit.HOURS).toString());
  }

  /**
   * The organisation's slug and station, with a new campaign in {@code status} (with one target and
   * one booked station) and a new reservation, made in the database so that rate limits stay out of
   * the way.
   */
  private Map<String, String> fresh(Map<String, String> org, String status) throws SQLException {
    Map<String, String> targets = new HashMap<>(org);
    try (Connection db = server.database()) {
      String campaign = insert(db, "INSERT INTO campaign (org_id, name, status) VALUES (?::uuid, ?, ?) RETURNING id",
          org.get("orgId"), "F " + UUID.randomUUID(), status);
      insert(db, "INSERT INTO campaign_target (campaign_id, norad_id) VALUES (?::uuid, 25544) RETURNING norad_id",
          campaign);
      JsonObject booking = window();
      targets.put("campaign", campaign);
      targets.put("assignment", insert(db, "INSERT INTO campaign_assignment (campaign_id, station_id, during)"
              + " VALUES (?::uuid, ?::uuid, tstzrange(?::timestamptz, ?::timestamptz, '[)')) RETURNING id",
          campaign, org.get("station"), booking.getString("from"), booking.getString("to")));
      JsonObject reserved = window();
      targets.put("reservation", insert(db, "INSERT INTO station_reservation (station_id, during)"
              + " VALUES (?::uuid, tstzrange(?::timestamptz, ?::timestamptz, '[)')) RETURNING id",
          org.get("station"), reserved.getString("from"), reserved.getString("to")));
    }
    return targets;
  }

  private static String insert(Connection db, String sql, String... values) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private Map<String, String> organisation(Caller owner) {
    JsonObject org = api.post(owner, "/api/orgs", new JsonObject().put("name", "Org " + System.nanoTime()))
        .expect(201).json();
    JsonObject station = api.post(owner, "/api/orgs/" + org.getString("slug") + "/stations",
        StationTest.roof("S " + UUID.randomUUID())).expect(201).json();
    IssuedSecrets.record(station.getString("apiKey"));
    Map<String, String> targets = new HashMap<>();
    targets.put("slug", org.getString("slug"));
    targets.put("orgId", org.getString("id"));
    targets.put("station", station.getString("id"));
    return targets;
  }

  private Caller member(Caller owner, String slug, String role) {
    Caller member = api.signIn(unique("member-" + role));
    String request = api.post(member, "/api/orgs/" + slug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", role)).expect(200);
    return member;
  }
}
