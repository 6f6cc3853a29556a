package talos.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import talos.core.config.ConfigException;
import talos.core.config.CoreConfig;
import talos.core.support.TestConfigs;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies a whole node on a real PostgreSQL: migrations, readiness, metrics, the node feature over
 * the bus, the audit trail and a clean stop.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60_000)
class CoreNodeTest {

  private CoreNode node;

  @AfterEach
  void stopNode(VertxTestContext test) {
    if (node == null) {
      test.completeNow();
      return;
    }
    node.stop().onComplete(test.succeedingThenComplete());
  }

  @Test
  void testANodeMigratesItsDatabaseAndReportsReady(Vertx vertx, VertxTestContext test) {
    CoreNode.start(TestConfigs.node(new JsonObject()))
        .compose(started -> {
          node = started;
          return get(vertx, "/health/ready");
        })
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject health = response.bodyAsJsonObject();
          assertThat(health.getString("status")).isEqualTo("UP");
          assertThat(health.getJsonArray("checks").stream().map(check -> ((JsonObject) check).getString("id")))
              .containsExactlyInAnyOrder("database", "schema", "catalogue");
          assertThat(node.context().schemaVersion()).isEqualTo("6");
          test.completeNow();
        })));
  }

  @Test
  void testMetricsCoverHttpEventBusPoolAndJvm(Vertx vertx, VertxTestContext test) {
    CoreNode.start(TestConfigs.node(new JsonObject()))
        .compose(started -> {
          node = started;
          return get(vertx, "/health/ready").compose(ignored -> get(vertx, "/api/node"));
        })
        .compose(ignored -> get(vertx, "/metrics"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsString())
              .contains("vertx_http_server_requests_total")
              .contains("vertx_eventbus_processed_total")
              .contains("vertx_pool_in_use{pool_name=\"" + CoreNode.POOL_NAME + "\",pool_type=\"sql\"}")
              .contains("jvm_memory_used_bytes");
          test.completeNow();
        })));
  }

  @Test
  void testHealthAndConfigurationNeverShowTheSecretKey(Vertx vertx, VertxTestContext test) {
    String secret = "a-very-secret-key-that-must-not-leak-0123456789";
    CoreNode.start(TestConfigs.node(new JsonObject().put("TALOS_SECRET_KEY", secret)))
        .compose(started -> {
          node = started;
          return Future.all(get(vertx, "/health/ready"), get(vertx, "/health/live"), get(vertx, "/api/node"));
        })
        .onComplete(test.succeeding(all -> test.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            HttpResponse<Buffer> response = all.resultAt(i);
            assertThat(response.bodyAsString()).doesNotContain(secret).doesNotContain("postgresql://");
          }
          assertThat(node.context().config().toString()).doesNotContain(secret);
          test.completeNow();
        })));
  }

  @Test
  void testTheNodeFeatureAnswersAndRecordsStartAndStop(Vertx vertx, VertxTestContext test) {
    CoreConfig config = TestConfigs.node(new JsonObject());
    List<String> actions = new ArrayList<>();
    CoreNode.start(config)
        .compose(started -> {
          node = started;
          return get(vertx, "/api/node");
        })
        .compose(response -> {
          test.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.bodyAsJsonObject().getString("nodeId")).isEqualTo(node.context().cluster().nodeId());
            assertThat(response.bodyAsJsonObject().getBoolean("clustered")).isFalse();
          });
          return node.stop();
        })
        .compose(ignored -> {
          node = null;
          return CoreNode.start(config);
        })
        .compose(restarted -> {
          node = restarted;
          return restarted.context().pool().query("SELECT action FROM audit_log ORDER BY id").execute();
        })
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          rows.forEach((Row row) -> actions.add(row.getString("action")));
          assertThat(actions).containsExactly("node.started", "node.stopped", "node.started");
          test.completeNow();
        })));
  }

  @Test
  void testAnUnknownFeatureIsRefusedNamingTheKnownOnes(VertxTestContext test) {
    try {
      CoreNode.start(TestConfigs.node(new JsonObject().put("TALOS_FEATURES", "http,telepathy")));
      test.failNow("a node with an unknown feature started");
    } catch (ConfigException e) {
      test.verify(() -> assertThat(e.getMessage())
          .contains("TALOS_FEATURES (features): 'telepathy' is not a feature;"
              + " allowed: node, auth, tenancy, station, catalog, tracking, gateway, campaigns, scheduler,"
              + " director, streaming, demo, http"));
      test.completeNow();
    }
  }

  private Future<HttpResponse<Buffer>> get(Vertx vertx, String path) {
    return WebClient.create(vertx).get(node.httpPort(), "127.0.0.1", path).send();
  }
}
