package talos.core.director;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.bus.ServiceFailure;
import talos.core.catalog.CatalogueStore;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;
import talos.core.orbit.rotator.Rotator;
import talos.core.orbit.rotator.RotatorPosition;
import talos.core.station.StationGeometry;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Plans sessions from the database and the catalogue: the station's site and rotator, the
 * satellite's newest element set and its transmitter; the pass is searched only around the
 * observation's planned window, and the path computed on a worker thread.
 */
final class CataloguePlanner implements SessionPlanner {

  /** How far around the planned window the pass is searched for. */
  static final Duration MARGIN = Duration.ofMinutes(5);

  private static final String STATION = """
      SELECT s.name, s.latitude, s.longitude, s.altitude, s.horizon_mask, s.rotator, o.slug
        FROM station s JOIN organisation o ON o.id = s.org_id
       WHERE s.id = $1""";

  private final Vertx vertx;
  private final Pool pool;
  private final CatalogueStore catalogue;
  private final OrbitContext orbit;
  private final PassPredictor predictor;

  CataloguePlanner(Vertx vertx, Pool pool, CatalogueStore catalogue, OrbitContext orbit) {
    this.vertx = vertx;
    this.pool = pool;
    this.catalogue = catalogue;
    this.orbit = orbit;
    this.predictor = new PassPredictor(orbit);
  }

  @Override
  public Future<Plan> plan(Observation observation, RotatorPosition from, Instant now) {
    String stationId = observation.stationId().toString();
    return Future.all(pool.preparedQuery(STATION).execute(Tuple.of(observation.stationId())),
            catalogue.satellite(observation.noradId()))
        .compose(both -> {
          io.vertx.sqlclient.RowSet<Row> rows = both.resultAt(0);
          Optional<JsonObject> satellite = both.resultAt(1);
          if (rows.size() == 0) {
            throw ServiceFailure.notFound("station", stationId);
          }
          JsonObject tle = satellite.map(s -> s.getJsonObject("tle")).orElse(null);
          if (tle == null) {
            throw ServiceFailure.notFound("satellite with an element set", observation.noradId());
          }
          Row row = rows.iterator().next();
          String name = row.getString("name");
          Site site = StationGeometry.site(row.getDouble("latitude"), row.getDouble("longitude"),
              row.getDouble("altitude"), row.getJsonArray("horizon_mask"));
          Rotator rotator = StationGeometry.rotator(row.getJsonObject("rotator"));
          TrackSession.Target target = new TrackSession.Target(stationId, name,
              observation.orgId().toString(), row.getString("slug"), observation.noradId(),
              satellite.get().getString("name"));
          TrackSession.Radio radio = radio(satellite.get().getJsonArray("transmitters"),
              observation.transmitterId(), false);
          return vertx.executeBlocking(() -> new Plan(target,
              track(observation, tle, site, rotator, from, now, name), radio), false);
        });
  }

  private PassTrack track(Observation observation, JsonObject tle, Site site, Rotator rotator,
                          RotatorPosition from, Instant now, String stationName) {
    TLE elements = new TLE(tle.getString("line1"), tle.getString("line2"), orbit.utc());
    Instant aos = observation.plannedAos();
    Instant los = observation.plannedLos();
    List<Pass> passes = predictor.passes(elements, site, 0, aos.minus(MARGIN), los.plus(MARGIN));
    Pass pass = passes.stream()
        .filter(candidate -> candidate.los().isAfter(now) && candidate.aos().isBefore(los)
            && candidate.los().isAfter(aos))
        .max(Comparator.comparingLong(candidate -> overlap(candidate, aos, los)))
        .orElseThrow(() -> ServiceFailure.conflict("satellite " + observation.noradId()
            + " has no pass over station '" + stationName + "' between " + aos + " and " + los
            + " that is not over"));
    return PassTrack.compute(new Tracker(orbit, elements, site), pass, rotator, from, now, now);
  }

  private static long overlap(Pass pass, Instant aos, Instant los) {
    long start = Math.max(pass.aos().toEpochMilli(), aos.toEpochMilli());
    long end = Math.min(pass.los().toEpochMilli(), los.toEpochMilli());
    return end - start;
  }

  /**
   * The transmitter to follow: the one asked for, or else the first active one with a downlink;
   * {@code null} when the satellite has none.
   *
   * @param strict whether a transmitter asked for must exist (an operator's request), rather than
   *     falling back to the first active one (a plan whose transmitter left the catalogue)
   * @throws ServiceFailure 404 for an unknown transmitter asked for, 400 for one without a downlink
   */
  static TrackSession.Radio radio(JsonArray transmitters, String transmitterId, boolean strict) {
    JsonObject chosen = null;
    for (Object entry : transmitters) {
      JsonObject transmitter = (JsonObject) entry;
      if (transmitterId != null && transmitterId.equals(transmitter.getString("id"))) {
        chosen = transmitter;
      }
    }
    if (chosen == null && transmitterId != null && strict) {
      throw ServiceFailure.notFound("transmitter", transmitterId);
    }
    if (chosen == null) {
      for (Object entry : transmitters) {
        JsonObject transmitter = (JsonObject) entry;
        if (chosen == null && "active".equals(transmitter.getString("status"))
            && transmitter.getLong("downlinkLow") != null) {
          chosen = transmitter;
        }
      }
    }
    if (chosen == null) {
      return null;
    }
    if (chosen.getLong("downlinkLow") == null) {
      if (strict) {
        throw ServiceFailure.invalid("transmitterId", transmitterId,
            "a transmitter with a downlink");
      }
      return null;
    }
    return new TrackSession.Radio(chosen.getString("id"), chosen.getString("description"),
        chosen.getLong("downlinkLow"), chosen.getLong("uplinkLow"), chosen.getString("mode"));
  }
}
