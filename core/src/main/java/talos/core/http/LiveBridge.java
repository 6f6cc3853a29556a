package talos.core.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.bus.Addresses;
import talos.core.bus.Principal;
import talos.core.bus.ServiceFailure;
import talos.core.config.CoreConfig;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event-bus bridge of the web UI at {@value #PATH}: a signed-in browser listens to the live
 * feeds ({@code talos.live.org.{orgId}}) of the organisations it belongs to, and to nothing else.
 *
 * <ul>
 *   <li>A socket opens only with a valid {@code talos_session} cookie from an allowed origin (the
 *       public URL's or a configured CORS origin), so another site cannot open one in the user's
 *       name: the request that would open it is answered 401 or 403.</li>
 *   <li>Listening on an address is allowed only for a live feed, and only after the tenancy rule
 *       confirmed the user's membership of that organisation (the administrator may read every
 *       organisation, as in the API). Everything else is refused with {@code access_denied}.</li>
 *   <li>Browsers may not send or publish anything: no inbound address is permitted.</li>
 *   <li>While a socket lives, each ping more than {@value #RECHECK_SECONDS} s after the last check
 *       checks the session and the memberships again: a revoked session or a removed member loses
 *       the socket.</li>
 * </ul>
 */
final class LiveBridge {

  static final String PATH = "/eventbus/*";

  static final long RECHECK_SECONDS = 60;

  private static final Logger LOG = LoggerFactory.getLogger(LiveBridge.class);
  private static final Pattern LIVE_ADDRESS =
      Pattern.compile(Pattern.quote(Addresses.LIVE_ORG_PREFIX) + "([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})");
  private static final int MAX_FEEDS_PER_SOCKET = 16;
  private static final String SESSION = "talos.live.session";

  /** One open socket: who it is, which feeds it was allowed, when that was last checked. */
  private static final class Listener {
    final String sessionToken;
    final Principal principal;
    final Set<UUID> organisations = new HashSet<>();
    long checkedAt;

    Listener(String sessionToken, Principal principal, long checkedAt) {
      this.sessionToken = sessionToken;
      this.principal = principal;
      this.checkedAt = checkedAt;
    }
  }

  private final EventBus bus;
  private final CoreConfig.Http http;
  private final Access access;
  private final Map<String, Listener> listeners = new HashMap<>();

  private LiveBridge(EventBus bus, CoreConfig.Http http, Access access) {
    this.bus = bus;
    this.http = http;
    this.access = access;
  }

  /** The bridge's router, to be mounted at {@value #PATH}. */
  static Router create(Vertx vertx, CoreConfig.Http http, Access access) {
    LiveBridge bridge = new LiveBridge(vertx.eventBus(), http, access);
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(LIVE_ADDRESS.pattern()))
        .setMaxHandlersPerSocket(MAX_FEEDS_PER_SOCKET)
        .setMaxAddressLength(Addresses.LIVE_ORG_PREFIX.length() + 36);
    Router router = Router.router(vertx);
    router.route().handler(bridge::admit);
    router.route("/*").subRouter(SockJSHandler.create(vertx,
            new SockJSHandlerOptions().setRegisterWriteHandler(false))
        .bridge(options, bridge::handle));
    return router;
  }

  private void handle(BridgeEvent event) {
    switch (event.type()) {
      case SOCKET_CREATED -> opened(event);
      case REGISTER -> register(event);
      case UNREGISTER -> {
        Listener listener = listeners.get(event.socket().writeHandlerID());
        UUID org = organisation(event.getRawMessage());
        if (listener != null && org != null) {
          listener.organisations.remove(org);
        }
        event.complete(true);
      }
      case SEND, PUBLISH -> {
        LOG.debug("browser message refused [address: {}]", address(event.getRawMessage()));
        event.complete(false);
      }
      case SOCKET_PING -> {
        recheck(event.socket());
        event.complete(true);
      }
      case SOCKET_CLOSED -> {
        listeners.remove(event.socket().writeHandlerID());
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  /**
   * Lets the request that opens a socket through only for a signed-in user from an allowed origin:
   * 403 for another origin, 401 without a valid session.
   */
  private void admit(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    if (origin == null || !http.allowedOrigins().contains(origin.toLowerCase(Locale.ROOT))) {
      LOG.info("live socket refused [remote: {}, reason: origin {} not allowed]",
          rc.request().remoteAddress(), origin);
      Problems.send(rc, 403, "the live feed opens only from the server's own pages; origin '"
          + origin + "' is not allowed", null);
      return;
    }
    Cookie cookie = rc.request().getCookie(SessionCookie.NAME);
    if (cookie == null || cookie.getValue().isEmpty()) {
      Problems.send(rc, 401, "sign in first: the live feed needs the session cookie", null);
      return;
    }
    // the end of the request must not pass while the session is checked: a request that has
    // ended can no longer become a WebSocket
    rc.request().pause();
    authenticate(cookie.getValue())
        .onSuccess(principal -> {
          rc.put(ApiGuard.PRINCIPAL, principal);
          rc.put(SESSION, cookie.getValue());
          if (!"websocket".equalsIgnoreCase(rc.request().getHeader("Upgrade"))) {
            rc.request().resume();
          }
          rc.next();
        })
        .onFailure(failure -> {
          rc.request().resume();
          if (ServiceFailure.statusOf(failure) == ServiceFailure.UNAUTHORIZED) {
            Problems.send(rc, 401, failure.getMessage(), null);
          } else {
            rc.fail(failure);
          }
        });
  }

  /** Remembers who opened a socket; {@link #admit} let only signed-in users this far. */
  private void opened(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    RoutingContext rc = socket.routingContext();
    Principal principal = rc == null ? null : rc.get(ApiGuard.PRINCIPAL);
    if (principal == null) {
      event.complete(false);
      return;
    }
    listeners.put(socket.writeHandlerID(),
        new Listener(rc.get(SESSION), principal, System.nanoTime()));
    event.complete(true);
    // the request was paused while the session was checked; the socket reads from here on
    socket.resume();
  }

  /** Allows a live feed to a member of its organisation. */
  private void register(BridgeEvent event) {
    Listener listener = listeners.get(event.socket().writeHandlerID());
    UUID org = organisation(event.getRawMessage());
    if (listener == null || org == null) {
      LOG.debug("live feed refused [address: {}]", address(event.getRawMessage()));
      event.complete(false);
      return;
    }
    access.require(listener.principal, org, Role.VIEWER)
        .onSuccess(grant -> {
          listener.organisations.add(org);
          event.complete(true);
        })
        .onFailure(failure -> {
          LOG.info("live feed refused [user: {}, org: {}, reason: {}]",
              listener.principal.userId(), org, failure.getMessage());
          event.complete(false);
        });
  }

  /** Checks the session and the memberships again when the last check is old enough. */
  private void recheck(SockJSSocket socket) {
    Listener listener = listeners.get(socket.writeHandlerID());
    long now = System.nanoTime();
    if (listener == null
        || now - listener.checkedAt < Duration.ofSeconds(RECHECK_SECONDS).toNanos()) {
      return;
    }
    listener.checkedAt = now;
    authenticate(listener.sessionToken)
        .compose(principal -> Future.all(listener.organisations.stream()
            .map(org -> access.require(principal, org, Role.VIEWER)).toList()))
        .onFailure(failure -> {
          if (ServiceFailure.statusOf(failure) >= ServiceFailure.INTERNAL) {
            LOG.warn("live socket not rechecked [user: {}]", listener.principal.userId(), failure);
            return;
          }
          LOG.info("live socket closed [user: {}, reason: {}]", listener.principal.userId(),
              failure.getMessage());
          listeners.remove(socket.writeHandlerID());
          socket.close();
        });
  }

  private Future<Principal> authenticate(String sessionToken) {
    return bus.<JsonObject>request(Addresses.AUTH_AUTHENTICATE,
            new JsonObject().put("session", sessionToken))
        .map(reply -> Principal.fromJson(reply.body()));
  }

  private static UUID organisation(JsonObject frame) {
    String address = address(frame);
    Matcher matcher = address == null ? null : LIVE_ADDRESS.matcher(address);
    return matcher != null && matcher.matches() ? UUID.fromString(matcher.group(1)) : null;
  }

  private static String address(JsonObject frame) {
    return frame == null ? null : frame.getString("address");
  }
}
