package talos.core.tenancy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;

import java.util.UUID;

/**
 * Members of an organisation and their roles. An organisation always keeps at least one owner: the
 * last owner can be neither demoted nor removed, and cannot leave.
 */
final class Members {

  private static final String LIST = """
      SELECT u.id, u.email, m.role, m.created_at
        FROM membership m JOIN app_user u ON u.id = m.user_id
       WHERE m.org_id = $1 ORDER BY u.email""";
  // locks the organisation's owners, so that two concurrent changes cannot both remove "another" owner
  private static final String OWNERS = "SELECT user_id FROM membership WHERE org_id = $1 AND role = 'owner' FOR UPDATE";
  private static final String MEMBER = "SELECT role FROM membership WHERE org_id = $1 AND user_id = $2 FOR UPDATE";
  private static final String SET_ROLE = "UPDATE membership SET role = $3 WHERE org_id = $1 AND user_id = $2";
  private static final String REMOVE = "DELETE FROM membership WHERE org_id = $1 AND user_id = $2";

  private final Pool pool;
  private final Access access;

  Members(Pool pool, Access access) {
    this.pool = pool;
    this.access = access;
  }

  Future<Reply> list(ApiRequest request) {
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> pool.preparedQuery(LIST).execute(Tuple.of(grant.orgId())))
        .map(rows -> {
          JsonArray members = new JsonArray();
          for (Row row : rows) {
            members.add(new JsonObject()
                .put("userId", row.getUUID("id").toString())
                .put("email", row.getString("email"))
                .put("role", row.getString("role"))
                .put("since", row.getOffsetDateTime("created_at").toString()));
          }
          return Reply.ok(new JsonObject().put("members", members));
        });
  }

  Future<Reply> update(ApiRequest request) {
    Principal principal = request.principal();
    Role role = Role.parse("role", request.body().getString("role"));
    UUID target = request.uuidParam("userId");

    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> currentRole(connection, grant, target)
            .compose(current -> {
              if (current == Role.OWNER && role != Role.OWNER) {
                return keepAnOwner(connection, grant, "demoted");
              }
              return Future.succeededFuture();
            })
            .compose(ignored -> connection.preparedQuery(SET_ROLE).execute(Tuple.of(grant.orgId(), target,
                role.apiName())))
            .compose(ignored -> AuditLog.record(connection, principal.userId(), "org.member_role_changed",
                grant.orgId(), new JsonObject().put("member", target.toString()).put("role", role.apiName())))))
        .map(ignored -> Reply.ok(new JsonObject().put("userId", target.toString()).put("role", role.apiName())));
  }

  Future<Reply> remove(ApiRequest request) {
    Principal principal = request.principal();
    UUID target = request.uuidParam("userId");
    boolean leaving = target.toString().equals(principal.userId());

    return access.require(principal, request.pathParam("slug"), leaving ? Role.VIEWER : Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> currentRole(connection, grant, target)
            .compose(current -> current == Role.OWNER
                ? keepAnOwner(connection, grant, leaving ? "leave" : "removed")
                : Future.succeededFuture())
            .compose(ignored -> connection.preparedQuery(REMOVE).execute(Tuple.of(grant.orgId(), target)))
            .compose(ignored -> AuditLog.record(connection, principal.userId(),
                leaving ? "org.member_left" : "org.member_removed", grant.orgId(),
                new JsonObject().put("member", target.toString())))))
        .map(ignored -> Reply.noContent());
  }

  private static Future<Role> currentRole(SqlConnection connection, Access.Grant grant, UUID member) {
    return connection.preparedQuery(MEMBER).execute(Tuple.of(grant.orgId(), member)).map(rows -> {
      if (rows.size() == 0) {
        throw ServiceFailure.notFound("member", member);
      }
      return Role.valueOf(rows.iterator().next().getString("role").toUpperCase(java.util.Locale.ROOT));
    });
  }

  private static Future<Void> keepAnOwner(SqlConnection connection, Access.Grant grant, String change) {
    return connection.preparedQuery(OWNERS).execute(Tuple.of(grant.orgId())).compose(owners -> owners.size() > 1
        ? Future.succeededFuture()
        : Future.failedFuture(ServiceFailure.conflict("the last owner of '" + grant.slug() + "' cannot "
            + (change.equals("leave") ? "leave" : "be " + change) + "; make another member owner first")));
  }
}
