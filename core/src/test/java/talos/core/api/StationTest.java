package talos.core.api;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
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
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies stations: registration with validated geometry, a key shown once and stored as an
 * Argon2id hash, key checks over the bus, and rotation that ends the old key at once.
 */
@Timeout(120)
class StationTest extends ServerTest {

  private Caller owner;
  private String stations;

  @BeforeEach
  void createOrganisation() {
    owner = api.signIn(unique("station-owner"));
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Stations " + System.nanoTime()))
        .expect(201).json().getString("slug");
    stations = "/api/orgs/" + slug + "/stations";
  }

  @Test
  void testAStationIsRegisteredWithItsKeyShownOnce() throws Exception {
    JsonObject created = api.post(owner, stations, roof("Roof <em>North</em>")).expect(201).json();
    String key = created.getString("apiKey");
    IssuedSecrets.record(key);

    assertThat(created.getString("name")).isEqualTo("Roof North");
    assertThat(key).startsWith("tsk_").hasSize(47);
    assertThat(created.getJsonArray("horizonMask").getJsonObject(0).getDouble("azimuth")).isZero();
    String path = stations + "/" + created.getString("id");
    assertThat(api.get(owner, path).expect(200).body()).doesNotContain(key).doesNotContain("argon2");
    assertThat(api.get(owner, stations).expect(200).body()).doesNotContain(key).doesNotContain("argon2");
    try (Connection db = server.database(); ResultSet rows = db.createStatement()
        .executeQuery("SELECT key_hash FROM station WHERE id = '" + created.getString("id") + "'")) {
      rows.next();
      assertThat(rows.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(key);
    }
  }

  @Test
  void testTheKeyIsCheckedAndRotationEndsTheOldKeyAtOnce() throws Exception {
    JsonObject created = api.post(owner, stations, roof("Dish")).expect(201).json();
    String id = created.getString("id");
    String oldKey = created.getString("apiKey");
    IssuedSecrets.record(oldKey);

    assertThat(verify(id, oldKey).getString("stationId")).isEqualTo(id);
    // a second check is served from the cache, and still right
    assertThat(verify(id, oldKey).getString("name")).isEqualTo("Dish");

    String newKey = api.post(owner, stations + "/" + id + "/keys", null).expect(200).json().getString("apiKey");
    IssuedSecrets.record(newKey);

    assertThat(newKey).isNotEqualTo(oldKey);
    assertRejected(id, oldKey);
    assertThat(verify(id, newKey).getString("stationId")).isEqualTo(id);
  }

  @Test
  void testWrongKeysAndUnknownStationsAreRejectedAlike() throws Exception {
    JsonObject created = api.post(owner, stations, roof("Mast")).expect(201).json();
    IssuedSecrets.record(created.getString("apiKey"));

    assertRejected(created.getString("id"), "tsk_" + "A".repeat(43));
    assertRejected(created.getString("id"), "not a key");
    assertRejected("8a5e1f0e-0000-4000-8000-000000000000", created.getString("apiKey"));
    assertRejected("not-a-uuid", created.getString("apiKey"));
  }

  @Test
  void testADeletedStationsKeyStopsWorking() throws Exception {
    JsonObject created = api.post(owner, stations, roof("Temporary")).expect(201).json();
    IssuedSecrets.record(created.getString("apiKey"));

    api.delete(owner, stations + "/" + created.getString("id")).expect(204);

    assertRejected(created.getString("id"), created.getString("apiKey"));
    api.get(owner, stations + "/" + created.getString("id")).expect(404);
  }

  @Test
  void testGeometryOutsideItsRangesIsRefusedNamingTheField() {
    Response latitude = api.post(owner, stations, roof("Bad").put("latitude", 91)).expect(400);
    Response altitude = api.post(owner, stations, roof("Bad").put("altitude", -600)).expect(400);
    Response mask = api.post(owner, stations, roof("Bad").put("horizonMask", new JsonArray()
        .add(new JsonObject().put("azimuth", 10).put("elevation", 2))
        .add(new JsonObject().put("azimuth", 10).put("elevation", 5)))).expect(400);
    Response rotator = api.post(owner, stations, roof("Bad").put("rotator", new JsonObject()
        .put("azimuth", new JsonObject().put("min", 450).put("max", 0))
        .put("elevation", new JsonObject().put("min", 0).put("max", 90)))).expect(400);

    assertThat(latitude.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/latitude");
    assertThat(altitude.json().getString("detail")).contains("/altitude");
    assertThat(mask.json().getString("detail")).isEqualTo(
        "horizonMask: 'azimuth 10.0° twice' is not allowed; allowed: one minimum elevation per azimuth");
    assertThat(rotator.json().getString("detail")).isEqualTo(
        "rotator.azimuth: 'min 450.0° to max 0.0°' is not allowed; allowed: a minimum below the maximum");
  }

  @Test
  void testAStationIsUpdatedAndNamesAreUniquePerOrganisation() {
    JsonObject first = api.post(owner, stations, roof("Alpha")).expect(201).json();
    JsonObject second = api.post(owner, stations, roof("Beta")).expect(201).json();
    IssuedSecrets.record(first.getString("apiKey"));
    IssuedSecrets.record(second.getString("apiKey"));

    api.post(owner, stations, roof("Alpha")).expect(409);
    api.patch(owner, stations + "/" + second.getString("id"), new JsonObject().put("name", "Alpha")).expect(409);
    JsonObject moved = api.patch(owner, stations + "/" + first.getString("id"),
        new JsonObject().put("latitude", -33.9).putNull("rotator")).expect(200).json();

    assertThat(moved.getDouble("latitude")).isEqualTo(-33.9);
    assertThat(moved.getValue("rotator")).isNull();
    assertThat(moved.getString("name")).isEqualTo("Alpha");
    api.patch(owner, stations + "/" + first.getString("id"), new JsonObject()).expect(400);
    api.get(owner, stations + "/not-a-uuid").expect(400);
  }

  private JsonObject verify(String stationId, String key) throws Exception {
    Vertx vertx = server.node().vertx();
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_STATION_VERIFY,
            new JsonObject().put("stationId", stationId).put("key", key))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
  }

  private void assertRejected(String stationId, String key) {
    assertThatThrownBy(() -> verify(stationId, key))
        .hasCauseInstanceOf(ReplyException.class)
        .cause().satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(401))
        .hasMessage("unknown station or wrong key");
  }

  static JsonObject roof(String name) {
    return new JsonObject()
        .put("name", name)
        .put("latitude", 52.52)
        .put("longitude", 13.40)
        .put("altitude", 48)
        .put("horizonMask", new JsonArray()
            .add(new JsonObject().put("azimuth", 180).put("elevation", 12))
            .add(new JsonObject().put("azimuth", 0).put("elevation", 3)))
        .put("rotator", new JsonObject()
            .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
            .put("elevation", new JsonObject().put("min", 0).put("max", 180))
            .put("azimuthSpeed", 6)
            .put("elevationSpeed", 3));
  }
}
