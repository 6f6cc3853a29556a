package talos.core.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.RequestBody;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the HTTP router from an OpenAPI 3 contract. Every request passes, in order:
 *
 * <ol>
 *   <li>the body limit (413 above it),</li>
 *   <li>for operations with a body, the content type check (415 for a type the contract does not
 *       list),</li>
 *   <li>validation of parameters and body against the contract (400 naming each invalid field),</li>
 *   <li>the operation's handler: a local one, or forwarding to the event-bus address named by the
 *       operation's {@code x-talos-address} (see {@link BusOperation}).</li>
 * </ol>
 *
 * <p>Anything that fails, and any path or method the contract does not know (404, 405), is answered
 * as {@code application/problem+json} by {@link Problems}.
 */
public final class ApiRouter {

  /** The contract extension that binds an operation to an event-bus address. */
  public static final String ADDRESS_EXTENSION = "x-talos-address";

  private ApiRouter() {
  }

  /**
   * Loads the contract and builds the router.
   *
   * @param contractPath the contract, on the file system or the classpath
   * @param handlers local handlers by operation id; operations without one must name an address
   * @return a future that succeeds with the router, or fails when the contract is invalid or an
   *     operation has neither a local handler nor an address
   */
  public static Future<Router> create(Vertx vertx, String contractPath, int bodyLimit,
                                      Map<String, Handler<RoutingContext>> handlers) {
    return OpenAPIContract.from(vertx, contractPath)
        .compose(contract -> vertx.fileSystem().readFile(contractPath)
            .map(source -> build(vertx, contract, source, bodyLimit, handlers)));
  }

  private static Router build(Vertx vertx, OpenAPIContract contract, Buffer source, int bodyLimit,
                              Map<String, Handler<RoutingContext>> handlers) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    for (OpenAPIRoute route : builder.getRoutes()) {
      Operation operation = route.getOperation();
      Handler<RoutingContext> local = handlers.get(operation.getOperationId());
      Object address = operation.getExtensions().get(ADDRESS_EXTENSION);
      if (local != null) {
        route.addHandler(local);
      } else if (address instanceof String) {
        route.addHandler(new BusOperation(vertx.eventBus(), operation, (String) address));
      } else {
        throw new IllegalStateException("operation " + operation.getOperationId()
            + " has neither a handler nor an " + ADDRESS_EXTENSION + " extension");
      }
    }

    Router router = Router.router(vertx);
    router.route().handler(ApiRouter::securityHeaders);
    router.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    for (Operation operation : contract.operations()) {
      RequestBody body = operation.getRequestBody();
      if (body != null) {
        router.route(operation.getHttpMethod(), webPath(operation.getOpenAPIPath()))
            .handler(rc -> checkContentType(rc, body.getContent().keySet()));
      }
    }
    router.get("/openapi.yaml").handler(rc -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
        .end(source));
    router.route("/*").subRouter(builder.createRouter());

    router.route().failureHandler(rc -> {
      if (rc.failure() == null && rc.statusCode() == 413) {
        Problems.send(rc, 413, "request body is larger than the limit of " + bodyLimit + " bytes", null);
      } else {
        Problems.handleFailure(rc);
      }
    });
    for (int status : List.of(404, 405)) {
      router.errorHandler(status, Problems::handleUnrouted);
    }
    return router;
  }

  private static void checkContentType(RoutingContext rc, Set<String> accepted) {
    String sent = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = sent == null ? "" : sent.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    boolean hasBody = rc.body() != null && rc.body().length() > 0;
    if (!hasBody || accepted.contains(mediaType)) {
      rc.next();
      return;
    }
    String shown = sent == null ? "none" : "'" + mediaType + "'";
    Problems.send(rc, 415, "content type " + shown + " is not accepted here; allowed: "
        + String.join(", ", new TreeSet<>(accepted)), null);
  }

  /** {@code /stations/{id}} in the contract is {@code /stations/:id} for the router. */
  private static String webPath(String openApiPath) {
    return openApiPath.replaceAll("\\{([^}]+)}", ":$1");
  }

  private static void securityHeaders(RoutingContext rc) {
    rc.response().headers()
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Cache-Control", "no-store");
    rc.next();
  }
}
