package talos.core.bus;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A request the HTTP layer forwarded over the bus, already validated against the contract:
 * {@code {"operation", "path", "query", "body", "principal", "client"}}. {@code client} holds the
 * caller's address and user agent.
 */
public record ApiRequest(JsonObject json) {

  public String operation() {
    return json.getString("operation");
  }

  public JsonObject path() {
    return json.getJsonObject("path", new JsonObject());
  }

  public JsonObject query() {
    return json.getJsonObject("query", new JsonObject());
  }

  /** The body as an object; an empty object when the operation has none. */
  public JsonObject body() {
    Object body = json.getValue("body");
    return body instanceof JsonObject object ? object : new JsonObject();
  }

  /**
   * The signed-in caller.
   *
   * @throws ServiceFailure with 401 when the request carried no principal
   */
  public Principal principal() {
    Principal principal = Principal.fromJson(json.getJsonObject("principal"));
    if (principal == null) {
      throw ServiceFailure.of(ServiceFailure.UNAUTHORIZED, "sign in first");
    }
    return principal;
  }

  public String clientAddress() {
    return json.getJsonObject("client", new JsonObject()).getString("address", "unknown");
  }

  public String userAgent() {
    return json.getJsonObject("client", new JsonObject()).getString("userAgent");
  }

  /**
   * A path parameter that names something by its UUID.
   *
   * @throws ServiceFailure with 400 naming the parameter when it is not a UUID
   */
  public UUID uuidParam(String name) {
    String value = pathParam(name);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ServiceFailure.invalid(name, value, "a UUID such as 0b6c3c1e-8d3f-4a57-9b1e-2f0d6a1c7e42");
    }
  }

  /** A path parameter, as text. */
  public String pathParam(String name) {
    Object value = path().getValue(name);
    return value == null ? null : value.toString();
  }
}
