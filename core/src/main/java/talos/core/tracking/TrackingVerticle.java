package talos.core.tracking;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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
import talos.core.orbit.Ephemeris;
import talos.core.orbit.Look;
import talos.core.orbit.MagicFind;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;
import talos.core.station.StationGeometry;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tracking feature: passes of a satellite over a station, where to point and which frequency
 * to tune at an instant, and a public tracker over any coordinates. It keeps the newest element set
 * of every satellite in memory, reloaded whenever the catalogue changes, and runs the orbit
 * computations on worker threads.
 */
public final class TrackingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingVerticle.class);
  private static final String STATION = """
      SELECT latitude, longitude, altitude, horizon_mask FROM station WHERE org_id = $1 AND id = $2""";
  private static final Duration RELOAD_INTERVAL = Duration.ofMinutes(15);
  private static final int PUBLIC_PASSES = 5;
  private static final int MAGIC_FIND_THREADS = 2;
  private static final int MAGIC_FIND_RESULTS = 50;

  private final NodeContext node;
  private OrbitContext orbit;
  private PassPredictor predictor;
  private CatalogueStore store;
  private Access access;
  private volatile Map<Integer, CatalogueStore.Latest> elements = Map.of();
  private volatile List<MagicFind.Candidate> candidates = List.of();
  private MagicFind magicFind;

  public TrackingVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    store = new CatalogueStore(node.pool());
    access = new Access(node.pool());
    vertx.eventBus().consumer(Addresses.CATALOGUE_CHANGED, ignored -> reload());
    vertx.setPeriodic(RELOAD_INTERVAL.toMillis(), ignored -> reload());

    return vertx.executeBlocking(() -> OrbitContext.create(node.config().catalogue().orekitData()))
        .onSuccess(context -> {
          orbit = context;
          predictor = new PassPredictor(context);
          magicFind = new MagicFind(context);
        })
        .compose(ignored -> reload())
        .compose(ignored -> new Operations(vertx.eventBus())
            .serve(Addresses.TRACKING_PASSES, this::passes)
            .serve(Addresses.TRACKING_TRACK, this::track)
            .serve(Addresses.TRACKING_PUBLIC, this::publicTracker)
            .serve(Addresses.TRACKING_MAGIC_FIND, this::magicFind)
            .ready());
  }

  private Future<Void> reload() {
    return Future.all(store.latestElements(), store.activeDownlinks())
        .compose(both -> vertx.executeBlocking(() -> {
          List<CatalogueStore.Latest> latest = both.resultAt(0);
          Map<Integer, List<JsonObject>> downlinks = both.resultAt(1);
          Map<Integer, CatalogueStore.Latest> byId = new HashMap<>();
          List<MagicFind.Candidate> withRadios = new ArrayList<>();
          for (CatalogueStore.Latest entry : latest) {
            byId.put(entry.noradId(), entry);
            List<JsonObject> radios = downlinks.getOrDefault(entry.noradId(), List.of());
            if (!radios.isEmpty()) {
              withRadios.add(new MagicFind.Candidate(entry.noradId(), entry.name(),
                  Ephemeris.sgp4(new TLE(entry.line1(), entry.line2(), orbit.utc())), radios.stream()
                  .map(radio -> new MagicFind.Downlink(radio.getString("id"), radio.getLong("low"),
                      radio.getLong("high") == null ? Double.NaN : radio.getLong("high"), radio.getString("mode")))
                  .toList()));
            }
          }
          elements = byId;
          candidates = withRadios;
          LOG.debug("element sets loaded [satellites: {}, with downlinks: {}]", byId.size(), withRadios.size());
          return null;
        }, false))
        .mapEmpty();
  }

  private Future<Reply> magicFind(ApiRequest request) {
    JsonObject body = request.body();
    Site site = Site.at(body.getDouble("latitude"), body.getDouble("longitude"), body.getDouble("altitude", 0.0));
    MagicFind.Observation observation = new MagicFind.Observation(site, instant(body.getString("at")),
        body.getDouble("frequency"), body.getDouble("frequencyTolerance", 5_000.0),
        body.getDouble("azimuth", Double.NaN), body.getDouble("elevation", Double.NaN),
        body.getDouble("pointingTolerance", 10.0));
    List<MagicFind.Candidate> pool = candidates;
    return vertx.executeBlocking(() -> magicFind.find(pool, observation, MAGIC_FIND_THREADS), false)
        .map(matches -> {
          JsonArray list = new JsonArray();
          matches.stream().limit(MAGIC_FIND_RESULTS).forEach(match -> list.add(new JsonObject()
              .put("noradId", match.noradId())
              .put("name", match.name())
              .put("transmitterId", match.transmitterId())
              .put("mode", match.mode())
              .put("predictedFrequency", match.predictedFrequency())
              .put("frequencyError", match.frequencyError())
              .put("azimuth", match.azimuth())
              .put("elevation", match.elevation())
              .put("rangeRate", match.rangeRate())
              .put("pointingError", Double.isNaN(match.pointingError()) ? null : match.pointingError())));
          return Reply.ok(new JsonObject().put("considered", pool.size()).put("matches", list));
        });
  }

  private Future<Reply> passes(ApiRequest request) {
    int noradId = request.query().getInteger("noradId");
    Instant from = instant(request.query().getString("from"));
    int hours = request.query().getInteger("hours", 24);
    double minElevation = request.query().getDouble("minElevation", 0.0);
    return station(request).compose(site -> {
      TLE tle = elements(noradId);
      return vertx.executeBlocking(() -> predictor.passes(tle, site, minElevation, from,
              from.plus(Duration.ofHours(hours))), false)
          .map(passes -> Reply.ok(new JsonObject()
              .put("noradId", noradId)
              .put("from", from.toString())
              .put("to", from.plus(Duration.ofHours(hours)).toString())
              .put("passes", passes(passes))));
    });
  }

  private Future<Reply> track(ApiRequest request) {
    int noradId = request.path().getInteger("noradId");
    Instant at = instant(request.query().getString("at"));
    return station(request).compose(site -> {
      TLE tle = elements(noradId);
      return Future.all(vertx.executeBlocking(() -> new Tracker(orbit, tle, site).look(at), false),
              store.transmitters(noradId))
          .map(both -> {
            Look look = both.resultAt(0);
            JsonArray transmitters = both.resultAt(1);
            return Reply.ok(look(look).put("noradId", noradId).put("transmitters", doppler(look, transmitters)));
          });
    });
  }

  private Future<Reply> publicTracker(ApiRequest request) {
    int noradId = request.path().getInteger("noradId");
    JsonObject query = request.query();
    Site site = Site.at(query.getDouble("latitude"), query.getDouble("longitude"), query.getDouble("altitude", 0.0));
    Instant at = instant(query.getString("at"));
    TLE tle = elements(noradId);
    return vertx.executeBlocking(() -> {
      Look look = new Tracker(orbit, tle, site).look(at);
      List<Pass> next = predictor.passes(tle, site, 0, at, at.plus(Duration.ofDays(2)));
      return look(look).put("noradId", noradId)
          .put("name", elements.get(noradId).name())
          .put("passes", passes(next.subList(0, Math.min(PUBLIC_PASSES, next.size()))));
    }, false).map(Reply::ok);
  }

  private Future<Site> station(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> node.pool().preparedQuery(STATION).execute(Tuple.of(grant.orgId(), stationId)))
        .map(rows -> {
          if (rows.size() == 0) {
            throw ServiceFailure.notFound("station", stationId);
          }
          Row row = rows.iterator().next();
          return StationGeometry.site(row.getDouble("latitude"), row.getDouble("longitude"),
              row.getDouble("altitude"), row.getJsonArray("horizon_mask"));
        });
  }

  private TLE elements(int noradId) {
    CatalogueStore.Latest latest = elements.get(noradId);
    if (latest == null) {
      throw ServiceFailure.of(ServiceFailure.NOT_FOUND, "satellite " + noradId
          + " has no element set in the catalogue; search with GET /api/satellites?q=");
    }
    return new TLE(latest.line1(), latest.line2(), orbit.utc());
  }

  private static Instant instant(String text) {
    if (text == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw ServiceFailure.invalid("time", text, "an ISO-8601 instant such as 2026-03-19T12:00:00Z");
    }
  }

  private static JsonObject look(Look look) {
    return new JsonObject()
        .put("at", look.instant().toString())
        .put("azimuth", look.azimuth())
        .put("elevation", look.elevation())
        .put("range", look.range())
        .put("rangeRate", look.rangeRate())
        .put("latitude", look.latitude())
        .put("longitude", look.longitude())
        .put("altitude", look.altitude())
        .put("footprintRadius", look.footprintRadius())
        .put("sunlit", look.sunlit());
  }

  private static JsonArray passes(List<Pass> passes) {
    JsonArray list = new JsonArray();
    for (Pass pass : passes) {
      list.add(new JsonObject()
          .put("aos", pass.aos().toString())
          .put("tca", pass.tca().toString())
          .put("los", pass.los().toString())
          .put("aosAzimuth", pass.aosAzimuth())
          .put("tcaAzimuth", pass.tcaAzimuth())
          .put("losAzimuth", pass.losAzimuth())
          .put("maxElevation", pass.maxElevation())
          .put("startsBeforeWindow", pass.startsBeforeWindow())
          .put("endsAfterWindow", pass.endsAfterWindow()));
    }
    return list;
  }

  /** Each transmitter with the frequencies to tune now: heard on the downlink, sent on the uplink. */
  private static JsonArray doppler(Look look, JsonArray transmitters) {
    JsonArray list = new JsonArray();
    for (Object entry : transmitters) {
      JsonObject transmitter = ((JsonObject) entry).copy();
      Long downlink = transmitter.getLong("downlinkLow");
      Long uplink = transmitter.getLong("uplinkLow");
      transmitter.put("downlinkCorrected", downlink == null ? null : look.downlink(downlink));
      transmitter.put("uplinkCorrected", uplink == null ? null : look.uplink(uplink));
      list.add(transmitter);
    }
    return list;
  }
}
