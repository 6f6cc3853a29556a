package talos.core.campaign;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.db.SqlErrors;
import talos.core.security.Sanitizer;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An organisation's campaigns: their description, priority and optional time span, and their status,
 * which changes only along the legal transitions of {@link CampaignStatus}. Operators manage them,
 * every member reads them. A completed or cancelled campaign no longer changes, and its bookings of
 * stations are released.
 */
final class Campaigns {

  static final int NAME_MAX = 80;
  static final int DESCRIPTION_MAX = 2000;

  private static final String COLUMNS = """
      id, name, description, priority, status, starts_at, ends_at, min_elevation, created_at, updated_at""";
  private static final String INSERT = """
      INSERT INTO campaign (org_id, name, description, priority, starts_at, ends_at, min_elevation)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING""" + " " + COLUMNS;
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM campaign WHERE org_id = $1 ORDER BY priority, name";
  private static final String ONE = "SELECT " + COLUMNS + " FROM campaign WHERE org_id = $1 AND id = $2";
  private static final String LOCK = ONE + " FOR UPDATE";
  private static final String SHARE = ONE + " FOR SHARE";
  private static final String UPDATE = """
      UPDATE campaign SET name = $3, description = $4, priority = $5, starts_at = $6, ends_at = $7,
             min_elevation = $8, updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING""" + " " + COLUMNS;
  private static final String TRANSITION = """
      UPDATE campaign SET status = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING"""
      + " " + COLUMNS;
  private static final String RELEASE =
      "UPDATE campaign_assignment SET released = true WHERE campaign_id = $1";
  private static final String TARGET_COUNT =
      "SELECT count(*) AS targets FROM campaign_target WHERE campaign_id = $1";
  private static final String TARGETS = """
      SELECT t.norad_id, s.name, t.weight, t.transmitter_id
        FROM campaign_target t JOIN satellite s ON s.norad_id = t.norad_id
       WHERE t.campaign_id = $1 ORDER BY t.weight DESC, t.norad_id""";
  private static final String ASSIGNMENTS = """
      SELECT a.id, a.station_id, s.name AS station_name, lower(a.during) AS from_at,
             upper(a.during) AS to_at, a.released
        FROM campaign_assignment a JOIN station s ON s.id = a.station_id
       WHERE a.campaign_id = $1 ORDER BY lower(a.during) NULLS FIRST, s.name""";

  private final Pool pool;
  private final Access access;
  private final ChangeNotices notices;

