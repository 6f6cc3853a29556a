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
 * the station starts tracking a satellite from the catalogue by itself, and its simulated rotator
 * moves.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoTest {

  private TestServer server;
  private ApiClient api;

  @BeforeAll
  void startADemoServer() {
    server = TestServer.start(new JsonObject().put("TALOS_DEMO", "true"));
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
}
