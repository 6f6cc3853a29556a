package talos.core.schedule;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.db.DatabaseEndpoint;
import talos.core.db.Migrations;
import talos.core.orbit.CataloguePasses;
import talos.core.orbit.OrbitFixtures;
import talos.core.orbit.Site;
import talos.core.support.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the scheduler against the database with the real ISS elements of 2026-03-19 over
 * Berlin and Hobart: a replan never deletes or changes passes inside the frozen window, and a pass
 * Berlin missed is retried on Hobart's next pass of the ISS, even inside the frozen window, beside
 * the rows already there.
 */
@Timeout(120)
class SchedulerTest {

  private static final Instant NOW = OrbitFixtures.DAY;
  private static final Duration HORIZON = Duration.ofHours(24);

  private Vertx vertx;
  private Pool pool;
  private Scheduler scheduler;
  private final Map<String, Boolean> online = new HashMap<>();
  private UUID orgId;
  private UUID berlin;
  private UUID hobart;
  private UUID campaign;

  @BeforeEach
  void anIssCampaignOverBerlinAndHobart() {
    vertx = Vertx.vertx();
    DatabaseEndpoint endpoint = DatabaseEndpoint.parse(TestDatabase.newDatabaseUrl());
    Migrations.apply(endpoint);
    pool = PgBuilder.pool().connectingTo(endpoint.toConnectOptions()).using(vertx).build();
    orgId = id("INSERT INTO organisation (slug, name) VALUES ('ground', 'Ground') RETURNING id");
    berlin = station("Berlin", OrbitFixtures.BERLIN);
    hobart = station("Hobart", OrbitFixtures.HOBART);
    TLE iss = OrbitFixtures.tle(25544);
    sql("INSERT INTO satellite (norad_id, name) VALUES (25544, 'ISS (ZARYA)')");
    sql("INSERT INTO tle (norad_id, epoch, line1, line2, source)"
            + " VALUES (25544, $1, $2, $3, 'test')",
        PlanStore.at(iss.getDate().toDate(OrbitFixtures.CONTEXT.utc()).toInstant()),
        iss.getLine1(), iss.getLine2());
    campaign = id("INSERT INTO campaign (org_id, name, priority, status) VALUES ($1, 'ISS', 3,"
        + " 'active') RETURNING id", orgId);
    sql("INSERT INTO campaign_target (campaign_id, norad_id) VALUES ($1, 25544)", campaign);
    sql("INSERT INTO campaign_assignment (campaign_id, station_id) VALUES ($1, $2), ($1, $3)",
        campaign, berlin, hobart);
    online.put(berlin.toString(), true);
    online.put(hobart.toString(), false);
    scheduler = new Scheduler(new PlanStore(pool),
        new OpportunityCache(new Opportunities(new CataloguePasses(OrbitFixtures.CONTEXT), 2),
            OrbitFixtures.CONTEXT.utc()),
        station -> io.vertx.core.Future.succeededFuture(online.getOrDefault(station, false)),
        new Scheduler.Worker() {
          @Override
          public <T> io.vertx.core.Future<T> run(java.util.concurrent.Callable<T> work) {
            return vertx.executeBlocking(work, false);
          }
        }, HORIZON, false);
  }

  @AfterEach
  void closeEverything() {
    pool.close().await();
    vertx.close().await();
  }

  /** Passes starting within the frozen window survive a replan unchanged; later ones are new. */
  @Test
  void neverChangesPassesInsideTheFrozenWindow() {
    scheduler.replan(new Changes().everything(), NOW).await();
    List<Row> first = rows(berlin);
    assertThat(first).isNotEmpty().allSatisfy(row ->
        assertThat(row.getOffsetDateTime("aos").toInstant())
            .isAfterOrEqualTo(NOW.plus(Scheduler.FROZEN)));
    Instant later = first.get(0).getOffsetDateTime("aos").toInstant().minus(Duration.ofMinutes(5));

    sql("UPDATE campaign SET priority = 1 WHERE id = $1", campaign);
    Scheduler.Outcome outcome = scheduler.replan(new Changes().campaign(orgId.toString(),
        campaign.toString()), later).await();

    List<Row> second = rows(berlin);
    assertThat(outcome.stations()).containsExactlyInAnyOrder(berlin.toString(), hobart.toString());
    assertThat(second.get(0).getUUID("id")).isEqualTo(first.get(0).getUUID("id"));
    assertThat(second.subList(1, second.size())).extracting(row -> row.getUUID("id"))
        .doesNotContainAnyElementsOf(first.stream().map(row -> row.getUUID("id")).toList());
  }

