package talos.core.streaming;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.db.DatabaseEndpoint;
import talos.core.db.Migrations;
import talos.core.support.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that frames reach the database through trouble: a database that cannot be reached for
 * a while (its rows are kept and written once it is back, not before the retry is due), rows
 * whose station, organisation or observation was deleted meanwhile (left out or unlinked without
 * costing the rest of the batch), rows the database refuses for what they hold (dropped and
 * counted, not tried again), and the bound on what waits during an outage.
 */
@Timeout(60)
class FrameStoreTest {

  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

  private final AtomicLong nanoTime = new AtomicLong();
  private final LongAdder unstored = new LongAdder();
  private Vertx vertx;
  private Context context;
  private Pool pool;
  private DatabaseEndpoint endpoint;
  private UUID orgId;
  private UUID stationId;

  @BeforeEach
  void databaseWithAStation() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    endpoint = DatabaseEndpoint.parse(TestDatabase.newDatabaseUrl());
    Migrations.apply(endpoint);
    pool = PgBuilder.pool().connectingTo(endpoint.toConnectOptions()).using(vertx).build();
    orgId = id("INSERT INTO organisation (slug, name) VALUES ('heard', 'Heard') RETURNING id");
    stationId = id("INSERT INTO station (org_id, name, latitude, longitude, altitude, key_hash)"
        + " VALUES ($1, 'Roof', 52.5, 13.4, 40, 'none') RETURNING id", orgId);
  }

  @AfterEach
  void closeEverything() throws SQLException {
    allowConnections(true);
    pool.close().await();
    vertx.close().await();
  }

  @Test
  void rowsWaitThroughAnOutageAndAreWrittenWhenTheDatabaseIsBack() throws SQLException {
    FrameStore store = new FrameStore(pool, unstored, FrameStore.MAX_PENDING, nanoTime::get);
    allowConnections(false);
    UUID frame = UUID.randomUUID();

    onContext(() -> {
      addFrameHeardByTheStation(store, frame, null);
      return store.flush();
    });

    assertThat(store.pending()).as("rows kept after the failed write").isEqualTo(2);
    assertThat(unstored.sum()).isZero();
    allowConnections(true);
    nanoTime.addAndGet(FrameStore.FIRST_RETRY.toNanos() - 1);
    onContext(store::flush);
    assertThat(store.pending()).as("not written again before the retry is due").isEqualTo(2);
    assertThat(count("frame")).isZero();

    nanoTime.incrementAndGet();
    onContext(store::flush);

    assertThat(store.pending()).isZero();
    assertThat(count("frame")).isOne();
    assertThat(count("frame_reception")).isOne();
    assertThat(unstored.sum()).isZero();
  }

  @Test
  void rowsOfDeletedStationsAndObservationsDoNotCostTheBatch() {
    FrameStore store = new FrameStore(pool, unstored, FrameStore.MAX_PENDING, nanoTime::get);
    UUID kept = UUID.randomUUID();
    UUID ofAGoneObservation = UUID.randomUUID();
    UUID ofAGoneOrganisation = UUID.randomUUID();

    onContext(() -> {
      addFrameHeardByTheStation(store, kept, null);
      addFrameHeardByTheStation(store, ofAGoneObservation, UUID.randomUUID());
      store.reception(kept, UUID.randomUUID(), null, NOW, 437_800_000L, -110.0, 9.0, false);
      store.frame(ofAGoneOrganisation, UUID.randomUUID(), 25544, null, null, new byte[32],
          new byte[] {1}, NOW, 0);
      store.reception(ofAGoneOrganisation, stationId, null, NOW, null, null, null, true);
      return store.flush();
    });

    assertThat(store.pending()).isZero();
    assertThat(unstored.sum()).isZero();
    List<Row> frames = rows("SELECT id, observation_id FROM frame ORDER BY received_at");
    assertThat(frames).extracting(row -> row.getUUID("id"))
        .containsExactlyInAnyOrder(kept, ofAGoneObservation);
    assertThat(frames).allSatisfy(row -> assertThat(row.getUUID("observation_id")).isNull());
    assertThat(rows("SELECT frame_id, station_id FROM frame_reception"))
        .as("the receptions of known stations and stored frames only")
        .extracting(row -> row.getUUID("frame_id"))
        .containsExactlyInAnyOrder(kept, ofAGoneObservation);
  }

  @Test
  void rowsTheDatabaseRefusesAreDroppedAndCountedNotTriedAgain() {
    FrameStore store = new FrameStore(pool, unstored, FrameStore.MAX_PENDING, nanoTime::get);
    UUID twice = UUID.randomUUID();

    onContext(() -> {
      addFrameHeardByTheStation(store, twice, null);
      addFrameHeardByTheStation(store, twice, null);
      return store.flush();
    });

    assertThat(store.pending()).isZero();
    assertThat(unstored.sum()).isEqualTo(4);
    assertThat(count("frame")).isZero();
    onContext(() -> {
      addFrameHeardByTheStation(store, UUID.randomUUID(), null);
      return store.flush();
    });
    assertThat(count("frame")).as("the next batch is written at once").isOne();
  }

  @Test
  void duringAnOutageTheNewestRowsBeyondTheBoundAreCounted() throws SQLException {
    FrameStore store = new FrameStore(pool, unstored, 10, nanoTime::get);
    allowConnections(false);
    List<UUID> frames = new ArrayList<>();

    onContext(() -> {
      for (int i = 0; i < 4; i++) {
        frames.add(UUID.randomUUID());
        addFrameHeardByTheStation(store, frames.get(i), null);
      }
      return store.flush();
    });
    onContext(() -> {
      for (int i = 4; i < 8; i++) {
        frames.add(UUID.randomUUID());
        addFrameHeardByTheStation(store, frames.get(i), null);
      }
      return Future.succeededFuture();
    });

    assertThat(store.pending()).isEqualTo(10);
    assertThat(unstored.sum()).isEqualTo(6);
    allowConnections(true);
    nanoTime.addAndGet(FrameStore.FIRST_RETRY.toNanos());
    onContext(store::flush);
    assertThat(rows("SELECT id FROM frame")).extracting(row -> row.getUUID("id"))
        .containsExactlyInAnyOrderElementsOf(frames.subList(0, 5));
  }

  private void addFrameHeardByTheStation(FrameStore store, UUID frame, UUID observation) {
    store.frame(frame, orgId, 25544, observation, null, new byte[32], new byte[] {0x08, 0x01},
        NOW, 1);
    store.reception(frame, stationId, observation, NOW, 437_800_000L, -108.0, 12.0, true);
  }

  /** Runs {@code work} on the context the store lives on, as the streaming verticle does. */
  private <T> T onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(ignored -> work.get().onComplete(done));
    return done.future().await();
  }

  /**
   * Lets the test's database take connections or not; when not, also ends the ones it has, as a
   * database going down would.
   */
  private void allowConnections(boolean allowed) throws SQLException {
    String url = "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/postgres";
    try (Connection admin = DriverManager.getConnection(url, "postgres", "");
         Statement sql = admin.createStatement()) {
      sql.execute("ALTER DATABASE " + endpoint.database() + " ALLOW_CONNECTIONS " + allowed);
      if (!allowed) {
        sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + endpoint.database() + "'");
      }
    }
  }

  private long count(String table) {
    return rows("SELECT count(*) AS n FROM " + table).get(0).getLong("n");
  }

  private List<Row> rows(String sql) {
    List<Row> rows = new ArrayList<>();
    pool.query(sql).execute().await().forEach(rows::add);
    return rows;
  }

  private UUID id(String sql, Object... values) {
    return pool.preparedQuery(sql).execute(Tuple.from(List.of(values))).await()
        .iterator().next().getUUID("id");
  }
}
