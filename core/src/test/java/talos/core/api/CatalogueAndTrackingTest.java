package talos.core.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerTest;
import talos.core.support.TestServer;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies the catalogue and tracking operations over HTTP: the built-in sample, search and detail,
 * the administrator's import with its report, passes and pointing for an organisation's station
 * (and nobody else's), Doppler-corrected frequencies, and the public tracker.
 */
@org.junit.jupiter.api.Timeout(120)
class CatalogueAndTrackingTest extends ServerTest {

  private static final String ISS_LINE_1 = "1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991";

  @Test
  void testAFreshServerServesTheBuiltInSampleCatalogue() {
    Caller user = api.signIn(unique("viewer"));

    JsonObject status = api.get(user, "/api/catalogue").expect(200).json();
    JsonArray found = api.get(user, "/api/satellites?q=zarya").expect(200).json().getJsonArray("satellites");
    JsonObject iss = api.get(user, "/api/satellites/25544").expect(200).json();

    assertThat(status.getInteger("satellites")).isGreaterThanOrEqualTo(52);
    assertThat(status.getString("lastSource")).isEqualTo("sample");
    assertThat(found).singleElement().satisfies(entry ->
        assertThat(((JsonObject) entry).getInteger("noradId")).isEqualTo(25544));
    assertThat(iss.getJsonObject("tle").getString("line1")).isEqualTo(ISS_LINE_1);
    assertThat(iss.getJsonArray("transmitters").stream().map(JsonObject.class::cast))
        .as("the sample brings its satellites' transmitters, so radios can be tuned offline")
        .anySatisfy(aprs -> {
          assertThat(aprs.getString("id")).isEqualTo("sample-25544-1");
          assertThat(aprs.getLong("downlinkLow")).isEqualTo(145_825_000L);
          assertThat(aprs.getString("mode")).isEqualTo("AFSK");
          assertThat(aprs.getString("status")).isEqualTo("active");
        });
    assertThat(api.get(user, "/api/satellites?q=25544").expect(200).json().getJsonArray("satellites")).hasSize(1);
    api.get(user, "/api/satellites/99999").expect(404);
    api.get(Caller.ANONYMOUS, "/api/satellites?q=iss").expect(401);
  }

  @Test
  void testOnlyTheAdministratorImportsAndTheReportNamesEachRejectedLine() {
    Caller user = api.signIn(unique("not-admin"));
    Caller admin = api.signIn(TestServer.ADMIN_EMAIL);
    String text = "CALSPHERE 1\n"
        + "1 00900U 64063C   26078.25058051  .00000586  00000+0  58848-3 0  9991\n"
        + "2 00900  90.2170  69.6682 0024457 200.0471 222.5878 13.76510242 59057\n"
        + "BROKEN\n"
        + "1 00902U 64063E   26078.31946829  .00000056  00000+0  69920-4 0  9994\n"
        + "2 00902  90.2289  73.6573 0020221 124.7791 302.6098 13.52892581844112\n";
    JsonObject upload = new JsonObject().put("name", "test.tle").put("content", text);

    api.post(user, "/api/catalogue/import", upload).expect(403);
    JsonObject report = api.post(admin, "/api/catalogue/import", upload).expect(200).json();
    Response sync = api.post(admin, "/api/catalogue/sync", null).expect(503);

    assertThat(report.getInteger("accepted")).isOne();
    assertThat(report.getInteger("rejected")).isOne();
    assertThat(report.getJsonArray("rejectedEntries").encode()).contains("BROKEN").contains("line 5");
    assertThat(api.get(user, "/api/satellites/900").expect(200).json().getString("name")).isEqualTo("CALSPHERE 1");
    assertThat(sync.json().getString("detail")).contains("TALOS_CATALOGUE_SOURCES");
  }

  @Test
  void testPassesAndPointingAreServedForTheOrganisationsOwnStationsOnly() throws Exception {
    Caller owner = api.signIn(unique("tracker"));
    Caller outsider = api.signIn(unique("outsider"));
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Trackers " + System.nanoTime()))
        .expect(201).json().getString("slug");
    JsonObject station = api.post(owner, "/api/orgs/" + slug + "/stations", StationTest.roof("Berlin roof"))
        .expect(201).json();
    IssuedSecrets.record(station.getString("apiKey"));
    String base = "/api/orgs/" + slug + "/stations/" + station.getString("id");
    try (Connection db = server.database()) {
      db.createStatement().execute("INSERT INTO transmitter (id, norad_id, description, downlink_low, uplink_low, mode,"
          + " status, source) VALUES ('iss-fm', 25544, 'FM voice', 437800000, 145990000, 'FM', 'active', 'test')");
    }

    JsonArray passes = api.get(owner, base + "/passes?noradId=25544&from=2026-03-19T00:00:00Z&hours=24")
        .expect(200).json().getJsonArray("passes");
    JsonObject look = api.get(owner, base + "/track/25544?at=2026-03-19T15:46:37Z").expect(200).json();

    assertThat(passes).isNotEmpty();
    assertThat(look.getDouble("elevation")).isPositive();
    JsonObject fm = look.getJsonArray("transmitters").stream().map(JsonObject.class::cast)
        .filter(transmitter -> transmitter.getString("id").equals("iss-fm")).findFirst().orElseThrow();
    double expected = 437_800_000 * 299_792_458.0 / (299_792_458.0 + look.getDouble("rangeRate"));
    assertThat(fm.getDouble("downlinkCorrected")).isCloseTo(expected, within(0.01));
    assertThat(fm.getDouble("uplinkCorrected")).isNotNull();
    api.get(outsider, base + "/passes?noradId=25544").expect(404);
    api.get(outsider, base + "/track/25544").expect(404);
    api.get(owner, base + "/passes?noradId=25544&hours=500").expect(400);
    api.get(owner, base + "/track/25544?at=yesterday").expect(400);
  }

  @Test
  void testMagicFindNamesTheSatelliteBehindAHeardSignal() {
    Caller user = api.signIn(unique("listener"));
    JsonObject look = api.get(Caller.ANONYMOUS,
        "/api/public/satellites/25544?latitude=52.52&longitude=13.405&altitude=34&at=2026-03-19T15:44:00Z")
        .expect(200).json();
    double heard = 145_825_000 * 299_792_458.0 / (299_792_458.0 + look.getDouble("rangeRate"));
    JsonObject observation = new JsonObject().put("latitude", 52.52).put("longitude", 13.405).put("altitude", 34)
        .put("at", "2026-03-19T15:44:00Z").put("frequency", heard).put("frequencyTolerance", 500)
        .put("azimuth", look.getDouble("azimuth")).put("elevation", look.getDouble("elevation"));

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonObject found = api.post(user, "/api/magic-find", observation).expect(200).json();
      assertThat(found.getJsonArray("matches")).isNotEmpty();
      JsonObject best = found.getJsonArray("matches").getJsonObject(0);
      assertThat(best.getInteger("noradId")).isEqualTo(25544);
      assertThat(best.getString("transmitterId")).isEqualTo("sample-25544-1");
      assertThat(best.getDouble("frequencyError")).isLessThan(1.0);
    });
    api.post(user, "/api/magic-find", observation.copy().put("frequency", -1)).expect(400);
    api.post(Caller.ANONYMOUS, "/api/magic-find", observation).expect(401);
  }

  @Test
  void testThePublicTrackerNeedsNoSignInButValidCoordinates() {
    JsonObject tracked = api.get(Caller.ANONYMOUS,
        "/api/public/satellites/25544?latitude=52.52&longitude=13.40&at=2026-03-19T12:00:00Z").expect(200).json();

    assertThat(tracked.getString("name")).isEqualTo("ISS (ZARYA)");
    assertThat(tracked.getDouble("altitude")).isBetween(400_000.0, 450_000.0);
    assertThat(tracked.getJsonArray("passes")).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    api.get(Caller.ANONYMOUS, "/api/public/satellites/25544?latitude=95&longitude=0").expect(400);
    api.get(Caller.ANONYMOUS, "/api/public/satellites/25544?longitude=0").expect(400);
    api.get(Caller.ANONYMOUS, "/api/public/satellites/99999?latitude=0&longitude=0").expect(404);
  }
}
