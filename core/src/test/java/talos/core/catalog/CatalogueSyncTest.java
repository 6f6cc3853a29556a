package talos.core.catalog;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import talos.core.db.DatabaseEndpoint;
import talos.core.db.Migrations;
import talos.core.support.TestDatabase;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies failover between catalogue sources against local servers that answer in CelesTrak's and
 * SatNOGS's formats, and fail the ways real services fail: errors, rate limiting, silence and
 * truncated bodies. When every source fails, the stored catalogue stays as it was.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class CatalogueSyncTest {

  private static final CatalogueSync.BreakerSettings FAST = new CatalogueSync.BreakerSettings(500, 1, 10, 1_000);

  private Pool pool;
  private CatalogueStore store;
  private WebClient client;
  private HttpServer celestrak;
  private HttpServer satnogs;
  private final AtomicInteger celestrakRequests = new AtomicInteger();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    DatabaseEndpoint endpoint = DatabaseEndpoint.parse(TestDatabase.newDatabaseUrl());
    Migrations.apply(endpoint);
    pool = PgBuilder.pool().connectingTo(endpoint.toConnectOptions()).using(vertx).build();
    store = new CatalogueStore(pool);
    client = WebClient.create(vertx);
    satnogs = serve(vertx, this::healthySatnogs);
  }

  @AfterEach
  void tearDown() {
    client.close();
    pool.close();
  }

  @Test
  void testTheFirstHealthySourceFillsTheCatalogue(Vertx vertx, VertxTestContext test) {
    celestrak = serve(vertx, request -> request.response().end(ommIss().encode()));

    sync(vertx).sync()
        .compose(result -> store.latestElements().map(latest -> {
          test.verify(() -> {
            assertThat(result.getString("source")).isEqualTo("celestrak");
            assertThat(result.getJsonArray("failures")).isEmpty();
            assertThat(latest).singleElement().satisfies(entry -> {
              assertThat(entry.noradId()).isEqualTo(25544);
              assertThat(entry.name()).isEqualTo("ISS (ZARYA)");
              assertThat(entry.line1()).isEqualTo(CatalogSamples.ISS_LINE1);
            });
          });
          return latest;
        }))
        .compose(ignored -> store.lastSuccess())
        .onComplete(test.succeeding(last -> test.verify(() -> {
          assertThat(last).hasValueSatisfying(sync -> assertThat(sync.source()).isEqualTo("celestrak"));
          test.completeNow();
        })));
  }

  @Test
  void testAServerErrorFailsOverToTheNextSourceWithItsTransmitters(Vertx vertx, VertxTestContext test) {
    celestrak = serve(vertx, request -> request.response().setStatusCode(503).end("maintenance"));

    expectFailover(vertx, test, "answered 503");
  }

  @Test
  void testRateLimitingFailsOverAndSaysWhenToRetry(Vertx vertx, VertxTestContext test) {
    celestrak = serve(vertx, request -> request.response().setStatusCode(429).putHeader("Retry-After", "120").end());

    expectFailover(vertx, test, "answered 429 (retry after 120 s)");
  }

  @Test
  void testASilentSourceTimesOutAndFailsOver(Vertx vertx, VertxTestContext test) {
    celestrak = serve(vertx, request -> {
      // never answers
    });

    expectFailover(vertx, test, "");
  }

  @Test
  void testATruncatedBodyFailsOver(Vertx vertx, VertxTestContext test) {
    String whole = ommIss().encode();
    celestrak = serve(vertx, request -> request.response().end(whole.substring(0, whole.length() / 2)));

    expectFailover(vertx, test, "");
  }

  @Test
  void testAFailedAttemptIsRetriedBeforeFailingOver(Vertx vertx, VertxTestContext test) {
    celestrak = serve(vertx, request -> {
      if (celestrakRequests.incrementAndGet() == 1) {
        request.response().setStatusCode(502).end();
      } else {
        request.response().end(ommIss().encode());
      }
    });

    sync(vertx).sync().onComplete(test.succeeding(result -> test.verify(() -> {
      assertThat(result.getString("source")).isEqualTo("celestrak");
      assertThat(celestrakRequests.get()).isEqualTo(2);
      test.completeNow();
    })));
  }

  @Test
  void testWhenEverySourceFailsTheStoredCatalogueKeepsServing(Vertx vertx, VertxTestContext test) {
    celestrak = serve(vertx, request -> request.response().setStatusCode(500).end());
    HttpServer brokenSatnogs = serve(vertx, request -> request.response().setStatusCode(503).end());
    CatalogueSource sample = FileSource.file(vertx, FileSource.SAMPLE);

    sample.fetch().compose(store::store)
        .compose(ignored -> new CatalogueSync(vertx, store, List.of(
            HttpSources.celestrak(client, url(celestrak)), HttpSources.satnogs(client, url(brokenSatnogs))), FAST)
            .sync())
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure).isInstanceOf(SourceException.class)
              .hasMessageContaining("every source failed")
              .hasMessageContaining("celestrak")
              .hasMessageContaining("satnogs");
          store.size().onComplete(test.succeeding(size -> test.verify(() -> {
            assertThat(size).isEqualTo(52);
            test.completeNow();
          })));
        })));
  }

  private void expectFailover(Vertx vertx, VertxTestContext test, String reason) {
    sync(vertx).sync()
        .compose(result -> pool.query("SELECT count(*), (SELECT status FROM satellite WHERE norad_id = 25544)"
                + " FROM transmitter WHERE norad_id = 25544").execute()
            .map(rows -> {
              test.verify(() -> {
                assertThat(result.getString("source")).isEqualTo("satnogs");
                JsonObject failure = result.getJsonArray("failures").getJsonObject(0);
                assertThat(failure.getString("source")).isEqualTo("celestrak");
                assertThat(failure.getString("reason")).contains(reason);
                assertThat(result.getInteger("transmitters")).isEqualTo(1);
                assertThat(rows.iterator().next().getLong(0)).isOne();
                assertThat(rows.iterator().next().getString(1)).isEqualTo("alive");
              });
              return result;
            }))
        .onComplete(test.succeedingThenComplete());
  }

  private CatalogueSync sync(Vertx vertx) {
    return new CatalogueSync(vertx, store, List.of(HttpSources.celestrak(client, url(celestrak)),
        HttpSources.satnogs(client, url(satnogs))), FAST);
  }

  private void healthySatnogs(HttpServerRequest request) {
    if (request.path().startsWith("/api/tle")) {
      request.response().end(new JsonArray().add(new JsonObject()
          .put("tle0", "ISS (ZARYA)").put("tle1", CatalogSamples.ISS_LINE1).put("tle2", CatalogSamples.ISS_LINE2)
          .put("tle_source", "Celestrak (active)").put("norad_cat_id", 25544)
          .put("updated", "2026-03-19T04:00:00Z")).encode());
    } else if (request.path().startsWith("/api/satellites")) {
      request.response().end(new JsonArray().add(new JsonObject()
          .put("norad_cat_id", 25544).put("name", "ISS").put("status", "alive")).encode());
    } else if (request.path().startsWith("/api/transmitters")) {
      request.response().end(new JsonArray().add(new JsonObject()
          .put("uuid", "tx-iss-fm").put("description", "Mode V/U FM").put("alive", true).put("type", "Transceiver")
          .put("uplink_low", 145_990_000).putNull("uplink_high").put("downlink_low", 437_800_000)
          .putNull("downlink_high").put("mode", "FM").putNull("baud").put("norad_cat_id", 25544)
          .put("status", "active")).encode());
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private static JsonArray ommIss() {
    return new JsonArray().add(CatalogSamples.issOmm());
  }

  private static HttpServer serve(Vertx vertx, Consumer<HttpServerRequest> handler) {
    return vertx.createHttpServer().requestHandler(handler::accept).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().join();
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.actualPort();
  }
}
