package talos.core.director;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orekit.propagation.analytical.tle.TLE;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.bus.ApiRequest;
import talos.core.bus.Operations;
import talos.core.bus.Reply;
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
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The director feature: manual tracking ({@code POST/DELETE …/stations/{id}/track}), station status,
 * and the steady beat that streams setpoints to every station this node drives.
 */
public final class DirectorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DirectorVerticle.class);

  /** How far ahead each setpoint message reaches, so an agent rides out a short link loss. */
  static final Duration WINDOW = Duration.ofSeconds(10);
  /** Spacing of the points inside one setpoint message. */
  static final Duration SPACING = Duration.ofMillis(500);
  /** How far ahead a manual track looks for the satellite's next pass. */
  static final Duration PASS_SEARCH = Duration.ofHours(24);

  private static final String STATION = """
      SELECT name, latitude, longitude, altitude, horizon_mask, rotator, last_seen_at
        FROM station WHERE org_id = $1 AND id = $2""";
  private static final DeliveryOptions LOCAL_REQUEST = new DeliveryOptions().setSendTimeout(10_000);

  private final NodeContext node;
  private final Map<String, TrackSession> sessions = new HashMap<>();
  private final Map<String, MessageConsumer<JsonObject>> stationConsumers = new HashMap<>();
  private OrbitContext orbit;
  private PassPredictor predictor;
  private CatalogueStore store;
  private Access access;
  private StationCommands commands;
  private Ticks ticks;
  private Timer tickLag;
  private Counter setpointsSent;
  private long tickTimer = -1;

  public DirectorVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    store = new CatalogueStore(node.pool());
    access = new Access(node.pool());
    commands = new StationCommands(vertx);
    tickLag = Timer.builder("talos.director.tick.lag")
        .description("how late the director's ticks fire after they are due")
        .publishPercentiles(0.5, 0.99)
        .register(node.meterRegistry());
    setpointsSent = Counter.builder("talos.director.setpoints.sent")
        .description("setpoint messages sent to stations")
        .register(node.meterRegistry());
    Gauge.builder("talos.director.sessions", sessions, Map::size)
        .description("stations this node is driving through a pass")
        .register(node.meterRegistry());
    vertx.eventBus().<JsonObject>consumer(Addresses.STATION_EVENTS,
        message -> commands.onEvent(message.body()));

    return vertx.executeBlocking(() -> OrbitContext.create(node.config().catalogue().orekitData()))
        .onSuccess(context -> {
          orbit = context;
          predictor = new PassPredictor(context);
        })
        .compose(ignored -> new Operations(vertx.eventBus())
            .serve(Addresses.DIRECTOR_TRACK, this::track)
            .serve(Addresses.DIRECTOR_STOP, this::stopTracking)
            .serve(Addresses.DIRECTOR_STATUS, this::status)
            .ready())
        .onSuccess(ignored -> {
          Duration period = Duration.ofMillis(1000 / node.config().director().rate());
          ticks = new Ticks(System.nanoTime(), period);
          scheduleTick();
          LOG.info("director ready [rate: {} Hz]", node.config().director().rate());
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tickTimer);
    if (!sessions.isEmpty()) {
      LOG.warn("node stopping while driving stations; their agents stop on silence "
          + "[stations: {}]", sessions.keySet());
    }
    return Future.all(stationConsumers.values().stream().map(MessageConsumer::unregister).toList());
  }

  private Future<Reply> track(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    int norad = noradId(request.body());
    String transmitterId = request.body().getString("transmitterId");
    return access.require(request.principal(), request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> station(grant.orgId(), stationId).compose(station -> Future.all(
                store.satellite(norad), commands.state(stationId.toString()))
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
              TrackSession.Radio radio = radio(satellite.get().getJsonArray("transmitters"),
                  transmitterId);
              TrackSession.Target target = new TrackSession.Target(stationId.toString(), name,
                  grant.orgId().toString(), grant.slug(), norad, satellite.get().getString("name"));
              return plan(station, tle, measured(connection.get()))
                  .compose(track -> begin(target, track, radio));
            })))
        .map(session -> Reply.accepted(session.toJson(Instant.now())));
  }

  /** Computes the current or next pass and the rotator's path through it, on a worker thread. */
  private Future<PassTrack> plan(JsonObject station, JsonObject tle, RotatorPosition measured) {
    Site site = StationGeometry.site(station.getDouble("latitude"), station.getDouble("longitude"),
        station.getDouble("altitude"), station.getJsonArray("horizonMask"));
    Rotator rotator = StationGeometry.rotator(station.getJsonObject("rotator"));
    String name = station.getString("name");
    return vertx.executeBlocking(() -> {
      TLE elements = new TLE(tle.getString("line1"), tle.getString("line2"), orbit.utc());
      Instant now = Instant.now();
      List<Pass> passes = predictor.passes(elements, site, 0, now.minus(Duration.ofMinutes(30)),
          now.plus(PASS_SEARCH));
      Pass pass = passes.stream().filter(candidate -> candidate.los().isAfter(now.plusSeconds(10)))
          .findFirst()
          .orElseThrow(() -> ServiceFailure.conflict("satellite " + elements.getSatelliteNumber()
              + " has no pass over station '" + name + "' above its horizon mask in the next "
              + PASS_SEARCH.toHours() + " h"));
      return PassTrack.compute(new Tracker(orbit, elements, site), pass, rotator, measured, now);
    }, false);
  }

  /** Takes the station over from any earlier session and starts a new one on its agent. */
  private Future<TrackSession> begin(TrackSession.Target target, PassTrack track,
                                     TrackSession.Radio radio) {
    String stationId = target.stationId();
    return release(stationId)
        .compose(ignored -> vertx.sharedData().getCounter("talos.director.epoch." + stationId))
        .compose(counter -> counter.incrementAndGet())
        .compose(epoch -> {
          TrackSession session = new TrackSession(target, UUID.randomUUID().toString(), epoch, track,
              radio, Instant.now(), null);
          SessionCommand start = new SessionCommand(UUID.randomUUID().toString(),
              SessionCommand.Action.START, epoch, session.sessionId(), target.norad(),
              target.satellite(), Instant.now());
          return commands.command(stationId, target.stationName(), start)
              .compose(ack -> adopt(session))
              .onSuccess(ignored -> {
                LOG.info("tracking started [station: {}, norad: {}, session: {}, aos: {}, los: {}]",
                    stationId, target.norad(), session.sessionId(), track.aos(), track.los());
                sendSetpoints(stationId, Instant.now());
              });
        });
  }

  /** Ends whatever session another node (or this one) holds for a station, without moving it. */
  private Future<Void> release(String stationId) {
    return vertx.eventBus().request(Addresses.DIRECTOR_STATION_PREFIX + stationId,
            new JsonObject().put("action", "release"), LOCAL_REQUEST)
        .<Void>mapEmpty()
        .recover(failure -> StationCommands.isOffline(failure) ? Future.succeededFuture()
            : Future.failedFuture(failure));
  }

  private Future<TrackSession> adopt(TrackSession session) {
    String stationId = session.target().stationId();
    sessions.put(stationId, session);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(
        Addresses.DIRECTOR_STATION_PREFIX + stationId, message -> {
          String action = message.body().getString("action", "");
          Future<JsonObject> answer = switch (action) {
            case "state" -> Future.succeededFuture(current(stationId)
                .map(s -> s.toJson(Instant.now())).orElse(null));
            case "release" -> {
              forget(stationId, "taken over by a new session");
              yield Future.succeededFuture(new JsonObject());
            }
            case "stop" -> current(stationId)
                .map(s -> finish(s, "stopped by an operator").map(new JsonObject()))
                .orElseGet(() -> Future.succeededFuture(new JsonObject()));
            default -> Future.failedFuture(ServiceFailure.invalid("action", action,
                "state, release or stop"));
          };
          answer.onSuccess(message::reply).onFailure(failure -> ServiceFailure.reply(message, failure));
        });
    stationConsumers.put(stationId, consumer);
    return consumer.completion().map(session);
  }

  private Optional<TrackSession> current(String stationId) {
    return Optional.ofNullable(sessions.get(stationId));
  }

  private void forget(String stationId, String reason) {
    TrackSession session = sessions.remove(stationId);
    MessageConsumer<JsonObject> consumer = stationConsumers.remove(stationId);
    if (consumer != null) {
      consumer.unregister();
    }
    if (session != null) {
      LOG.info("tracking ended [station: {}, session: {}, reason: {}]", stationId,
          session.sessionId(), reason);
    }
  }

  /** Ends a session and parks the rotator; succeeds once the agent acknowledged the park. */
  private Future<Void> finish(TrackSession session, String reason) {
    String stationId = session.target().stationId();
    forget(stationId, reason);
    return park(stationId, session.target().stationName(), session.epoch());
  }

  private Future<Void> park(String stationId, String stationName, long epoch) {
    SessionCommand park = new SessionCommand(UUID.randomUUID().toString(),
        SessionCommand.Action.PARK, epoch, null, null, null, Instant.now());
    return commands.command(stationId, stationName, park).mapEmpty();
  }

  private Future<Reply> stopTracking(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    String id = stationId.toString();
    return access.require(request.principal(), request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> station(grant.orgId(), stationId))
        .compose(station -> vertx.eventBus().<JsonObject>request(
                Addresses.DIRECTOR_STATION_PREFIX + id, new JsonObject().put("action", "stop"),
                LOCAL_REQUEST)
            .<Void>mapEmpty()
            .recover(failure -> StationCommands.isOffline(failure)
                ? vertx.sharedData().getCounter("talos.director.epoch." + id)
                    .compose(counter -> counter.get())
                    .compose(epoch -> park(id, station.getString("name"), epoch))
                : Future.failedFuture(failure)))
        .map(ignored -> Reply.noContent());
  }

  private Future<Reply> status(ApiRequest request) {
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

  /** The session of a station as the node driving it reports it, or {@code null}. */
  private Future<JsonObject> sessionState(String stationId) {
    return vertx.eventBus().<JsonObject>request(Addresses.DIRECTOR_STATION_PREFIX + stationId,
            new JsonObject().put("action", "state"), LOCAL_REQUEST)
        .map(reply -> reply.body())
        .recover(failure -> StationCommands.isOffline(failure) ? Future.succeededFuture(null)
            : Future.failedFuture(failure));
  }

  private void scheduleTick() {
    tickTimer = vertx.setTimer(ticks.delayMillis(System.nanoTime()), ignored -> tick());
  }

  private void tick() {
    tickLag.record(ticks.fired(System.nanoTime()), TimeUnit.NANOSECONDS);
    Instant now = Instant.now();
    for (TrackSession session : new ArrayList<>(sessions.values())) {
      if (session.phase(now) == TrackSession.Phase.FINISHED) {
        finish(session, "loss of signal").onFailure(failure -> LOG.warn(
            "park after the pass failed [station: {}]: {}", session.target().stationId(),
            failure.getMessage()));
      } else {
        sendSetpoints(session.target().stationId(), now);
      }
    }
    scheduleTick();
  }

  private void sendSetpoints(String stationId, Instant now) {
    TrackSession session = sessions.get(stationId);
    if (session == null) {
      return;
    }
    PassTrack track = session.track();
    PointingSetpoints pointing = new PointingSetpoints(session.epoch(), session.sessionId(),
        track.pointing(now, WINDOW, SPACING));
    commands.send(stationId, pointing);
    RadioSetpoints.Point tuned = null;
    TrackSession.Radio radio = session.radio();
    if (radio != null) {
      RadioSetpoints frequencies = new RadioSetpoints(session.epoch(), session.sessionId(),
          radio.mode(), track.radio(now, WINDOW, SPACING, radio.downlinkHz(), radio.uplinkHz()));
      commands.send(stationId, frequencies);
      tuned = frequencies.points().get(0);
    }
    setpointsSent.increment();
    sessions.put(stationId, session.withCommanded(
        new TrackSession.Commanded(pointing.points().get(0), tuned)));
  }

  private Future<JsonObject> station(UUID orgId, UUID stationId) {
    return node.pool().preparedQuery(STATION).execute(Tuple.of(orgId, stationId)).map(rows -> {
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

  /**
   * The transmitter to follow: the one asked for, or else the first active one with a downlink;
   * {@code null} when the satellite has none.
   */
  private static TrackSession.Radio radio(JsonArray transmitters, String transmitterId) {
    JsonObject chosen = null;
    for (Object entry : transmitters) {
      JsonObject transmitter = (JsonObject) entry;
      if (transmitterId != null ? transmitterId.equals(transmitter.getString("id"))
          : chosen == null && "active".equals(transmitter.getString("status"))
              && transmitter.getLong("downlinkLow") != null) {
        chosen = transmitter;
      }
    }
    if (chosen == null && transmitterId != null) {
      throw ServiceFailure.notFound("transmitter", transmitterId);
    }
    if (chosen == null || chosen.getLong("downlinkLow") == null) {
      if (chosen != null) {
        throw ServiceFailure.invalid("transmitterId", transmitterId, "a transmitter with a downlink");
      }
      return null;
    }
    return new TrackSession.Radio(chosen.getString("id"), chosen.getString("description"),
        chosen.getLong("downlinkLow"), chosen.getLong("uplinkLow"), chosen.getString("mode"));
  }

  /** Where the agent last measured its rotator, from the gateway's latest telemetry. */
  private static RotatorPosition measured(JsonObject connection) {
    JsonObject rotator = Optional.ofNullable(connection.getJsonObject("telemetry"))
        .map(telemetry -> telemetry.getJsonObject("rotator")).orElse(null);
    return rotator == null ? null
        : new RotatorPosition(rotator.getDouble("az"), rotator.getDouble("el"));
  }
}
