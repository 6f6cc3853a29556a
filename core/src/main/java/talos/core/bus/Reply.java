package talos.core.bus;

import io.vertx.core.eventbus.DeliveryOptions;

/**
 * A successful answer to an {@link ApiRequest}: a JSON body (or none) and how the HTTP layer should
 * send it. {@code session} carries a new session token for the HTTP layer to set as the session
 * cookie; {@code clearSession} asks it to clear that cookie.
 */
public record Reply(Object body, int status, String location, String session, boolean clearSession) {

  public static Reply ok(Object body) {
    return new Reply(body, 200, null, null, false);
  }

  public static Reply created(Object body, String location) {
    return new Reply(body, 201, location, null, false);
  }

  public static Reply accepted(Object body) {
    return new Reply(body, 202, null, null, false);
  }

  public static Reply noContent() {
    return new Reply(null, 204, null, null, false);
  }

  /** A redirect (303) that starts a session. */
  public static Reply startSession(String location, String sessionToken) {
    return new Reply(null, 303, location, sessionToken, false);
  }

  /** No content, and the session cookie cleared. */
  public static Reply endSession() {
    return new Reply(null, 204, null, null, true);
  }

  /** The headers that carry everything but the body over the bus; see the HTTP layer's BusOperation. */
  public DeliveryOptions deliveryOptions() {
    DeliveryOptions options = new DeliveryOptions().addHeader(Headers.STATUS, String.valueOf(status));
    if (location != null) {
      options.addHeader(Headers.LOCATION, location);
    }
    if (session != null) {
      options.addHeader(Headers.SESSION, session);
    }
    if (clearSession) {
      options.addHeader(Headers.END_SESSION, "true");
    }
    return options;
  }

  /** Names of the reply headers. */
  public static final class Headers {
    public static final String STATUS = "status";
    public static final String LOCATION = "location";
    public static final String SESSION = "session";
    public static final String END_SESSION = "end-session";

    private Headers() {
    }
  }
}
