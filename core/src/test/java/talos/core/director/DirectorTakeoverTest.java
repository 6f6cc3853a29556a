package talos.core.director;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.bus.Addresses;
import talos.core.cluster.StationOwnership;
import talos.core.orbit.Site;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;
import talos.protocol.StationEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies that a station's session survives the node driving it: two clustered nodes share one
 * database, a stand-in for the gateway (on the node that stays) answers for the station, and the
 * node that owns the station and drives its manual track stops. The other node must take the
 * session over with a higher epoch and the same session, and drive the observation on.
 */
@Timeout(180)
class DirectorTakeoverTest {

  private static final int BASE_PORT = 15741;
  private static final Instant EPOCH = Instant.now();

  private final List<TestServer> servers = new ArrayList<>();
  private final List<JsonObject> sent = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (TestServer server : servers) {
      server.close();
    }
  }

  /** The surviving node resumes the session within seconds of the owner leaving the cluster. */
  @Test
  void theSurvivingNodeTakesTheSessionOver() throws Exception {
    String clusterName = "takeover-" + UUID.randomUUID();
    TestServer nodeA = start(clusterName, new JsonObject());
    TestServer nodeB = start(clusterName, new JsonObject()
        .put("DATABASE_URL", nodeA.databaseUrl())
        .put("TALOS_DATA_DIR", nodeA.dataDir().toString()));
    String idA = nodeA.node().context().cluster().nodeId();
    String idB = nodeB.node().context().cluster().nodeId();
    await().atMost(Duration.ofSeconds(20)).until(() ->
        nodeA.node().context().cluster().members().size() == 2);
    ApiClient api = nodeA.client();
    api.post(api.signIn(TestServer.ADMIN_EMAIL), "/api/catalogue/import", new JsonObject()
        .put("name", "iss-now.tle").put("content", FreshElements.issText(EPOCH))).expect(200);
    Caller operator = api.signIn("takeover-" + UUID.randomUUID().toString().substring(0, 8)
        + "@example.org");
    String slug = api.post(operator, "/api/orgs", new JsonObject()
        .put("name", "Takeover " + System.nanoTime())).expect(201).json().getString("slug");

    // GIVEN a station that node B owns, answered for by a stand-in gateway on node A
    Site site = FreshElements.siteUnderPass(EPOCH, Instant.now().plusSeconds(150), 3);
    String station = null;
    while (station == null) {
      JsonObject created = api.post(operator, "/api/orgs/" + slug + "/stations", new JsonObject()
              .put("name", "Roof " + UUID.randomUUID()).put("latitude", site.latitude())
              .put("longitude", site.longitude()).put("altitude", site.altitude()))
          .expect(201).json();
      IssuedSecrets.record(created.getString("apiKey"));
      if (idB.equals(StationOwnership.owner(created.getString("id"), List.of(idA, idB)))) {
        station = created.getString("id");
      }
    }
    standIn(nodeA.node().vertx().eventBus(), station);

    // AND a manual track that node B drives
    JsonObject session = api.post(operator, "/api/orgs/" + slug + "/stations/" + station
        + "/track", new JsonObject().put("norad", FreshElements.NORAD)).expect(202).json();
    assertThat(session.getString("drivenBy")).isEqualTo(idB);

    // WHEN node B stops
    servers.remove(nodeB);
    nodeB.close();
    Instant gone = Instant.now();

    // THEN node A starts the same session again with a higher epoch, soon after
    await().atMost(Duration.ofSeconds(15)).until(() -> starts().size() >= 2);
    Duration took = Duration.between(gone, Instant.now());
    JsonObject restart = starts().get(1);
    assertThat(restart.getString("session")).isEqualTo(session.getString("session"));
    assertThat(restart.getLong("epoch")).isGreaterThan(session.getLong("epoch"));
    assertThat(took).isLessThan(Duration.ofSeconds(10));

    // AND the setpoints carry the new epoch, and the observation names node A
    await().atMost(Duration.ofSeconds(5)).until(() -> sent.stream()
        .filter(message -> "cmd/rot".equals(message.getString("channel")))
        .anyMatch(message -> message.getJsonObject("payload").getLong("epoch")
            .equals(restart.getLong("epoch"))));
    JsonObject observation = api.get(operator, "/api/orgs/" + slug + "/observations/"
        + session.getString("observation")).expect(200).json();
    assertThat(observation.getString("outcome")).isEqualTo("tracking");
    assertThat(observation.getString("drivenBy")).isEqualTo(idA);
    assertThat(observation.getLong("epoch")).isEqualTo(restart.getLong("epoch"));
    assertThat(api.get(operator, "/api/orgs/" + slug + "/stations/" + station + "/status")
        .expect(200).json().getJsonObject("tracking").getString("drivenBy")).isEqualTo(idA);
  }

  private List<JsonObject> starts() {
    return sent.stream().filter(message -> "cmd/session".equals(message.getString("channel")))
        .map(message -> message.getJsonObject("payload"))
        .filter(payload -> "start".equals(payload.getString("action"))).toList();
  }

  /** Answers for the station as its gateway would, acknowledging every session command. */
  private void standIn(EventBus bus, String stationId) {
    JsonObject telemetry = new JsonObject().put("v", 1).put("t", Instant.now().toEpochMilli())
        .put("rotator", new JsonObject().put("az", 123.0).put("el", 45.0).put("moving", false));
    var state = bus.<JsonObject>consumer(Addresses.GATEWAY_STATE_PREFIX + stationId, message ->
        message.reply(new JsonObject().put("connected", true).put("node", "stand-in")
            .put("telemetry", telemetry)));
    var commands = bus.<JsonObject>consumer(Addresses.GATEWAY_STATION_PREFIX + stationId,
        message -> {
          sent.add(message.body());
          if (message.replyAddress() != null) {
            message.reply(new JsonObject());
          }
          if ("cmd/session".equals(message.body().getString("channel"))) {
            String command = message.body().getJsonObject("payload").getString("id");
            bus.publish(Addresses.STATION_EVENTS, new JsonObject().put("stationId", stationId)
                .put("event", StationEvent.ack(Instant.now(), command, "done").toJson()));
          }
        });
    await().until(() -> state.isRegistered() && commands.isRegistered());
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
}
