package talos.core.http;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatedRequest;
import talos.core.bus.Addresses;
import talos.core.bus.LocalFirst;
import talos.core.bus.Principal;
import talos.core.bus.ServiceFailure;
import talos.core.config.CoreConfig;
import talos.core.security.RateLimit;
import talos.core.security.RateLimiter;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The guard of the public API.
 *
 * <ul>
 *   <li>Operations whose contract entry has security requirements need a signed-in caller: the
 *       {@code talos_session} cookie or an {@code Authorization: Bearer} API token, checked by the auth
 *       feature (401 otherwise).</li>
 *   <li>A state-changing request authenticated by the cookie must come from an allowed origin: its
 *       {@code Origin} (or else {@code Referer}) must be the public URL's origin or a configured CORS
 *       origin (403 otherwise). Bearer requests are not exposed to cross-site forgery and skip this.</li>
 *   <li>Every operation is rate limited, by the buckets its {@code x-talos-rate-limit} extension names,
 *       or else per user (signed in) or per client address (public); 429 with {@code Retry-After}.</li>
 * </ul>
 */
final class ApiGuard implements RequestGuard {

  /** The contract extension listing an operation's rate limits. */
  static final String RATE_LIMIT_EXTENSION = "x-talos-rate-limit";

  static final String PRINCIPAL = "talos.principal";

  /** Sessions and tokens are checked against the database: a few milliseconds, never seconds. */
  private static final DeliveryOptions AUTHENTICATE = new DeliveryOptions().setSendTimeout(5_000);
  private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  /** One bucket: a limit and what it is keyed by ({@code client}, {@code user} or {@code body:<field>}). */
  private record Bucket(RateLimit limit, String by) {
  }

  private final EventBus eventBus;
  private final CoreConfig.Http http;
  private final RateLimiter rateLimiter;

  ApiGuard(EventBus eventBus, CoreConfig.Http http, RateLimiter rateLimiter) {
    this.eventBus = eventBus;
    this.http = http;
    this.rateLimiter = rateLimiter;
  }

  @Override
  public Handler<RoutingContext> beforeValidation(Operation operation, boolean secured) {
    return secured ? this::authenticate : RoutingContext::next;
  }

  @Override
  public Handler<RoutingContext> afterValidation(Operation operation, boolean secured) {
    List<Bucket> buckets = buckets(operation, secured);
    return rc -> consume(rc, buckets, 0);
  }

  static Principal principal(RoutingContext rc) {
    return rc.get(PRINCIPAL);
  }

  private void authenticate(RoutingContext rc) {
    String authorization = rc.request().getHeader("Authorization");
    String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim()
        : null;
    String session = SessionCookie.read(rc);
    if (bearer == null && session == null) {
      unauthenticated(rc, "sign in first: send the session cookie or an Authorization: Bearer API token");
      return;
    }
    if (bearer == null && !SAFE_METHODS.contains(rc.request().method())) {
      String refused = crossSiteRefusal(rc);
      if (refused != null) {
        Problems.send(rc, 403, refused, null);
        return;
      }
    }
    JsonObject credentials = bearer != null ? new JsonObject().put("bearer", bearer)
        : new JsonObject().put("session", session);
    LocalFirst.<JsonObject>request(eventBus, Addresses.AUTH_AUTHENTICATE, credentials, AUTHENTICATE)
        .onSuccess(reply -> {
          rc.put(PRINCIPAL, Principal.fromJson(reply.body()));
          rc.next();
        })
        .onFailure(failure -> {
          if (ServiceFailure.statusOf(failure) == 401) {
            unauthenticated(rc, failure.getMessage());
          } else {
            rc.fail(failure);
          }
        });
  }

  /** Why a cookie-authenticated change is refused as cross-site, or {@code null} when it is not. */
  private String crossSiteRefusal(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    if (origin == null || origin.equals("null")) {
      String referer = rc.request().getHeader("Referer");
      origin = referer == null ? null : originOf(referer);
    }
    if (origin == null) {
      return "cross-site check failed: a change made with the session cookie needs an Origin or Referer header";
    }
    if (!http.allowedOrigins().contains(origin.toLowerCase(Locale.ROOT))) {
      return "cross-site check failed: origin '" + origin + "' is not allowed; allowed: "
          + String.join(", ", http.allowedOrigins());
    }
    return null;
  }

  private void consume(RoutingContext rc, List<Bucket> buckets, int index) {
    if (index == buckets.size()) {
      rc.next();
      return;
    }
    Bucket bucket = buckets.get(index);
    String key = key(rc, bucket.by());
    if (key == null) {
      consume(rc, buckets, index + 1);
      return;
    }
    rateLimiter.consume(bucket.limit(), key)
        .onSuccess(decision -> {
          if (decision.allowed()) {
            consume(rc, buckets, index + 1);
          } else {
            rc.response().putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
            Problems.send(rc, 429, "too many requests: at most " + bucket.limit().requests() + " per "
                + describe(bucket.limit()) + "; retry after " + decision.retryAfterSeconds() + " s", null);
          }
        })
        .onFailure(rc::fail);
  }

  private String key(RoutingContext rc, String by) {
    if (by.equals("client")) {
      return Client.of(rc, http.trustedProxies()).address();
    }
    if (by.equals("user")) {
      Principal principal = principal(rc);
      return principal == null ? Client.of(rc, http.trustedProxies()).address() : principal.userId();
    }
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    Object body = validated == null || validated.getBody() == null ? null : validated.getBody().get();
    String field = by.substring("body:".length());
    if (body instanceof JsonObject json && json.getValue(field) instanceof String value) {
      return field + ":" + value.strip().toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static List<Bucket> buckets(Operation operation, boolean secured) {
    Object extension = operation.getExtensions().get(RATE_LIMIT_EXTENSION);
    List<Bucket> buckets = new ArrayList<>();
    if (extension instanceof JsonArray list) {
      for (Object entry : list) {
        JsonObject bucket = (JsonObject) entry;
        buckets.add(new Bucket(RateLimit.named(bucket.getString("limit")), bucket.getString("by")));
      }
    } else if (!secured) {
      buckets.add(new Bucket(RateLimit.PUBLIC, "client"));
    } else {
      buckets.add(new Bucket(RateLimit.API, "user"));
    }
    return buckets;
  }

  private static String describe(RateLimit limit) {
    long minutes = limit.window().toMinutes();
    return minutes == 1 ? "minute" : minutes + " minutes";
  }

  private static String originOf(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void unauthenticated(RoutingContext rc, String detail) {
    rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"talos\"");
    Problems.send(rc, 401, detail, null);
  }
}