  /**
   * Berlin misses its first pass of the ISS: the next pass over Hobart, which is inside the frozen
   * window by then, is added as planned beside the rejected row already there.
   */
  @Test
  void retriesAMissedPassOnAnotherStationInsideTheFrozenWindow() {
    scheduler.replan(new Changes().everything(), NOW).await();
    Row missed = rows(berlin).stream().filter(row -> row.getString("status").equals("planned"))
        .findFirst().orElseThrow();
    Instant missedAos = missed.getOffsetDateTime("aos").toInstant();
    Row next = rows(hobart).stream()
        .filter(row -> row.getOffsetDateTime("aos").toInstant().isAfter(missedAos.plusSeconds(120)))
        .findFirst().orElseThrow();
    assertThat(next.getString("reason")).isEqualTo("station offline");
    Instant nextAos = next.getOffsetDateTime("aos").toInstant();
    Instant when = latest(missedAos.plusSeconds(60), nextAos.minus(Duration.ofMinutes(10)));
    sql("INSERT INTO observation (org_id, station_id, campaign_id, planned_pass_id, norad_id,"
            + " planned_aos, planned_los, max_elevation, outcome, reason) VALUES ($1, $2, $3, $4,"
            + " 25544, $5, $6, $7, 'missed', 'agent did not answer')", orgId, berlin, campaign,
        missed.getUUID("id"), missed.getOffsetDateTime("aos"), missed.getOffsetDateTime("los"),
        missed.getDouble("max_elevation"));
    online.put(hobart.toString(), true);

    scheduler.replan(new Changes().campaign(orgId.toString(), campaign.toString()), when).await();

    List<Row> hobartRows = rows(hobart);
    assertThat(hobartRows).filteredOn(row -> row.getUUID("id").equals(next.getUUID("id")))
        .singleElement()
        .satisfies(row -> assertThat(row.getString("status")).isEqualTo("rejected"));
    assertThat(hobartRows).filteredOn(row -> row.getString("status").equals("planned")
            && !row.getOffsetDateTime("aos").toInstant().isBefore(when)
            && row.getOffsetDateTime("aos").toInstant().isBefore(when.plus(Scheduler.FROZEN)))
        .singleElement().satisfies(row -> assertThat(
            Duration.between(nextAos, row.getOffsetDateTime("aos").toInstant()).abs())
            .isLessThan(Duration.ofSeconds(5)));
    assertThat(hobartRows).filteredOn(row -> !row.getUUID("id").equals(next.getUUID("id"))
            && !row.getOffsetDateTime("aos").toInstant().isBefore(when)
            && row.getOffsetDateTime("aos").toInstant().isBefore(when.plus(Scheduler.FROZEN)))
        .hasSize(1);
    TimeWindow around = new TimeWindow(missedAos.minusSeconds(1), when.plus(Scheduler.FROZEN));
    PlanQueries queries = new PlanQueries(pool, null, HORIZON);
    JsonArray retried = queries.passes("station_id", orgId, hobart, around).await()
        .getJsonArray("passes");
    JsonArray missedOne = queries.passes("station_id", orgId, berlin, around).await()
        .getJsonArray("passes");
    assertThat(retried.stream().map(JsonObject.class::cast)
        .filter(pass -> pass.getString("status").equals("planned")))
        .singleElement().satisfies(pass -> assertThat(pass.getString("note"))
            .isEqualTo("retry of the pass missed by station 'Berlin' at " + missedAos));
    assertThat(missedOne.getJsonObject(0).getString("outcome")).isEqualTo("missed");
  }

  /**
   * A miss the director reports before its observation is readable is retried the same way: the
   * next pass over Hobart is planned even inside the frozen window.
   */
  @Test
  void retriesAMissedPassTheDirectorReported() {
    scheduler.replan(new Changes().everything(), NOW).await();
    Row missed = rows(berlin).get(0);
    Instant missedAos = missed.getOffsetDateTime("aos").toInstant();
    Instant nextAos = rows(hobart).stream().map(row -> row.getOffsetDateTime("aos").toInstant())
        .filter(aos -> aos.isAfter(missedAos.plusSeconds(120))).findFirst().orElseThrow();
    Instant when = latest(missedAos.plusSeconds(60), nextAos.minus(Duration.ofMinutes(10)));
    online.put(hobart.toString(), true);

    scheduler.missed(orgId.toString(), new PlanStore.Missed(campaign, 25544, berlin,
        new TimeWindow(missedAos, missed.getOffsetDateTime("los").toInstant())));
    scheduler.replan(new Changes().campaign(orgId.toString(), campaign.toString()), when).await();

    assertThat(rows(hobart)).filteredOn(row -> row.getString("status").equals("planned")
            && row.getOffsetDateTime("aos").toInstant().isBefore(when.plus(Scheduler.FROZEN)))
        .singleElement().satisfies(row -> assertThat(
            Duration.between(nextAos, row.getOffsetDateTime("aos").toInstant()).abs())
            .isLessThan(Duration.ofSeconds(5)));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private List<Row> rows(UUID station) {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery("SELECT * FROM planned_pass WHERE station_id = $1 ORDER BY aos")
        .execute(Tuple.of(station)).await().forEach(rows::add);
    return rows;
  }

  private UUID station(String name, Site site) {
    return id("INSERT INTO station (org_id, name, latitude, longitude, altitude, key_hash)"
        + " VALUES ($1, $2, $3, $4, $5, 'none') RETURNING id", orgId, name, site.latitude(),
        site.longitude(), site.altitude());
  }

  private UUID id(String sql, Object... values) {
    return pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(values))).await()
        .iterator().next().getUUID("id");
  }

  private void sql(String sql, Object... values) {
    pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(values))).await();
  }
}
