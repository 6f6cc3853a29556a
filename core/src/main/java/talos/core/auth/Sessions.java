package talos.core.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.security.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side sessions and API tokens: both stored as digests in PostgreSQL, so they survive
 * restarts, are shared by every node, and end the moment they are revoked.
 */
final class Sessions {

  /** How long a browser session lasts without being revoked. */
  static final Duration SESSION_LIFETIME = Duration.ofDays(30);

  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final String INSERT = """
      INSERT INTO user_session (token_digest, user_id, expires_at, client, user_agent)
      VALUES ($1, $2, $3, $4, $5) RETURNING id""";
  private static final String BY_SESSION = """
      SELECT s.id, s.last_seen_at, u.id AS user_id, u.email
        FROM user_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.token_digest = $1 AND s.revoked_at IS NULL AND s.expires_at > now()""";
  private static final String BY_TOKEN = """
      SELECT t.id, t.last_used_at, u.id AS user_id, u.email
        FROM api_token t JOIN app_user u ON u.id = t.user_id
       WHERE t.token_digest = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())""";
  private static final String TOUCH_SESSION = "UPDATE user_session SET last_seen_at = now() WHERE id = $1";
  private static final String TOUCH_TOKEN = "UPDATE api_token SET last_used_at = now() WHERE id = $1";
  private static final String LIST = """
      SELECT id, created_at, last_seen_at, expires_at, client, user_agent FROM user_session
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC""";
  private static final String REVOKE = """
      UPDATE user_session SET revoked_at = now()
       WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id""";

  /** A new session: its id, and the token that goes into the cookie (never stored). */
  record Created(UUID id, String token) {
  }

  private final Pool pool;
  private final Tokens tokens;
  private final Optional<String> adminEmail;

  Sessions(Pool pool, Tokens tokens, Optional<String> adminEmail) {
    this.pool = pool;
    this.tokens = tokens;
    this.adminEmail = adminEmail;
  }

  Future<Created> create(SqlClient client, UUID userId, String clientAddress, String userAgent) {
    String token = tokens.generate(Tokens.SESSION);
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(SESSION_LIFETIME);
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(tokens.digest(token), userId, expires, clientAddress, truncate(userAgent)))
        .map(rows -> new Created(rows.iterator().next().getUUID("id"), token));
  }

  /**
   * Finds who a session token or an API token belongs to.
   *
   * @param credentials {@code {"session": token}} or {@code {"bearer": token}}
   * @return a future that succeeds with the principal as JSON, or fails with 401
   */
  Future<JsonObject> authenticate(JsonObject credentials) {
    String session = credentials.getString("session");
    String bearer = credentials.getString("bearer");
    if (Tokens.hasShape(session, Tokens.SESSION)) {
      return lookUp(BY_SESSION, TOUCH_SESSION, session, "last_seen_at", true);
    }
    if (Tokens.hasShape(bearer, Tokens.API_TOKEN)) {
      return lookUp(BY_TOKEN, TOUCH_TOKEN, bearer, "last_used_at", false);
    }
    return Future.failedFuture(unauthenticated());
  }

  Future<Reply> signOut(ApiRequest request) {
    Principal principal = request.principal();
    if (principal.sessionId() == null) {
      throw ServiceFailure.of(ServiceFailure.BAD_REQUEST, "signing out ends a browser session; revoke an API token"
          + " with DELETE /api/me/tokens/{id} instead");
    }
    return revoke(principal, UUID.fromString(principal.sessionId()), "auth.signed_out")
        .map(ignored -> Reply.endSession());
  }

  Future<Reply> list(ApiRequest request) {
    Principal principal = request.principal();
    return pool.preparedQuery(LIST).execute(Tuple.of(principal.userUuid())).map(rows -> {
      JsonArray sessions = new JsonArray();
      for (Row row : rows) {
        sessions.add(new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put("createdAt", row.getOffsetDateTime("created_at").toString())
            .put("lastSeenAt", row.getOffsetDateTime("last_seen_at").toString())
            .put("expiresAt", row.getOffsetDateTime("expires_at").toString())
            .put("client", row.getString("client"))
            .put("userAgent", row.getString("user_agent"))
            .put("current", row.getUUID("id").toString().equals(principal.sessionId())));
      }
      return Reply.ok(new JsonObject().put("sessions", sessions));
    });
  }

  Future<Reply> revoke(ApiRequest request) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("sessionId");
    return revoke(principal, id, "auth.session_revoked").map(ignored -> Reply.noContent());
  }

  private Future<Void> revoke(Principal principal, UUID sessionId, String action) {
    UUID userId = principal.userUuid();
    return pool.withTransaction(connection -> connection.preparedQuery(REVOKE).execute(Tuple.of(sessionId, userId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ServiceFailure.notFound("session", sessionId));
          }
          return AuditLog.record(connection, principal.userId(), action, null,
              new JsonObject().put("session", sessionId.toString()));
        }));
  }

  private Future<JsonObject> lookUp(String query, String touch, String token, String lastUse, boolean session) {
    return pool.preparedQuery(query).execute(Tuple.of(tokens.digest(token))).map(rows -> {
      if (rows.size() == 0) {
        throw unauthenticated();
      }
      Row row = rows.iterator().next();
      UUID id = row.getUUID("id");
      OffsetDateTime lastUsed = row.getOffsetDateTime(lastUse);
      if (lastUsed == null || lastUsed.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(TOUCH_INTERVAL))) {
        pool.preparedQuery(touch).execute(Tuple.of(id));
      }
      String email = row.getString("email");
      return new Principal(row.getUUID("user_id").toString(), email, adminEmail.map(email::equals).orElse(false),
          session ? id.toString() : null, session ? null : id.toString()).toJson();
    });
  }

  static ServiceFailure unauthenticated() {
    return ServiceFailure.of(ServiceFailure.UNAUTHORIZED,
        "sign in first: send the session cookie or an Authorization: Bearer API token");
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300);
  }
}
