package talos.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The operators' web UI: the files under {@code webroot/} on the class path, served at {@code /}.
 * Paths that are not a file of the UI pass on to the API routes, so an unknown path still gets the
 * API's 404 problem.
 *
 * <p>Pages are sent with a content security policy that allows only the server's own scripts,
 * styles, images and connections (the event-bus bridge included): text from users can never run as
 * script, and the UI works on a closed network with no CDN.
 */
final class WebUi {

  /** Every path but those of the API, the health checks, the metrics, the contract and the bridge. */
  static final String PATHS = "^/(?!api/|auth/|health/|metrics$|openapi\\.yaml$|eventbus/).*";

  /** The class-path folder of the UI. */
  static final String WEBROOT = "webroot";

  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "img-src 'self' data:",
      "style-src 'self'",
      "script-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private WebUi() {
  }

  static Handler<RoutingContext> handler() {
    StaticHandler files = StaticHandler.create(WEBROOT)
        .setIndexPage("index.html")
        .setDirectoryListing(false)
        .setIncludeHidden(false)
        .setCachingEnabled(false);
    return rc -> {
      HttpMethod method = rc.request().method();
      if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
        rc.next();
        return;
      }
      rc.response().headers()
          .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .set("Cache-Control", "no-cache");
      files.handle(rc);
    };
  }
}
