package talos.core.streaming;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.live.LiveFeed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The destinations of the organisations whose frames this node handles, and a running sender
 * ({@link Outlet}) for each, each deployed on a context of its own. An organisation's destinations
 * are read when its first frame comes and again whenever they change; a changed destination gets a
 * new sender, a deleted one loses its sender. Not thread-safe: used on the streaming context only.
 */
final class DestinationDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(DestinationDirectory.class);
  private static final String DESTINATIONS = """
      SELECT id, org_id, name, kind, host, port, all_frames, queue_size
        FROM destination WHERE org_id = $1""";
  private static final String CAMPAIGNS = """
      SELECT cd.campaign_id, cd.destination_id
        FROM campaign_destination cd JOIN destination d ON d.id = cd.destination_id
       WHERE d.org_id = $1""";

  /** What an organisation forwards where. */
  private record Routes(List<UUID> allFrames, Map<UUID, List<UUID>> byCampaign) {
  }

  private record Running(Outlet outlet, String deploymentId) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final LiveFeed feed;
  private final Consumer<Outlet> started;
  private final Map<UUID, Routes> routes = new HashMap<>();
  private final Map<UUID, Future<Routes>> loading = new HashMap<>();
  private final Map<UUID, Running> outlets = new HashMap<>();

  /** @param started told of every sender started, for its metrics */
  DestinationDirectory(Vertx vertx, Pool pool, LiveFeed feed, Consumer<Outlet> started) {
    this.vertx = vertx;
    this.pool = pool;
    this.feed = feed;
    this.started = started;
  }

  /** Whether the organisation's routes are known, so that {@link #targets} answers at once. */
  boolean knows(UUID orgId) {
    return routes.containsKey(orgId);
  }

  /** Reads the organisation's destinations (once, however many ask meanwhile). */
  Future<Void> load(UUID orgId) {
    return loading.computeIfAbsent(orgId, this::read).mapEmpty();
  }

  /** The senders a frame of the organisation (and campaign, or {@code null}) goes to. */
  List<Outlet> targets(UUID orgId, UUID campaignId) {
    Routes known = routes.get(orgId);
    if (known == null) {
      return List.of();
    }
    List<UUID> ids = new ArrayList<>(known.allFrames());
    if (campaignId != null) {
      for (UUID id : known.byCampaign().getOrDefault(campaignId, List.of())) {
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    List<Outlet> targets = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      Running running = outlets.get(id);
      if (running != null) {
        targets.add(running.outlet());
      }
    }
    return targets;
  }

  /** The sender of a destination on this node, if it runs here. */
  Outlet outlet(UUID destinationId) {
    Running running = outlets.get(destinationId);
    return running == null ? null : running.outlet();
  }

  Iterable<Outlet> outlets() {
    return outlets.values().stream().map(Running::outlet).toList();
  }

  /** Reads an organisation's destinations again, if this node handles it. */
  Future<Void> changed(UUID orgId) {
    if (!routes.containsKey(orgId)) {
      return Future.succeededFuture();
    }
    loading.remove(orgId);
    return load(orgId);
  }

  /** Stops every sender. */
  Future<Void> close() {
    List<Future<Void>> stopped = new ArrayList<>();
    for (Running running : outlets.values()) {
      stopped.add(stop(running));
    }
    outlets.clear();
    return Future.join(stopped).mapEmpty();
  }

  private Future<Routes> read(UUID orgId) {
    Future<List<Destination>> destinations = pool.preparedQuery(DESTINATIONS)
        .execute(Tuple.of(orgId))
        .map(rows -> {
          List<Destination> list = new ArrayList<>();
          rows.forEach(row -> list.add(Destination.of(row)));
          return list;
        });
    Future<Map<UUID, List<UUID>>> campaigns = pool.preparedQuery(CAMPAIGNS).execute(Tuple.of(orgId))
        .map(rows -> {
          Map<UUID, List<UUID>> byCampaign = new HashMap<>();
          for (Row row : rows) {
            byCampaign.computeIfAbsent(row.getUUID("campaign_id"), id -> new ArrayList<>())
                .add(row.getUUID("destination_id"));
          }
          return byCampaign;
        });
    return Future.all(destinations, campaigns)
        .map(both -> {
          apply(orgId, destinations.result());
          List<UUID> all = destinations.result().stream().filter(Destination::allFrames)
              .map(Destination::id).toList();
          Routes read = new Routes(all, campaigns.result());
          routes.put(orgId, read);
          return read;
        })
        .onFailure(failure -> {
          loading.remove(orgId);
          LOG.warn("destinations not read [org: {}]", orgId, failure);
        });
  }

  /** Starts, restarts and stops the senders so that they match the destinations read. */
  private void apply(UUID orgId, List<Destination> destinations) {
    Set<UUID> wanted = new HashSet<>();
    for (Destination destination : destinations) {
      wanted.add(destination.id());
      Running running = outlets.get(destination.id());
      if (running != null && destination.sendsLike(running.outlet().destination)) {
        continue;
      }
      if (running != null) {
        stop(running);
      }
      start(destination);
    }
    for (UUID id : new ArrayList<>(outlets.keySet())) {
      Running running = outlets.get(id);
      if (running.outlet().destination.orgId().equals(orgId) && !wanted.contains(id)) {
        outlets.remove(id);
        stop(running);
        LOG.info("destination stopped [destination: {}]", id);
      }
    }
  }

  /** Stops a sender; one still being deployed is undeployed when its deployment ends. */
  private Future<Void> stop(Running running) {
    return running.deploymentId() == null ? Future.succeededFuture()
        : vertx.undeploy(running.deploymentId());
  }

  private void start(Destination destination) {
    Outlet outlet = switch (destination.kind()) {
      case YAMCS_UDP, UDP -> new DatagramOutlet(destination);
      case YAMCS_TCP -> new ServerOutlet(destination);
      case TCP -> new StreamOutlet(destination);
      case LIVE -> new LiveOutlet(destination, feed);
    };
    // the sender takes frames at once; they wait in its queue until its context runs
    Running running = new Running(outlet, null);
    outlets.put(destination.id(), running);
    started.accept(outlet);
    vertx.deployVerticle(new OutletVerticle(outlet), new DeploymentOptions())
        .onSuccess(id -> {
          if (outlets.get(destination.id()) == running) {
            outlets.put(destination.id(), new Running(outlet, id));
            LOG.info("destination started [destination: {}, name: {}, kind: {}, target: {}]",
                destination.id(), destination.name(), destination.kind().wireName(),
                destination.kind() == Destination.Kind.LIVE ? "live feed"
                    : destination.host() + ":" + destination.port());
          } else {
            vertx.undeploy(id);
          }
        })
        .onFailure(failure -> LOG.warn("destination not started [destination: {}]",
            destination.id(), failure));
  }

  /** The figures of every sender on this node, by destination id. */
  Map<String, JsonObject> stats() {
    Map<String, JsonObject> all = new HashMap<>();
    for (Map.Entry<UUID, Running> entry : outlets.entrySet()) {
      Outlet outlet = entry.getValue().outlet();
      all.put(entry.getKey().toString(), outlet.stats.toJson(outlet.queued()));
    }
    return all;
  }
}
