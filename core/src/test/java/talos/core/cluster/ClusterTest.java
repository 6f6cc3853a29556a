package talos.core.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import talos.core.CoreNode;
import talos.core.security.RateLimit;
import talos.core.support.TestConfigs;
import talos.core.support.TestDatabase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that two clustered nodes on loopback form one cluster: a request made on one node is
 * answered by a feature that runs only on the other, and both report two members when ready.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120_000)
class ClusterTest {

  private static final int BASE_PORT = 15701;

  private final List<CoreNode> nodes = new ArrayList<>();

  @TempDir
  Path dataDirs;

  @AfterEach
  void stopNodes(VertxTestContext test) {
    Future.join(nodes.stream().map(CoreNode::stop).toList()).onComplete(test.succeedingThenComplete());
  }

  @Test
  void testARequestOnNodeAIsAnsweredByTheFeatureOnNodeB(Vertx vertx, VertxTestContext test) {
    String databaseUrl = TestDatabase.newDatabaseUrl();
    String clusterName = "test-" + UUID.randomUUID();

    start(databaseUrl, clusterName, "http")
        .compose(nodeA -> start(databaseUrl, clusterName, "http,node").map(nodeB -> List.of(nodeA, nodeB)))
        .compose(both -> Future.all(
                get(vertx, both.get(0), "/api/node"),
                get(vertx, both.get(0), "/health/ready"),
                get(vertx, both.get(1), "/health/ready"))
            .map(responses -> {
              test.verify(() -> {
                HttpResponse<Buffer> info = responses.resultAt(0);
                assertThat(info.statusCode()).as(info.bodyAsString()).isEqualTo(200);
                assertThat(info.bodyAsJsonObject().getString("nodeId"))
                    .isEqualTo(both.get(1).context().cluster().nodeId())
                    .isNotEqualTo(both.get(0).context().cluster().nodeId());
                assertThat(info.bodyAsJsonObject().getBoolean("clustered")).isTrue();
                assertTwoMembers(responses.resultAt(1));
                assertTwoMembers(responses.resultAt(2));
              });
              return null;
            }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void testANodeThatRunsTheFeatureAnswersItsOwnRequests(Vertx vertx, VertxTestContext test) {
    String databaseUrl = TestDatabase.newDatabaseUrl();
    String clusterName = "test-" + UUID.randomUUID();
    List<String> answeredBy = new ArrayList<>();

    start(databaseUrl, clusterName, "http,node")
        .compose(nodeA -> start(databaseUrl, clusterName, "http,node").map(nodeB -> List.of(nodeA, nodeB)))
        .compose(both -> {
          Future<Void> chain = Future.succeededFuture();
          for (int i = 0; i < 6; i++) {
            chain = chain.compose(ignored -> get(vertx, both.get(0), "/api/node").map(response -> {
              answeredBy.add(response.bodyAsJsonObject().getString("nodeId"));
              return null;
            }));
          }
          return chain.map(both.get(0).context().cluster().nodeId());
        })
        .onComplete(test.succeeding(nodeA -> test.verify(() -> {
          assertThat(answeredBy).as("never sent round the cluster while node A can answer")
              .hasSize(6).containsOnly(nodeA);
          test.completeNow();
        })));
  }

  @Test
  void testRateLimitsAreSharedByTheNodesOfACluster(Vertx vertx, VertxTestContext test) {
    String databaseUrl = TestDatabase.newDatabaseUrl();
    String clusterName = "test-" + UUID.randomUUID();
    JsonObject login = new JsonObject().put("email", "shared-" + UUID.randomUUID() + "@example.org");
    List<Integer> statuses = new ArrayList<>();

    start(databaseUrl, clusterName, "node,auth,http")
        .compose(nodeA -> start(databaseUrl, clusterName, "node,auth,http").map(nodeB -> List.of(nodeA, nodeB)))
        .compose(both -> {
          // alternate between the nodes: the per-address limit allows five in all, wherever they land
          Future<Void> chain = Future.succeededFuture();
          for (int i = 0; i <= RateLimit.LOGIN_PER_EMAIL.requests(); i++) {
            CoreNode node = both.get(i % 2);
            chain = chain.compose(ignored -> WebClient.create(vertx)
                .post(node.httpPort(), "127.0.0.1", "/auth/login")
                .sendJsonObject(login)
                .map(response -> {
                  statuses.add(response.statusCode());
                  return null;
                }));
          }
          return chain;
        })
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertThat(statuses).containsExactly(202, 202, 202, 202, 202, 429);
          test.completeNow();
        })));
  }

  private Future<CoreNode> start(String databaseUrl, String clusterName, String features) {
    return CoreNode.start(TestConfigs.node(new JsonObject()
            .put("DATABASE_URL", databaseUrl)
            .put("TALOS_FEATURES", features)
            .put("TALOS_CLUSTER", "true")
            .put("TALOS_CLUSTER_NAME", clusterName)
            .put("TALOS_CLUSTER_HOST", "127.0.0.1")
            .put("TALOS_CLUSTER_PORT", String.valueOf(BASE_PORT))
            .put("TALOS_CLUSTER_MEMBERS", "127.0.0.1:" + BASE_PORT + ",127.0.0.1:" + (BASE_PORT + 1))
            .put("TALOS_DATA_DIR", dataDirs.resolve(UUID.randomUUID().toString()).toString())))
        .onSuccess(nodes::add);
  }

  private static void assertTwoMembers(HttpResponse<Buffer> ready) {
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    JsonObject cluster = ready.bodyAsJsonObject().getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(check -> check.getString("id").equals("cluster"))
        .findFirst().orElseThrow();
    assertThat(cluster.getString("status")).isEqualTo("UP");
    assertThat(cluster.getJsonObject("data").getInteger("members")).isEqualTo(2);
  }

  private static Future<HttpResponse<Buffer>> get(Vertx vertx, CoreNode node, String path) {
    return WebClient.create(vertx).get(node.httpPort(), "127.0.0.1", path).send();
  }
}
