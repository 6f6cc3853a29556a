package talos.core.auth;

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
import talos.core.security.Sanitizer;
import talos.core.security.Tokens;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Personal API tokens for scripts. A token is shown once, when created, and stored as a digest; it
 * acts as its owner until it expires or is revoked.
 */
final class ApiTokens {

  private static final String INSERT = """
      INSERT INTO api_token (token_digest, user_id, name, expires_at) VALUES ($1, $2, $3, $4)
      RETURNING id, created_at""";
  private static final String LIST = """
      SELECT id, name, created_at, expires_at, last_used_at FROM api_token
       WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
       ORDER BY created_at DESC""";
  private static final String REVOKE = """
      UPDATE api_token SET revoked_at = now()
       WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING name""";

  private final Pool pool;
  private final Tokens tokens;

  ApiTokens(Pool pool, Tokens tokens) {
    this.pool = pool;
    this.tokens = tokens;
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    String name = Sanitizer.plainText(request.body().getString("name"));
    if (name.isEmpty()) {
      throw ServiceFailure.invalid("name", request.body().getString("name"), "1 to 80 characters of plain text");
    }
    Integer days = request.body().getInteger("expiresInDays");
    OffsetDateTime expires = days == null ? null : OffsetDateTime.now(ZoneOffset.UTC).plusDays(days);
    String token = tokens.generate(Tokens.API_TOKEN);
    UUID userId = principal.userUuid();

    return pool.withTransaction(connection -> connection.preparedQuery(INSERT)
        .execute(Tuple.of(tokens.digest(token), userId, name, expires))
        .compose(rows -> {
          Row row = rows.iterator().next();
          String id = row.getUUID("id").toString();
          return AuditLog.record(connection, principal.userId(), "auth.token_created", null,
                  new JsonObject().put("token", id).put("name", name))
              .map(ignored -> Reply.created(new JsonObject()
                  .put("id", id)
                  .put("name", name)
                  .put("token", token)
                  .put("createdAt", row.getOffsetDateTime("created_at").toString())
                  .put("expiresAt", expires == null ? null : expires.toString()), "/api/me/tokens/" + id));
        }));
  }

  Future<Reply> list(ApiRequest request) {
    return pool.preparedQuery(LIST).execute(Tuple.of(request.principal().userUuid())).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row row : rows) {
        list.add(new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put("name", row.getString("name"))
            .put("createdAt", row.getOffsetDateTime("created_at").toString())
            .put("expiresAt", text(row.getOffsetDateTime("expires_at")))
            .put("lastUsedAt", text(row.getOffsetDateTime("last_used_at"))));
      }
      return Reply.ok(new JsonObject().put("tokens", list));
    });
  }

  Future<Reply> revoke(ApiRequest request) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("tokenId");
    return pool.withTransaction(connection -> connection.preparedQuery(REVOKE)
        .execute(Tuple.of(id, principal.userUuid()))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ServiceFailure.notFound("API token", id))
            : AuditLog.record(connection, principal.userId(), "auth.token_revoked", null,
                new JsonObject().put("token", id.toString()))))
        .map(ignored -> Reply.noContent());
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }
}
