package talos.core.cluster;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that the database, not a node, keeps bookings apart: two clustered nodes on one database
 * each receive one of two overlapping assignments of a station at the same moment, and every time
 * exactly one is accepted while the other is refused naming the booking that won.
 */
@Timeout(180)
class ConcurrentBookingTest {

  private static final int BASE_PORT = 15721;
  private static final int ROUNDS = 5;

  private final List<TestServer> servers = new ArrayList<>();
  private final ExecutorService senders = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() throws Exception {
    senders.shutdownNow();
    for (TestServer server : servers) {
      server.close();
    }
  }

  @Test
  void testOnlyOneOfTwoOverlappingBookingsMadeAtOnceOnTwoNodesIsAccepted() throws Exception {
    String clusterName = "test-" + UUID.randomUUID();
    TestServer nodeA = start(clusterName, new JsonObject());
    TestServer nodeB = start(clusterName, new JsonObject()
        .put("DATABASE_URL", nodeA.databaseUrl())
        .put("TALOS_DATA_DIR", nodeA.dataDir().toString()));
    ApiClient apiA = nodeA.client();
    ApiClient apiB = nodeB.client();
    Caller owner = apiA.signIn("booker-" + UUID.randomUUID() + "@example.org");
    String slug = apiA.post(owner, "/api/orgs", new JsonObject().put("name", "Bookers " + System.nanoTime()))
        .expect(201).json().getString("slug");
    JsonObject station = apiA.post(owner, "/api/orgs/" + slug + "/stations",
        new JsonObject().put("name", "Shared dish").put("latitude", 48.1).put("longitude", 11.6)
            .put("altitude", 520))
        .expect(201).json();
    IssuedSecrets.record(station.getString("apiKey"));
    String campaigns = "/api/orgs/" + slug + "/campaigns";
    String first = apiA.post(owner, campaigns, new JsonObject().put("name", "North")).expect(201).json()
        .getString("id");
    String second = apiB.post(owner, campaigns, new JsonObject().put("name", "South")).expect(201).json()
        .getString("id");

    for (int round = 0; round < ROUNDS; round++) {
      String day = "2026-05-" + (10 + round);
      JsonObject northBooking = booking(station.getString("id"), day + "T10:00:00Z", day + "T12:00:00Z");
      JsonObject southBooking = booking(station.getString("id"), day + "T11:00:00Z", day + "T13:00:00Z");
      CyclicBarrier together = new CyclicBarrier(2);

      CompletableFuture<Response> north = CompletableFuture.supplyAsync(() -> atOnce(together,
          () -> apiA.post(owner, campaigns + "/" + first + "/assignments", northBooking)), senders);
      CompletableFuture<Response> south = CompletableFuture.supplyAsync(() -> atOnce(together,
          () -> apiB.post(owner, campaigns + "/" + second + "/assignments", southBooking)), senders);
      List<Response> answers = List.of(north.get(30, TimeUnit.SECONDS), south.get(30, TimeUnit.SECONDS));

      assertThat(answers).extracting(Response::status).as("round %d: %s", round, answers.stream()
          .map(Response::body).toList()).containsExactlyInAnyOrder(201, 409);
      Response refused = answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow();
      String winner = answers.get(0).status() == 201 ? "North" : "South";
      assertThat(refused.json().getString("detail")).contains("is already booked by campaign '" + winner + "'");
      assertThat(bookings(nodeA, station.getString("id"), day)).isEqualTo(1);
    }
  }

  private TestServer start(String clusterName, JsonObject overrides) {
    TestServer server = TestServer.start(new JsonObject()
        .put("TALOS_CLUSTER", "true")
        .put("TALOS_CLUSTER_NAME", clusterName)
        .put("TALOS_CLUSTER_HOST", "127.0.0.1")
        .put("TALOS_CLUSTER_PORT", String.valueOf(BASE_PORT))
        .put("TALOS_CLUSTER_MEMBERS", "127.0.0.1:" + BASE_PORT + ",127.0.0.1:" + (BASE_PORT + 1))
        .mergeIn(overrides));
    servers.add(server);
    return server;
  }

  private static JsonObject booking(String stationId, String from, String to) {
    return new JsonObject().put("stationId", stationId).put("from", from).put("to", to);
  }

  /** Waits until the other sender is ready too, then sends. */
  private static Response atOnce(CyclicBarrier together, Supplier<Response> send) {
    try {
      together.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other sender never came", e);
    }
    return send.get();
  }

  private static int bookings(TestServer server, String stationId, String day) throws Exception {
    try (Connection db = server.database(); PreparedStatement query = db.prepareStatement(
        "SELECT count(*) FROM campaign_assignment WHERE station_id = ?::uuid"
            + " AND during && tstzrange(?::timestamptz, ?::timestamptz)")) {
      query.setString(1, stationId);
      query.setString(2, day + "T00:00:00Z");
      query.setString(3, day + "T23:59:59Z");
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
