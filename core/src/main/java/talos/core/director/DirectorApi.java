package talos.core.director;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.bus.Addresses;
import talos.core.bus.ApiRequest;
import talos.core.bus.LocalFirst;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.catalog.CatalogueStore;
import talos.core.cluster.ClusterView;
import talos.core.cluster.StationOwnership;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.station.StationGeometry;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;
import talos.protocol.SessionCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The director's API operations, served by every director instance on any node: manual tracks
 * (checked and recorded here, started by the node that owns the station), stop, station status and
 * the observations. Holds no state of its own.
 */
final class DirectorApi {

  /** How far ahead a manual track looks for the satellite's next pass. */
  static final Duration PASS_SEARCH = Duration.ofHours(24);

  private static final String STATION = """
      SELECT name, latitude, longitude, altitude, horizon_mask, rotator, last_seen_at
        FROM station WHERE org_id = $1 AND id = $2""";
  private static final DeliveryOptions LOCAL_REQUEST = new DeliveryOptions().setSendTimeout(10_000);
  /** Long enough for the owner to plan the pass and wait for the agent's acknowledgement. */
  private static final DeliveryOptions START_REQUEST = new DeliveryOptions().setSendTimeout(
      StationCommands.ACK_TIMEOUT.plusSeconds(15).toMillis());

  private final Vertx vertx;
  private final Pool pool;
  private final ClusterView cluster;
  private final Access access;
  private final CatalogueStore catalogue;
  private final StationCommands commands;
  private final PgObservationStore store;
  private final OrbitContext orbit;
  private final PassPredictor predictor;

  DirectorApi(Vertx vertx, Pool pool, ClusterView cluster, StationCommands commands,
              PgObservationStore store, OrbitContext orbit) {
    this.vertx = vertx;
    this.pool = pool;
    this.cluster = cluster;
    this.access = new Access(pool);
    this.catalogue = new CatalogueStore(pool);
    this.commands = commands;
    this.store = store;
    this.orbit = orbit;
    this.predictor = new PassPredictor(orbit);
  }

  /**
   * {@code startTracking}: checks the station (online), the satellite and the transmitter, finds
   * the current or next pass, records the observation (ending the one under way on the station)
   * and asks the owning node to start it.
   */
  Future<Reply> track(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    int norad = noradId(request.body());
    String transmitterId = request.body().getString("transmitterId");
    UUID createdBy = request.principal().userUuid();
    return access.require(request.principal(), request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> station(grant.orgId(), stationId).compose(station -> Future.all(
                catalogue.satellite(norad), commands.state(stationId.toString()))
            .compose(found -> {
              Optional<JsonObject> satellite = found.resultAt(0);
              Optional<JsonObject> connection = found.resultAt(1);
              String name = station.getString("name");
              JsonObject tle = satellite.map(s -> s.getJsonObject("tle")).orElse(null);
              if (tle == null) {
                throw ServiceFailure.notFound("satellite with an element set", norad);
              }
              if (connection.isEmpty()) {
                throw StationCommands.offline(name);
              }
              TrackSession.Radio radio = CataloguePlanner.radio(
                  satellite.get().getJsonArray("transmitters"), transmitterId, true);
              return nextPass(station, tle)
                  .compose(pass -> store.openManual(grant.orgId(), stationId, norad,
                      radio == null ? null : radio.transmitterId(), pass, createdBy, name))
                  .compose(recorded -> {
                    recorded.replaced().forEach(replaced -> published(replaced, Outcome.ABORTED,
                        replaced.manual() ? "replaced by a new manual track"
                            : "taken over by a manual track"));
                    return start(recorded.observation());
                  });
            })))
        .map(Reply::accepted);
  }

  /** Asks the node owning the station to start a recorded manual observation. */
  private Future<JsonObject> start(Observation observation) {
    String owner = StationOwnership.owner(observation.stationId().toString(), cluster.members());
    return vertx.eventBus().<JsonObject>request(Addresses.DIRECTOR_NODE_PREFIX + owner,
            new JsonObject().put("action", "start").put("observation", observation.toJson()),
            START_REQUEST)
        .map(reply -> reply.body())
        .recover(failure -> {
          if (failure instanceof ReplyException reply
              && (reply.failureType() == ReplyFailure.NO_HANDLERS
              || reply.failureType() == ReplyFailure.TIMEOUT)) {
            String reason = "node " + owner + " that drives the station did not answer";
            return store.end(observation.id(), Outcome.ABORTED, reason, Instant.now(), null)
                .compose(ended -> {
                  ended.ifPresent(row -> published(row, Outcome.ABORTED, reason));
                  return Future.failedFuture(reply.failureType() == ReplyFailure.TIMEOUT
                      ? ServiceFailure.of(504, reason + " in time")
                      : ServiceFailure.unavailable(reason));
                });
          }
          return Future.failedFuture(failure);
        });
  }

