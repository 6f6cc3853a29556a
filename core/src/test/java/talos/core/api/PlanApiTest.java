package talos.core.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient.Caller;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerTest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies the plan API's window and access: members read a station's and a campaign's plan,
 * a window that is not made of instants, runs backwards or is longer than 7 days is refused
 * naming the parameter, and stations and campaigns of other organisations do not exist.
 */
@Timeout(120)
class PlanApiTest extends ServerTest {

  private Caller owner;
  private String slug;
  private String station;
  private String campaign;

  @BeforeEach
  void createOrganisationWithAStationAndACampaign() {
    owner = api.signIn(unique("plan-owner"));
    slug = organisation(owner);
    station = station(owner, slug);
    campaign = api.post(owner, "/api/orgs/" + slug + "/campaigns",
        new JsonObject().put("name", "Plan")).expect(201).json().getString("id");
  }

  /** Without a window the plan covers the planning horizon from now; it names what it covers. */
  @Test
  void thePlanOfAStationAndOfACampaignCoverTheHorizonByDefault() {
    Instant before = Instant.now();
    JsonObject stationPlan = api.get(owner, stationPlan("")).expect(200).json();
    JsonObject campaignPlan = api.get(owner, campaignPlan("?from=2026-03-19T00:00:00Z"))
        .expect(200).json();

    assertThat(stationPlan.getString("stationId")).isEqualTo(station);
    assertThat(stationPlan.getJsonArray("passes")).isEmpty();
    assertThat(Instant.parse(stationPlan.getString("from"))).isAfterOrEqualTo(before);
    assertThat(Duration.between(Instant.parse(stationPlan.getString("from")),
        Instant.parse(stationPlan.getString("to")))).isEqualTo(Duration.ofHours(48));
    assertThat(campaignPlan.getString("campaignId")).isEqualTo(campaign);
    assertThat(campaignPlan.getString("from")).isEqualTo("2026-03-19T00:00:00Z");
    assertThat(campaignPlan.getString("to")).isEqualTo("2026-03-21T00:00:00Z");
  }

  /** A bad window is refused with 400 naming the parameter, its value and what is allowed. */
  @Test
  void aBadWindowIsRefusedNamingTheParameter() {
    assertThat(detail(stationPlan("?from=yesterday"))).isEqualTo("from: 'yesterday' is not"
        + " allowed; allowed: an ISO-8601 instant such as 2026-03-19T12:00:00Z");
    assertThat(detail(campaignPlan("?to=2026-13-01T00:00:00Z"))).isEqualTo("to:"
        + " '2026-13-01T00:00:00Z' is not allowed; allowed: an ISO-8601 instant such as"
        + " 2026-03-19T12:00:00Z");
    assertThat(detail(stationPlan("?from=2026-03-20T00:00:00Z&to=2026-03-19T00:00:00Z")))
        .isEqualTo("to: '2026-03-19T00:00:00Z' is not allowed; allowed: an instant after from"
            + " (2026-03-20T00:00:00Z)");
    assertThat(detail(stationPlan("?from=2026-03-20T00:00:00Z&to=2026-03-20T00:00:00Z")))
        .startsWith("to: '2026-03-20T00:00:00Z' is not allowed; allowed: an instant after from");
    assertThat(detail(campaignPlan("?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:01Z")))
        .isEqualTo("to: '2026-03-08T00:00:01Z' is not allowed; allowed: at most 7 days after"
            + " from (2026-03-01T00:00:00Z)");
    api.get(owner, campaignPlan("?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z"))
        .expect(200);
  }

  /** Viewers read the plan; operators refresh it, viewers may not. */
  @Test
  void viewersReadThePlanAndOperatorsRefreshIt() {
    Caller viewer = member("viewer");
    Caller operator = member("operator");

    api.get(viewer, stationPlan("")).expect(200);
    api.get(viewer, campaignPlan("")).expect(200);
    api.post(viewer, "/api/orgs/" + slug + "/plan/refresh", null).expect(403);
    JsonObject refreshed = api.post(operator, "/api/orgs/" + slug + "/plan/refresh", null)
        .expect(200).json();

    assertThat(refreshed.getJsonArray("stations")).containsExactly(station);
    assertThat(refreshed.getInteger("planned")).isZero();
  }

  /** Another organisation's station and campaign look exactly like ones that do not exist. */
  @Test
  void anotherOrganisationsPlanDoesNotExist() {
    Caller stranger = api.signIn(unique("plan-stranger"));
    String foreignSlug = organisation(stranger);
    String foreignStation = station(stranger, foreignSlug);
    String unknown = UUID.randomUUID().toString();

    api.get(stranger, stationPlan("")).expect(404);
    api.get(stranger, campaignPlan("")).expect(404);
    assertThat(api.get(owner, "/api/orgs/" + slug + "/stations/" + foreignStation + "/plan")
        .expect(404).json().getString("detail"))
        .isEqualTo("station '" + foreignStation + "' does not exist");
    assertThat(api.get(owner, "/api/orgs/" + slug + "/campaigns/" + unknown + "/plan")
        .expect(404).json().getString("detail"))
        .isEqualTo("campaign '" + unknown + "' does not exist");
    api.get(Caller.ANONYMOUS, stationPlan("")).expect(401);
  }

  private String stationPlan(String query) {
    return "/api/orgs/" + slug + "/stations/" + station + "/plan" + query;
  }

  private String campaignPlan(String query) {
    return "/api/orgs/" + slug + "/campaigns/" + campaign + "/plan" + query;
  }

  private String detail(String path) {
    return api.get(owner, path).expect(400).json().getString("detail");
  }

  private String organisation(Caller caller) {
    return api.post(caller, "/api/orgs", new JsonObject().put("name", "Plans " + System.nanoTime()))
        .expect(201).json().getString("slug");
  }

  private String station(Caller caller, String orgSlug) {
    JsonObject created = api.post(caller, "/api/orgs/" + orgSlug + "/stations",
        StationTest.roof("Roof")).expect(201).json();
    IssuedSecrets.record(created.getString("apiKey"));
    return created.getString("id");
  }

  private Caller member(String role) {
    Caller member = api.signIn(unique("plan-" + role));
    String request = api.post(member, "/api/orgs/" + slug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", role)).expect(200);
    return member;
  }
}
