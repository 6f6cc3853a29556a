package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.Addresses;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.db.SqlErrors;
import talos.core.security.Sanitizer;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The destinations of an organisation's frames, and which campaigns name them. Owners manage
 * destinations (they decide where the organisation's data may go), operators choose them for
 * their campaigns, every member reads them with the figures of their sending.
 */
final class Destinations {

  static final int NAME_MAX = 80;
  static final int QUEUE_MAX = 1_000_000;
  static final int QUEUE_DEFAULT = 10_000;

  /** A host name or an IPv4 or IPv6 address, without scheme, port or path. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[?[0-9A-Fa-f:.]{2,45}]?");

  private static final String COLUMNS = "id, org_id, name, kind, host, port, all_frames, queue_size";
  private static final String LIST = "SELECT " + COLUMNS + " FROM destination WHERE org_id = $1 ORDER BY name";
  private static final String ONE = "SELECT " + COLUMNS + " FROM destination WHERE org_id = $1 AND id = $2";
  private static final String INSERT = """
      INSERT INTO destination (org_id, name, kind, host, port, all_frames, queue_size, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING""" + " " + COLUMNS;
  private static final String UPDATE = """
      UPDATE destination SET name = $3, host = $4, port = $5, all_frames = $6, queue_size = $7
       WHERE org_id = $1 AND id = $2 RETURNING""" + " " + COLUMNS;
  private static final String DELETE = "DELETE FROM destination WHERE org_id = $1 AND id = $2";
  private static final String CAMPAIGNS = """
      SELECT cd.destination_id, cd.campaign_id FROM campaign_destination cd
        JOIN destination d ON d.id = cd.destination_id WHERE d.org_id = $1""";
  private static final String CAMPAIGN = "SELECT 1 FROM campaign WHERE org_id = $1 AND id = $2";
  private static final String LINK = """
      INSERT INTO campaign_destination (campaign_id, destination_id) VALUES ($1, $2)
      ON CONFLICT DO NOTHING""";
  private static final String UNLINK = """
      DELETE FROM campaign_destination WHERE campaign_id = $1 AND destination_id = $2""";

  private final Pool pool;
  private final Access access;
  private final EventBus bus;
  private final Future<AsyncMap<String, JsonObject>> stats;

  /** @param stats every destination's sending figures, by destination id, across the cluster */
  Destinations(Pool pool, Access access, EventBus bus, Future<AsyncMap<String, JsonObject>> stats) {
    this.pool = pool;
    this.access = access;
    this.bus = bus;
    this.stats = stats;
  }

  Future<Reply> list(ApiRequest request) {
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> Future.all(pool.preparedQuery(LIST).execute(Tuple.of(grant.orgId())),
                campaigns(grant.orgId()))
            .compose(both -> {
              List<Destination> destinations = new ArrayList<>();
              both.<io.vertx.sqlclient.RowSet<Row>>resultAt(0).forEach(row -> destinations.add(Destination.of(row)));
              Map<UUID, JsonArray> linked = both.resultAt(1);
              return withStats(destinations, linked);
            }))
        .map(list -> Reply.ok(new JsonObject().put("destinations", list)));
  }

  Future<Reply> get(ApiRequest request) {
    UUID id = request.uuidParam("destinationId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> one(pool, grant.orgId(), id)
            .compose(destination -> campaigns(grant.orgId())
                .compose(linked -> withStats(List.of(destination), linked))))
        .map(list -> Reply.ok(list.getJsonObject(0)));
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    String slug = request.pathParam("slug");
    JsonObject body = request.body();
    Destination.Kind kind = kind(body.getString("kind"));
    String name = name(body.getString("name"));
    String host = kind == Destination.Kind.LIVE ? null : host(body.getString("host"));
    Integer port = kind == Destination.Kind.LIVE ? null : port(body.getValue("port"), kind);
    boolean allFrames = body.getBoolean("allFrames", false);
    int queueSize = queueSize(body.getValue("queueSize", QUEUE_DEFAULT));

    return access.require(principal, slug, Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> connection.preparedQuery(INSERT)
                .execute(Tuple.of(grant.orgId(), name, kind.wireName(), host, port, allFrames,
                    queueSize, principal.userUuid()))
                .compose(rows -> {
                  Destination created = Destination.of(rows.iterator().next());
                  return AuditLog.record(connection, principal.userId(), "destination.created",
                          grant.orgId(), created.toJson())
                      .map(ignored -> created);
                }))
            .recover(e -> nameTaken(e, name, slug))
            .onSuccess(created -> changed(grant.orgId())))
        .compose(created -> withStats(List.of(created), Map.of()))
        .map(list -> Reply.created(list.getJsonObject(0), "/api/orgs/" + slug + "/destinations/"
            + list.getJsonObject(0).getString("id")));
  }

  Future<Reply> update(ApiRequest request) {
    Principal principal = request.principal();
    String slug = request.pathParam("slug");
    UUID id = request.uuidParam("destinationId");
    JsonObject body = request.body();

    return access.require(principal, slug, Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> one(connection, grant.orgId(), id)
                .compose(current -> {
                  boolean live = current.kind() == Destination.Kind.LIVE;
                  String name = body.containsKey("name") ? name(body.getString("name")) : current.name();
                  String host = live || !body.containsKey("host") ? current.host() : host(body.getString("host"));
                  Integer port = live ? null : body.containsKey("port")
                      ? port(body.getValue("port"), current.kind()) : (Integer) current.port();
                  boolean allFrames = body.getBoolean("allFrames", current.allFrames());
                  int queueSize = body.containsKey("queueSize") ? queueSize(body.getValue("queueSize"))
                      : current.queueSize();
                  return connection.preparedQuery(UPDATE).execute(Tuple.of(grant.orgId(), id, name,
                      host, port, allFrames, queueSize));
                })
                .compose(rows -> {
                  Destination updated = Destination.of(rows.iterator().next());
                  return AuditLog.record(connection, principal.userId(), "destination.updated",
                          grant.orgId(), updated.toJson())
                      .map(ignored -> updated);
                }))
            .recover(e -> nameTaken(e, body.getString("name"), slug))
            .onSuccess(updated -> changed(grant.orgId()))
            .compose(updated -> campaigns(grant.orgId())
                .compose(linked -> withStats(List.of(updated), linked))))
        .map(list -> Reply.ok(list.getJsonObject(0)));
  }

  Future<Reply> delete(ApiRequest request) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("destinationId");
    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> connection.preparedQuery(DELETE)
                .execute(Tuple.of(grant.orgId(), id))
                .compose(rows -> rows.rowCount() == 0
                    ? Future.failedFuture(ServiceFailure.notFound("destination", id))
                    : AuditLog.record(connection, principal.userId(), "destination.deleted",
                        grant.orgId(), new JsonObject().put("destination", id.toString()))))
            .onSuccess(ignored -> changed(grant.orgId())))
        .map(ignored -> Reply.noContent());
  }

  /** Names a destination for a campaign's frames (operators); again is harmless. */
  Future<Reply> link(ApiRequest request) {
    return linking(request, LINK, "campaign.destination_added");
  }

  Future<Reply> unlink(ApiRequest request) {
    return linking(request, UNLINK, "campaign.destination_removed");
  }

  private Future<Reply> linking(ApiRequest request, String statement, String action) {
    Principal principal = request.principal();
    UUID campaignId = request.uuidParam("campaignId");
    UUID destinationId = request.uuidParam("destinationId");
    return access.require(principal, request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection -> connection.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(grant.orgId(), campaignId))
                .compose(rows -> rows.size() == 0
                    ? Future.failedFuture(ServiceFailure.notFound("campaign", campaignId))
                    : one(connection, grant.orgId(), destinationId))
                .compose(destination -> connection.preparedQuery(statement)
                    .execute(Tuple.of(campaignId, destinationId)))
                .compose(rows -> AuditLog.record(connection, principal.userId(), action, grant.orgId(),
                    new JsonObject().put("campaign", campaignId.toString())
                        .put("destination", destinationId.toString()))))
            .onSuccess(ignored -> changed(grant.orgId())))
        .map(ignored -> Reply.noContent());
  }

  /** Turns the database's refusal of a second destination of one name into a 409. */
  private static <T> Future<T> nameTaken(Throwable failure, String name, String slug) {
    return Future.failedFuture(SqlErrors.isUniqueViolation(failure)
        ? ServiceFailure.conflict("a destination named '" + name + "' exists already in organisation '"
            + slug + "'; choose another name")
        : failure);
  }

  private void changed(UUID orgId) {
    bus.publish(Addresses.STREAMING_DESTINATIONS_CHANGED, new JsonObject().put("orgId", orgId.toString()));
  }

  private static Future<Destination> one(SqlClient client, UUID orgId, UUID id) {
    return client.preparedQuery(ONE).execute(Tuple.of(orgId, id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ServiceFailure.notFound("destination", id))
        : Future.succeededFuture(Destination.of(rows.iterator().next())));
  }

  private Future<Map<UUID, JsonArray>> campaigns(UUID orgId) {
    return pool.preparedQuery(CAMPAIGNS).execute(Tuple.of(orgId)).map(rows -> {
      Map<UUID, JsonArray> linked = new HashMap<>();
      rows.forEach(row -> linked.computeIfAbsent(row.getUUID("destination_id"), id -> new JsonArray())
          .add(row.getUUID("campaign_id").toString()));
      return linked;
    });
  }

  /** The destinations as the API shows them: with their campaigns and their sending figures. */
  private Future<JsonArray> withStats(List<Destination> destinations, Map<UUID, JsonArray> linked) {
    return stats.compose(map -> Future.all(destinations.stream()
            .map(destination -> map.get(destination.id().toString())).toList()))
        .map(all -> {
          JsonArray list = new JsonArray();
          for (int i = 0; i < destinations.size(); i++) {
            Destination destination = destinations.get(i);
            JsonObject figures = all.resultAt(i);
            list.add(destination.toJson()
                .put("campaigns", linked.getOrDefault(destination.id(), new JsonArray()))
                .put("stats", figures != null ? figures : new JsonObject().put("state", "idle")
                    .put("sent", 0).put("dropped", 0).put("failed", 0).put("queued", 0)));
          }
          return list;
        });
  }

  private static Destination.Kind kind(String value) {
    try {
      return Destination.Kind.fromWire(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ServiceFailure.invalid("kind", value, "one of " + Destination.Kind.allowed());
    }
  }

  private static String name(String raw) {
    String name = Sanitizer.plainText(raw == null ? "" : raw).strip();
    if (name.isEmpty() || name.length() > NAME_MAX) {
      throw ServiceFailure.invalid("name", raw, "1 to " + NAME_MAX + " characters of plain text");
    }
    return name;
  }

  private static String host(String host) {
    if (host == null || !HOST.matcher(host).matches()) {
      throw ServiceFailure.invalid("host", host,
          "a host name or IP address, without scheme, port or path (such as yamcs.example.org or 10.0.0.5)");
    }
    return host;
  }

  private static int port(Object value, Destination.Kind kind) {
    if (value == null && kind.defaultPort() > 0) {
      return kind.defaultPort();
    }
    if (!(value instanceof Number number) || number.intValue() < 1 || number.intValue() > 65535
        || number.doubleValue() != number.intValue()) {
      throw ServiceFailure.invalid("port", value, "a port from 1 to 65535"
          + (kind.defaultPort() > 0 ? " (default " + kind.defaultPort() + ")" : ""));
    }
    return number.intValue();
  }

  private static int queueSize(Object value) {
    if (!(value instanceof Number number) || number.intValue() < 1 || number.intValue() > QUEUE_MAX
        || number.doubleValue() != number.intValue()) {
      throw ServiceFailure.invalid("queueSize", value, "a whole number of frames from 1 to " + QUEUE_MAX);
    }
    return number.intValue();
  }
}
