package talos.core.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.TestServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the demo a newcomer starts with {@code --demo}: its owner sees the demo station online,
 * the station starts tracking a satellite from the catalogue by itself, its simulated rotator
 * moves, and the frames its simulated radio receives are stored and shown live. The catalogue holds
 * a satellite with a downlink passing over the demo station now ({@link DemoPassNow}), so the
 * frames come at once.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoTest {

  private TestServer server;
  private ApiClient api;

  @BeforeAll
  void startADemoServer() {
    server = DemoPassNow.start(new JsonObject());
    api = server.client();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  /** Within a minute the demo station is online, tracking, and its rotator is on the move. */
  @Test
  void theDemoStationTracksBySelf() {
    Caller owner = api.signIn(DemoStation.OWNER_EMAIL);
    JsonArray stations = api.get(owner, "/api/orgs/demo/stations").expect(200).json()
        .getJsonArray("stations");
    assertThat(stations).hasSize(1);
    String status = "/api/orgs/demo/stations/" + stations.getJsonObject(0).getString("id")
        + "/status";

    JsonObject tracking = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> api.get(owner, status).expect(200).json(),
            view -> view.getBoolean("online") && view.getValue("tracking") != null);

    assertThat(tracking.getJsonObject("tracking").getString("phase"))
        .isIn("pre-positioning", "tracking");
    JsonObject first = tracking.getJsonObject("measured");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      JsonObject now = api.get(owner, status).expect(200).json().getJsonObject("measured");
      return now != null && (first == null
          || Math.abs(now.getDouble("azimuth") - first.getDouble("azimuth")) > 0.5
          || Math.abs(now.getDouble("elevation") - first.getDouble("elevation")) > 0.5);
    });
  }

  /**
   * The demo organisation has one live destination for every frame; the demo station tracks the
   * satellite with a downlink and the frames it receives are stored and sent to the live feed.
   */
  @Test
  void theDemoStationsFramesAreStoredAndShownLive() {
    // GIVEN the demo's owner
    Caller owner = api.signIn(DemoStation.OWNER_EMAIL);
    String stationId = api.get(owner, "/api/orgs/demo/stations").expect(200).json()
        .getJsonArray("stations").getJsonObject(0).getString("id");

    // THEN the organisation has its live destination, once
    JsonArray destinations = api.get(owner, "/api/orgs/demo/destinations").expect(200).json()
        .getJsonArray("destinations");
    assertThat(destinations).hasSize(1);
    JsonObject live = destinations.getJsonObject(0);
    assertThat(live.getString("kind")).isEqualTo("live");
    assertThat(live.getBoolean("allFrames")).isTrue();

    // AND the station tracks the satellite with a downlink, with a transmitter to tune to
    JsonObject tracking = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> api.get(owner, "/api/orgs/demo/stations/" + stationId + "/status").expect(200)
            .json().getJsonObject("tracking"), session -> session != null);
    assertThat(tracking.getInteger("noradId")).isEqualTo(DemoPassNow.NORAD);
    assertThat(tracking.getJsonObject("transmitter")).isNotNull();

    // WHEN the pass goes on, THEN its frames are stored, received by the demo station
    JsonArray frames = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> api.get(owner, "/api/orgs/demo/frames?limit=10").expect(200).json()
            .getJsonArray("frames"), list -> !list.isEmpty());
    JsonObject frame = frames.getJsonObject(0);
    assertThat(frame.getInteger("noradId")).isEqualTo(DemoPassNow.NORAD);
    assertThat(frame.getInteger("size")).isPositive();
    assertThat(frame.getJsonArray("receptions").getJsonObject(0).getString("stationId"))
        .isEqualTo(stationId);

    // AND the live destination counts the frames it put on the live feed
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> api.get(owner, "/api/orgs/demo/destinations/" + live.getString("id"))
            .expect(200).json().getJsonObject("stats").getLong("sent", 0L) > 0);
  }
}