  /** The current or next pass of a satellite over a station, on a worker thread. */
  private Future<Pass> nextPass(JsonObject station, JsonObject tle) {
    Site site = StationGeometry.site(station.getDouble("latitude"), station.getDouble("longitude"),
        station.getDouble("altitude"), station.getJsonArray("horizonMask"));
    String name = station.getString("name");
    return vertx.executeBlocking(() -> {
      TLE elements = new TLE(tle.getString("line1"), tle.getString("line2"), orbit.utc());
      Instant now = Instant.now();
      List<Pass> passes = predictor.passes(elements, site, 0, now.minus(Duration.ofMinutes(30)),
          now.plus(PASS_SEARCH));
      return passes.stream().filter(candidate -> candidate.los().isAfter(now.plusSeconds(10)))
          .findFirst()
          .orElseThrow(() -> ServiceFailure.conflict("satellite " + elements.getSatelliteNumber()
              + " has no pass over station '" + name + "' above its horizon mask in the next "
              + PASS_SEARCH.toHours() + " h"));
    }, false);
  }

  /**
   * {@code stopTracking}: the driving director ends the session and parks; a station without a
   * session is parked when it is connected.
   */
  Future<Reply> stop(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    String id = stationId.toString();
    return access.require(request.principal(), request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> station(grant.orgId(), stationId))
        .compose(station -> LocalFirst.<JsonObject>request(vertx.eventBus(),
                Addresses.DIRECTOR_STATION_PREFIX + id, new JsonObject().put("action", "stop"),
                LOCAL_REQUEST)
            .<Void>mapEmpty()
            .recover(failure -> StationCommands.isOffline(failure)
                ? vertx.sharedData().getCounter(DirectorVerticle.EPOCH_COUNTER + id)
                    .compose(counter -> counter.get())
                    .compose(epoch -> commands.command(id, station.getString("name"),
                        new SessionCommand(UUID.randomUUID().toString(),
                            SessionCommand.Action.PARK, epoch, null, null, null, Instant.now())))
                    .<Void>mapEmpty()
                : Future.failedFuture(failure)))
        .map(ignored -> Reply.noContent());
  }

  /** {@code getStationStatus}: the station's row, the gateway's view and the driven session. */
  Future<Reply> status(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    String id = stationId.toString();
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> station(grant.orgId(), stationId))
        .compose(station -> Future.all(commands.state(id), sessionState(id))
            .map(both -> {
              Optional<JsonObject> connection = both.resultAt(0);
              JsonObject tracking = both.resultAt(1);
              return Reply.ok(StationStatusView.of(id, station, connection.orElse(null), tracking));
            }));
  }

  /** {@code listObservations}: a page of the organisation's observations, filtered. */
  Future<Reply> observations(ApiRequest request) {
    ObservationQuery query = ObservationQuery.from(request.query());
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> store.list(grant.orgId(), query))
        .map(Reply::ok);
  }

  /** {@code getObservation}: one observation of the organisation. */
  Future<Reply> observation(ApiRequest request) {
    UUID id = request.uuidParam("observationId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> store.get(grant.orgId(), id))
        .map(Reply::ok);
  }

  private void published(Observation observation, Outcome outcome, String reason) {
    vertx.eventBus().publish(Addresses.OBSERVATION_ENDED, observation.ended(outcome, reason));
  }

  /** The session of a station as the instance driving it reports it, or {@code null}. */
  private Future<JsonObject> sessionState(String stationId) {
    return LocalFirst.<JsonObject>request(vertx.eventBus(),
            Addresses.DIRECTOR_STATION_PREFIX + stationId, new JsonObject().put("action", "state"),
            LOCAL_REQUEST)
        .map(reply -> reply.body())
        .recover(failure -> StationCommands.isOffline(failure) ? Future.succeededFuture(null)
            : Future.failedFuture(failure));
  }

  private Future<JsonObject> station(UUID orgId, UUID stationId) {
    return pool.preparedQuery(STATION).execute(Tuple.of(orgId, stationId)).map(rows -> {
      if (rows.size() == 0) {
        throw ServiceFailure.notFound("station", stationId);
      }
      Row row = rows.iterator().next();
      return new JsonObject()
          .put("name", row.getString("name"))
          .put("latitude", row.getDouble("latitude"))
          .put("longitude", row.getDouble("longitude"))
          .put("altitude", row.getDouble("altitude"))
          .put("horizonMask", row.getJsonArray("horizon_mask"))
          .put("rotator", row.getJsonObject("rotator"))
          .put("lastSeenAt", row.getOffsetDateTime("last_seen_at") == null ? null
              : row.getOffsetDateTime("last_seen_at").toInstant().toString());
    });
  }

  private static int noradId(JsonObject body) {
    Object value = body.getValue("norad", body.getValue("noradId"));
    if (!(value instanceof Number number) || number.intValue() < 1) {
      throw ServiceFailure.invalid("norad", value, "a NORAD catalogue number, 1 or more");
    }
    return number.intValue();
  }
}
