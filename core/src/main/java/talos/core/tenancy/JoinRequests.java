package talos.core.tenancy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.db.SqlErrors;
import talos.core.security.Sanitizer;

import java.util.UUID;

/**
 * Requests to join an organisation: any signed-in person who is not a member may ask, with a short
 * message; owners approve (choosing the role) or reject.
 */
final class JoinRequests {

  static final int MESSAGE_MAX = 1000;

  private static final String ORG = """
      SELECT o.id, m.role FROM organisation o
        LEFT JOIN membership m ON m.org_id = o.id AND m.user_id = $2
       WHERE o.slug = $1""";
  private static final String INSERT = """
      INSERT INTO join_request (org_id, user_id, message) VALUES ($1, $2, $3) RETURNING id, created_at""";
  private static final String PENDING = """
      SELECT r.id, r.message, r.created_at, u.id AS user_id, u.email
        FROM join_request r JOIN app_user u ON u.id = r.user_id
       WHERE r.org_id = $1 AND r.status = 'pending' ORDER BY r.created_at""";
  private static final String DECIDE = """
      UPDATE join_request SET status = $3, decided_at = now(), decided_by = $4
       WHERE id = $1 AND org_id = $2 AND status = 'pending' RETURNING user_id""";
  private static final String EXISTS = "SELECT status FROM join_request WHERE id = $1 AND org_id = $2";
  private static final String ADD_MEMBER = """
      INSERT INTO membership (org_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING""";

  private final Pool pool;
  private final Access access;

  JoinRequests(Pool pool, Access access) {
    this.pool = pool;
    this.access = access;
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    String slug = request.pathParam("slug");
    String raw = request.body().getString("message", "");
    String message = Sanitizer.plainText(raw);
    if (message.length() > MESSAGE_MAX) {
      throw ServiceFailure.invalid("message", raw.substring(0, 40) + "…", "at most " + MESSAGE_MAX + " characters");
    }
    UUID userId = principal.userUuid();

    return pool.preparedQuery(ORG).execute(Tuple.of(slug, userId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Access.notFound(slug));
      }
      Row org = rows.iterator().next();
      if (org.getString("role") != null) {
        return Future.failedFuture(ServiceFailure.conflict("you are already a member of '" + slug + "'"));
      }
      UUID orgId = org.getUUID("id");
      return pool.withTransaction(connection -> connection.preparedQuery(INSERT)
          .execute(Tuple.of(orgId, userId, message))
          .compose(inserted -> AuditLog.record(connection, principal.userId(), "org.join_requested", orgId,
                  new JsonObject())
              .map(ignored -> {
                Row row = inserted.iterator().next();
                String id = row.getUUID("id").toString();
                return Reply.created(new JsonObject()
                    .put("id", id)
                    .put("status", "pending")
                    .put("message", message)
                    .put("createdAt", row.getOffsetDateTime("created_at").toString()),
                    "/api/orgs/" + slug + "/join-requests/" + id);
              })));
    }).recover(e -> SqlErrors.isUniqueViolation(e)
        ? Future.failedFuture(ServiceFailure.conflict("you already have an open request to join '" + slug + "'"))
        : Future.failedFuture(e));
  }

  Future<Reply> list(ApiRequest request) {
    return access.require(request.principal(), request.pathParam("slug"), Role.OWNER)
        .compose(grant -> pool.preparedQuery(PENDING).execute(Tuple.of(grant.orgId())))
        .map(rows -> {
          JsonArray requests = new JsonArray();
          for (Row row : rows) {
            requests.add(new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("userId", row.getUUID("user_id").toString())
                .put("email", row.getString("email"))
                .put("message", row.getString("message"))
                .put("createdAt", row.getOffsetDateTime("created_at").toString()));
          }
          return Reply.ok(new JsonObject().put("joinRequests", requests));
        });
  }

  /** Serves both {@code approveJoinRequest} (with a role) and {@code rejectJoinRequest}. */
  Future<Reply> decide(ApiRequest request) {
    Principal principal = request.principal();
    boolean approve = request.operation().equals("approveJoinRequest");
    Role role = approve ? Role.parse("role", request.body().getString("role", Role.VIEWER.apiName())) : null;
    UUID requestId = request.uuidParam("requestId");

    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> connection.preparedQuery(DECIDE)
            .execute(Tuple.of(requestId, grant.orgId(), approve ? "approved" : "rejected",
                principal.userUuid()))
            .compose(rows -> {
              if (rows.size() == 0) {
                return connection.preparedQuery(EXISTS).execute(Tuple.of(requestId, grant.orgId()))
                    .compose(found -> Future.failedFuture(found.size() == 0
                        ? ServiceFailure.notFound("join request", requestId)
                        : ServiceFailure.conflict("join request " + requestId + " is already "
                            + found.iterator().next().getString("status"))));
              }
              UUID userId = rows.iterator().next().getUUID("user_id");
              Future<?> membership = approve
                  ? connection.preparedQuery(ADD_MEMBER).execute(Tuple.of(grant.orgId(), userId, role.apiName()))
                  : Future.succeededFuture();
              JsonObject details = new JsonObject().put("request", requestId.toString())
                  .put("member", userId.toString());
              if (approve) {
                details.put("role", role.apiName());
              }
              return membership.compose(ignored -> AuditLog.record(connection, principal.userId(),
                  approve ? "org.join_approved" : "org.join_rejected", grant.orgId(), details));
            })))
        .map(ignored -> Reply.ok(new JsonObject()
            .put("id", requestId.toString())
            .put("status", approve ? "approved" : "rejected")
            .put("role", role == null ? null : role.apiName())));
  }
}
