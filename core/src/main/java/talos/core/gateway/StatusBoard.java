package talos.core.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import talos.core.cluster.ClusterView;

import java.util.List;

/**
 * The current status of every station, shared by the nodes of a cluster (an async map, in memory on
 * a node alone): the retained status an operator gets on subscribing. Each entry is the
 * {@code talos.station.status} body plus the {@code node} and {@code connection} it came from, so
 * that a closing connection that was already replaced does not mark its station offline, and an
 * entry left by a node that left the cluster reads as offline.
 */
final class StatusBoard {

  static final String MAP = "talos.gateway.status";

  private static final String NODE = "node";
  private static final String CONNECTION = "connection";

  private final Future<AsyncMap<String, JsonObject>> map;
  private final ClusterView cluster;

  StatusBoard(Vertx vertx, ClusterView cluster) {
    this.map = vertx.sharedData().getAsyncMap(MAP);
    this.cluster = cluster;
  }

  /** Records {@code status}, sent through {@code connection} held by this node. */
  Future<Void> put(JsonObject status, String connection) {
    JsonObject entry = status.copy().put(NODE, cluster.nodeId()).put(CONNECTION, connection);
    return map.compose(statuses -> statuses.put(status.getString("stationId"), entry));
  }

  /**
   * Records {@code status} only if {@code connection} is still the one the station's status came
   * from.
   *
   * @return a future that succeeds with whether it was recorded
   */
  Future<Boolean> putIfCurrent(JsonObject status, String connection) {
    String stationId = status.getString("stationId");
    return map.compose(statuses -> statuses.get(stationId).compose(entry -> {
      if (entry != null && !connection.equals(entry.getString(CONNECTION))) {
        return Future.succeededFuture(false);
      }
      return put(status, connection).map(true);
    }));
  }

  /**
   * The statuses of an organisation's stations, or of one of them when {@code stationId} is not
   * {@code null}, as {@code talos.station.status} bodies.
   */
  Future<List<JsonObject>> of(String orgSlug, String stationId) {
    List<String> members = cluster.members();
    return map.compose(AsyncMap::values).map(entries -> entries.stream()
        .filter(entry -> orgSlug.equals(entry.getString("orgSlug")))
        .filter(entry -> stationId == null || stationId.equals(entry.getString("stationId")))
        .map(entry -> {
          JsonObject status = entry.copy();
          status.remove(NODE);
          status.remove(CONNECTION);
          if (!members.contains(entry.getString(NODE))) {
            status.put("state", "offline");
          }
          return status;
        })
        .toList());
  }
}
