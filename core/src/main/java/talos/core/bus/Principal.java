package talos.core.bus;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Who made a request: a signed-in user, through a browser session or an API token. It travels with
 * every request the HTTP layer forwards, as {@code {"userId", "email", "admin", "sessionId",
 * "tokenId"}}; exactly one of {@code sessionId} and {@code tokenId} is set.
 *
 * @param admin whether the user is the platform administrator
 */
public record Principal(String userId, String email, boolean admin, String sessionId, String tokenId) {

  public UUID userUuid() {
    return UUID.fromString(userId);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("userId", userId)
        .put("email", email)
        .put("admin", admin)
        .put("sessionId", sessionId)
        .put("tokenId", tokenId);
  }

  /** The principal in {@code json}, or {@code null} for {@code null}. */
  public static Principal fromJson(JsonObject json) {
    if (json == null) {
      return null;
    }
    return new Principal(json.getString("userId"), json.getString("email"), json.getBoolean("admin", false),
        json.getString("sessionId"), json.getString("tokenId"));
  }
}