  Campaigns(Pool pool, Access access, ChangeNotices notices) {
    this.pool = pool;
    this.access = access;
    this.notices = notices;
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    String slug = request.pathParam("slug");
    Plan plan = Plan.from(request.body(), null);

    return access.require(principal, slug, Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection -> connection.preparedQuery(INSERT)
                .execute(Tuple.of(grant.orgId(), plan.name(), plan.description(), plan.priority(),
                    plan.startsAt(), plan.endsAt(), plan.minElevation()))
                .compose(rows -> {
                  JsonObject campaign = toJson(rows.iterator().next());
                  return AuditLog.record(connection, principal.userId(), "campaign.created", grant.orgId(),
                          new JsonObject().put("campaign", campaign.getString("id")).put("name", plan.name()))
                      .map(ignored -> campaign);
                }))
            .onSuccess(campaign ->
                notices.publish(grant.orgId(), UUID.fromString(campaign.getString("id")), null))
            .map(campaign -> Reply.created(campaign,
                "/api/orgs/" + slug + "/campaigns/" + campaign.getString("id"))))
        .recover(e -> Future.failedFuture(nameTaken(e, plan.name())));
  }

  Future<Reply> list(ApiRequest request) {
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> pool.preparedQuery(LIST).execute(Tuple.of(grant.orgId())))
        .map(rows -> {
          JsonArray campaigns = new JsonArray();
          rows.forEach(row -> campaigns.add(toJson(row)));
          return Reply.ok(new JsonObject().put("campaigns", campaigns));
        });
  }

  Future<Reply> get(ApiRequest request) {
    UUID id = request.uuidParam("campaignId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> find(pool, ONE, grant.orgId(), id))
        .compose(row -> Future.all(
                pool.preparedQuery(TARGETS).execute(Tuple.of(id)),
                pool.preparedQuery(ASSIGNMENTS).execute(Tuple.of(id)))
            .map(details -> {
              RowSet<Row> targetRows = details.resultAt(0);
              RowSet<Row> assignmentRows = details.resultAt(1);
              JsonArray targets = new JsonArray();
              JsonArray assignments = new JsonArray();
              targetRows.forEach(target -> targets.add(targetJson(target)));
              assignmentRows.forEach(assignment -> assignments.add(assignmentJson(assignment)));
              return Reply.ok(toJson(row).put("targets", targets).put("assignments", assignments));
            }));
  }

  Future<Reply> update(ApiRequest request) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("campaignId");
    JsonObject changes = request.body();

    return access.require(principal, request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection -> find(connection, LOCK, grant.orgId(), id)
                .compose(current -> {
                  requireOpen(current, "change");
                  Plan plan = Plan.from(changes, toJson(current));
                  return connection.preparedQuery(UPDATE)
                      .execute(Tuple.of(grant.orgId(), id, plan.name(), plan.description(), plan.priority(),
                          plan.startsAt(), plan.endsAt(), plan.minElevation()))
                      .recover(e -> Future.failedFuture(nameTaken(e, plan.name())));
                })
                .compose(rows -> AuditLog.record(connection, principal.userId(), "campaign.updated", grant.orgId(),
                        new JsonObject().put("campaign", id.toString())
                            .put("fields", new JsonArray(changes.fieldNames().stream().sorted().toList())))
                    .map(ignored -> toJson(rows.iterator().next()))))
            .onSuccess(campaign -> notices.publish(grant.orgId(), id, null)))
        .map(Reply::ok);
  }

  /**
   * Moves a campaign to {@code target}: fails with 409 naming the current status and the allowed
   * transitions when that is not one of them, and when a draft without targets is to be scheduled.
   */
  Future<Reply> transition(ApiRequest request, CampaignStatus target) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("campaignId");

    return access.require(principal, request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection -> find(connection, LOCK, grant.orgId(), id)
                .compose(current -> {
                  CampaignStatus status = CampaignStatus.of(current.getString("status"));
                  if (!status.canBecome(target)) {
                    throw ServiceFailure.conflict("cannot " + target.action() + " campaign '"
                        + current.getString("name") + "': it is " + status.apiName()
                        + "; allowed transitions from " + status.apiName() + ": " + status.allowedActions());
                  }
                  return target == CampaignStatus.SCHEDULED ? requireTargets(connection, current)
                      : Future.succeededFuture();
                })
                .compose(ignored -> connection.preparedQuery(TRANSITION)
                    .execute(Tuple.of(grant.orgId(), id, target.apiName())))
                .compose(rows -> target.open() ? Future.succeededFuture(rows)
                    : connection.preparedQuery(RELEASE).execute(Tuple.of(id)).map(released -> rows))
                .compose(rows -> AuditLog.record(connection, principal.userId(), "campaign." + target.apiName(),
                        grant.orgId(), new JsonObject().put("campaign", id.toString()))
                    .map(ignored -> toJson(rows.iterator().next()))))
            .onSuccess(campaign -> notices.publish(grant.orgId(), id, null)))
        .map(Reply::ok);
  }

  /**
   * The campaign {@code id} of the organisation, share-locked until the end of the caller's
   * transaction so that its status cannot change meanwhile.
   *
   * @return a future that fails with 404 for an unknown campaign and 409 for a completed or
   *     cancelled one
   */
  static Future<Row> openForChange(SqlClient connection, UUID orgId, UUID id, String change) {
    return find(connection, SHARE, orgId, id).map(row -> {
      requireOpen(row, change);
      return row;
    });
  }

  private static Future<Row> find(SqlClient client, String query, UUID orgId, UUID id) {
    return client.preparedQuery(query).execute(Tuple.of(orgId, id)).map(rows -> {
      if (rows.size() == 0) {
        throw ServiceFailure.notFound("campaign", id);
      }
      return rows.iterator().next();
    });
  }

  private static void requireOpen(Row campaign, String change) {
    CampaignStatus status = CampaignStatus.of(campaign.getString("status"));
    if (!status.open()) {
      throw ServiceFailure.conflict("cannot " + change + " campaign '" + campaign.getString("name")
          + "': it is " + status.apiName() + ", which is final; allowed transitions: none");
    }
  }

  private static Future<Void> requireTargets(SqlClient connection, Row campaign) {
    return connection.preparedQuery(TARGET_COUNT).execute(Tuple.of(campaign.getUUID("id"))).map(rows -> {
      if (rows.iterator().next().getLong("targets") == 0) {
        throw ServiceFailure.conflict("cannot schedule campaign '" + campaign.getString("name")
            + "': it has no target; add at least one satellite first");
      }
      return null;
    });
  }

  private static Throwable nameTaken(Throwable e, String name) {
    return SqlErrors.isUniqueViolation(e)
        ? ServiceFailure.conflict("a campaign named '" + name + "' already exists in this organisation")
        : e;
  }

  static JsonObject toJson(Row row) {
    CampaignStatus status = CampaignStatus.of(row.getString("status"));
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("description", row.getString("description"))
        .put("priority", row.getInteger("priority"))
        .put("status", status.apiName())
        .put("transitions", new JsonArray(status.next().stream().map(CampaignStatus::action).toList()))
        .put("startsAt", text(row.getOffsetDateTime("starts_at")))
        .put("endsAt", text(row.getOffsetDateTime("ends_at")))
        .put("minElevation", row.getDouble("min_elevation"))
        .put("createdAt", text(row.getOffsetDateTime("created_at")))
        .put("updatedAt", text(row.getOffsetDateTime("updated_at")));
  }

  static JsonObject targetJson(Row row) {
    return new JsonObject()
        .put("noradId", row.getInteger("norad_id"))
        .put("name", row.getString("name"))
        .put("weight", row.getDouble("weight"))
        .put("transmitterId", row.getString("transmitter_id"));
  }

  static JsonObject assignmentJson(Row row) {
    Window window = Window.of(row);
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("stationId", row.getUUID("station_id").toString())
        .put("stationName", row.getString("station_name"))
        .put("window", window == null ? null : window.toJson())
        .put("released", row.getBoolean("released"));
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }

  /**
   * A campaign's description, checked beyond what the contract can say: a non-empty plain-text name,
   * a plain-text description, and an end after the start when both are given.
   */
  record Plan(String name, String description, int priority, OffsetDateTime startsAt, OffsetDateTime endsAt,
              double minElevation) {

    /** The plan described by {@code changes}, with missing fields taken from {@code current}. */
    static Plan from(JsonObject changes, JsonObject current) {
      JsonObject merged = current == null ? new JsonObject() : current.copy();
      changes.forEach(entry -> merged.put(entry.getKey(), entry.getValue()));

      String rawName = merged.getString("name");
      String name = Sanitizer.plainText(rawName);
      if (name == null || name.isEmpty() || name.length() > NAME_MAX) {
        throw ServiceFailure.invalid("name", rawName, "1 to " + NAME_MAX + " characters of plain text");
      }
      String rawDescription = merged.getString("description", "");
      String description = Sanitizer.plainText(rawDescription == null ? "" : rawDescription);
      if (description.length() > DESCRIPTION_MAX) {
        throw ServiceFailure.invalid("description", rawDescription.substring(0, 40) + "...",
            "at most " + DESCRIPTION_MAX + " characters of plain text");
      }
      OffsetDateTime startsAt = Window.instant("startsAt", merged.getString("startsAt"));
      OffsetDateTime endsAt = Window.instant("endsAt", merged.getString("endsAt"));
      if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
        throw ServiceFailure.invalid("endsAt", merged.getString("endsAt"),
            "a time after startsAt (" + merged.getString("startsAt") + ")");
      }
      int priority = merged.getInteger("priority", 5);
      double minElevation = merged.getDouble("minElevation", 0.0);
      if (priority < 1 || priority > 10) {
        throw ServiceFailure.invalid("priority", priority, "1 (highest) to 10");
      }
      if (minElevation < 0 || minElevation > 90) {
        throw ServiceFailure.invalid("minElevation", minElevation, "0 to 90 degrees");
      }
      return new Plan(name, description, priority, startsAt, endsAt, minElevation);
    }
  }
}
