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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies authorisation on every organisation-scoped operation, for every role and from a foreign
 * organisation: outsiders get 404 exactly as for an organisation that does not exist, members whose
 * role is too low get 403, anonymous callers 401, and nobody reaches another organisation's
 * stations, members or requests through their own organisation's paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class AccessMatrixTest {

  /** An operation, with placeholders for the organisation's slug and a target in it. */
  private record Endpoint(String operationId, String method, String path, JsonObject body, boolean read) {

    String resolve(Map<String, String> targets) {
      String resolved = path;
      for (Map.Entry<String, String> target : targets.entrySet()) {
        resolved = resolved.replace("{" + target.getKey() + "}", target.getValue());
      }
      return resolved;
    }
  }

  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("getOrganisation", "GET", "/api/orgs/{slug}", null, true),
      new Endpoint("updateOrganisation", "PATCH", "/api/orgs/{slug}", new JsonObject().put("description", "x"), false),
      new Endpoint("listMembers", "GET", "/api/orgs/{slug}/members", null, true),
      new Endpoint("updateMember", "PATCH", "/api/orgs/{slug}/members/{member}",
          new JsonObject().put("role", "viewer"), false),
      new Endpoint("removeMember", "DELETE", "/api/orgs/{slug}/members/{member}", null, false),
      new Endpoint("listJoinRequests", "GET", "/api/orgs/{slug}/join-requests", null, false),
      new Endpoint("approveJoinRequest", "POST", "/api/orgs/{slug}/join-requests/{request}/approve",
          new JsonObject().put("role", "viewer"), false),
      new Endpoint("rejectJoinRequest", "POST", "/api/orgs/{slug}/join-requests/{request}/reject", null, false),
      new Endpoint("listStations", "GET", "/api/orgs/{slug}/stations", null, true),
      new Endpoint("createStation", "POST", "/api/orgs/{slug}/stations", StationTest.roof("Intruder"), false),
      new Endpoint("getStation", "GET", "/api/orgs/{slug}/stations/{station}", null, true),
      new Endpoint("updateStation", "PATCH", "/api/orgs/{slug}/stations/{station}",
          new JsonObject().put("altitude", 1), false),
      new Endpoint("deleteStation", "DELETE", "/api/orgs/{slug}/stations/{station}", null, false),
      new Endpoint("rotateStationKey", "POST", "/api/orgs/{slug}/stations/{station}/keys", null, false));

  private TestServer server;
  private ApiClient api;
  private final Map<String, Caller> callers = new java.util.LinkedHashMap<>();
  private Map<String, String> orgA;
  private Map<String, String> orgB;
  /** Further owners of organisation A, so that no one user's rate limits run out in this class. */
  private Caller foreignIdOwner;
  private Caller everythingOwner;

  @BeforeAll
  void setUp() {
    server = TestServer.start();
    api = server.client();
    Caller ownerA = api.signIn(unique("owner-a"));
    Caller ownerB = api.signIn(unique("owner-b"));
    orgA = organisation(ownerA, "a");
    orgB = organisation(ownerB, "b");
    callers.put("owner", ownerA);
    callers.put("operator", member(ownerA, orgA, "operator"));
    callers.put("viewer", member(ownerA, orgA, "viewer"));
    callers.put("outsider", ownerB);
    foreignIdOwner = member(ownerA, orgA, "owner");
    everythingOwner = member(ownerA, orgA, "owner");
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> testEveryOperationForEveryRoleOfTheOrganisation() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : ENDPOINTS) {
      for (Map.Entry<String, Caller> caller : callers.entrySet()) {
        if (caller.getKey().equals("owner")) {
          continue;
        }
        int expected = caller.getKey().equals("outsider") ? 404 : endpoint.read() ? 200 : 403;
        tests.add(DynamicTest.dynamicTest(endpoint.operationId() + " as " + caller.getKey() + " -> " + expected,
            () -> call(caller.getValue(), endpoint, orgA).expect(expected)));
      }
      tests.add(DynamicTest.dynamicTest(endpoint.operationId() + " anonymous -> 401",
          () -> call(Caller.ANONYMOUS, endpoint, orgA).expect(401)));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> testTheOwnerCannotReachAnotherOrganisationsThingsThroughTheirOwn() {
    Caller owner = foreignIdOwner;
    // the paths of organisation A, with the ids of organisation B's station, member and request
    Map<String, String> mixed = new java.util.HashMap<>(orgB);
    mixed.put("slug", orgA.get("slug"));
    return ENDPOINTS.stream()
        .filter(endpoint -> endpoint.path().contains("{station}") || endpoint.path().contains("{member}")
            || endpoint.path().contains("{request}"))
        .map(endpoint -> DynamicTest.dynamicTest(endpoint.operationId() + " with a foreign id -> 404",
            () -> call(owner, endpoint, mixed).expect(404)));
  }

  @TestFactory
  Stream<DynamicTest> testAForeignOrganisationLooksExactlyLikeOneThatDoesNotExist() {
    Caller outsider = callers.get("outsider");
    Map<String, String> missing = new java.util.HashMap<>(orgA);
    missing.put("slug", "no-such-org");
    return ENDPOINTS.stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.operationId(), () -> {
      Response foreign = call(outsider, endpoint, orgA).expect(404);
      Response absent = call(outsider, endpoint, missing).expect(404);
      assertThat(foreign.json().getString("detail").replace(orgA.get("slug"), "X"))
          .isEqualTo(absent.json().getString("detail").replace("no-such-org", "X"));
    }));
  }

  @TestFactory
  Stream<DynamicTest> testTheOwnerMayDoEverything() {
    Caller owner = callers.get("owner");
    return ENDPOINTS.stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.operationId(), () -> {
      // destructive operations get targets of their own
      Map<String, String> targets = new java.util.HashMap<>(orgA);
      targets.put("member", member(owner, orgA, "viewer").userId());
      targets.put("request", joinRequest(orgA));
      targets.put("station", station(owner, orgA.get("slug")));
      Response response = call(everythingOwner, endpoint, targets);
      assertThat(response.status()).as(endpoint.operationId() + ": " + response.body()).isBetween(200, 204);
    }));
  }

  private Response call(Caller caller, Endpoint endpoint, Map<String, String> targets) {
    JsonObject body = endpoint.body() == null ? null : endpoint.body().copy();
    if (body != null && body.containsKey("latitude")) {
      body.put("name", "Station " + UUID.randomUUID());
    }
    return api.send(caller, endpoint.method(), endpoint.resolve(targets), body);
  }

  private Map<String, String> organisation(Caller owner, String name) {
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Org " + name + " " + System.nanoTime()))
        .expect(201).json().getString("slug");
    Map<String, String> targets = new java.util.HashMap<>();
    targets.put("slug", slug);
    targets.put("station", station(owner, slug));
    targets.put("member", member(owner, Map.of("slug", slug), "viewer").userId());
    targets.put("request", joinRequest(Map.of("slug", slug)));
    return targets;
  }

  private String station(Caller owner, String slug) {
    JsonObject created = api.post(owner, "/api/orgs/" + slug + "/stations", StationTest.roof("S " + UUID.randomUUID()))
        .expect(201).json();
    IssuedSecrets.record(created.getString("apiKey"));
    return created.getString("id");
  }

  private Caller member(Caller owner, Map<String, String> org, String role) {
    Caller member = api.signIn(unique("member-" + role));
    String request = api.post(member, "/api/orgs/" + org.get("slug") + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(owner, "/api/orgs/" + org.get("slug") + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", role)).expect(200);
    return member;
  }

  private String joinRequest(Map<String, String> org) {
    Caller applicant = api.signIn(unique("applicant"));
    return api.post(applicant, "/api/orgs/" + org.get("slug") + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
  }
}
