package talos.core.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import talos.core.config.CoreConfig;

import java.util.List;

/**
 * Who is on the other end of a request: the client's address and whether it reached us over HTTPS.
 * {@code X-Forwarded-For} (its first hop) and {@code X-Forwarded-Proto} are believed only when the
 * direct peer is one of the configured trusted proxies; otherwise anyone could claim any address and
 * escape the rate limits.
 */
record Client(String address, boolean https, String userAgent) {

  private static final String KEY = "talos.client";

  /** Resolves the client of {@code rc} once and keeps it in the routing context. */
  static Client of(RoutingContext rc, List<String> trustedProxies) {
    Client known = rc.get(KEY);
    if (known != null) {
      return known;
    }
    HttpServerRequest request = rc.request();
    String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    boolean trusted = trustedProxies.contains(peer);
    String forwardedFor = request.getHeader("X-Forwarded-For");
    String address = trusted && forwardedFor != null && !forwardedFor.isBlank()
        ? forwardedFor.split(",", 2)[0].trim()
        : peer;
    boolean https = request.isSSL() || (trusted && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")));
    Client client = new Client(address, https, request.getHeader("User-Agent"));
    rc.put(KEY, client);
    return client;
  }

  /** Whether cookies for this client must be Secure. */
  boolean secureCookies(CoreConfig.Http http) {
    return https || http.publicHttps();
  }

  JsonObject toJson() {
    return new JsonObject().put("address", address).put("userAgent", userAgent);
  }
}
