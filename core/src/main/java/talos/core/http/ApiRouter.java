package talos.core.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.RequestBody;
import org.yaml.snakeyaml.Yaml;
import talos.core.config.CoreConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Builds the HTTP router from an OpenAPI 3 contract. Every request passes, in order:
 *
 * <ol>
 *   <li>security headers, CORS for the allowed origins, the body limit (413 above it),</li>
 *   <li>for operations with a body, the content type check (415 for a type the contract does not
 *       list),</li>
 *   <li>the guard's checks before validation (who is calling),</li>
 *   <li>validation of parameters and body against the contract (400 naming each invalid field),</li>
 *   <li>the guard's checks after validation (rate limits),</li>
 *   <li>the operation's handler: a local one, or forwarding to the event-bus address named by the
 *       operation's {@code x-talos-address} (see {@link BusOperation}).</li>
 * </ol>
 *
 * <p>Anything that fails, and any path or method the contract does not know (404, 405), is answered
 * as {@code application/problem+json} by {@link Problems}.
 */
final class ApiRouter {

  /** The contract extension that binds an operation to an event-bus address. */
  public static final String ADDRESS_EXTENSION = "x-talos-address";

  private ApiRouter() {
  }

  /**
   * Loads the contract and builds the router.
   *
   * @param contractPath the contract, on the file system or the classpath
   * @param handlers local handlers by operation id; operations without one must name an address
   * @param mounts routers served beside the contract's operations, by path (such as
   *     {@code /eventbus/*}); they see requests before the body handler
   * @return a future that succeeds with the router, or fails when the contract is invalid or an
   *     operation has neither a local handler nor an address
   */
  static Future<Router> create(Vertx vertx, String contractPath, CoreConfig.Http http,
                               Map<String, Handler<RoutingContext>> handlers, RequestGuard guard,
                               Map<String, Router> mounts) {
    return vertx.fileSystem().readFile(contractPath).compose(source -> {
      JsonObject raw = new JsonObject(new Yaml().<Map<String, Object>>load(source.toString()));
      Set<String> secured = securedOperations(raw);
      // the guard authenticates, so the router builder is given the contract without security
      return OpenAPIContract.from(vertx, withoutSecurity(raw))
          .map(contract -> build(vertx, contract, secured, source, http, handlers, guard, mounts));
    });
  }

  /** Operation ids whose own or inherited security requirements ask for a signed-in caller. */
  private static Set<String> securedOperations(JsonObject raw) {
    boolean securedByDefault = !raw.getJsonArray("security", new JsonArray()).isEmpty();
    Set<String> secured = new HashSet<>();
    forEachOperation(raw, operation -> {
      JsonArray own = operation.getJsonArray("security");
      if (own == null ? securedByDefault : !own.isEmpty()) {
        secured.add(operation.getString("operationId"));
      }
    });
    return secured;
  }

  private static JsonObject withoutSecurity(JsonObject raw) {
    JsonObject copy = raw.copy();
    copy.remove("security");
    forEachOperation(copy, operation -> operation.remove("security"));
    return copy;
  }

  /** Applies {@code action} to every operation object of the contract (views, so changes stick). */
  private static void forEachOperation(JsonObject raw, Consumer<JsonObject> action) {
    JsonObject paths = raw.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("operationId")) {
          action.accept(operation);
        }
      }
    }
  }

  private static Router build(Vertx vertx, OpenAPIContract contract, Set<String> secured, Buffer source,
                              CoreConfig.Http http, Map<String, Handler<RoutingContext>> handlers,
                              RequestGuard guard, Map<String, Router> mounts) {
    int bodyLimit = http.bodyLimit();
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    for (OpenAPIRoute route : builder.getRoutes()) {
      Operation operation = route.getOperation();
      Handler<RoutingContext> local = handlers.get(operation.getOperationId());
      Object address = operation.getExtensions().get(ADDRESS_EXTENSION);
      route.addHandler(guard.afterValidation(operation, secured.contains(operation.getOperationId())));
      if (local != null) {
        route.addHandler(local);
      } else if (address instanceof String) {
        route.addHandler(new BusOperation(vertx.eventBus(), operation, (String) address, http));
      } else {
        throw new IllegalStateException("operation " + operation.getOperationId()
            + " has neither a handler nor an " + ADDRESS_EXTENSION + " extension");
      }
    }

    Router router = Router.router(vertx);
    router.route().handler(ApiRouter::securityHeaders);
    router.route().handler(CorsHandler.create()
        .addOrigins(http.allowedOrigins())
        .allowCredentials(true)
        .allowedHeaders(Set.of("Content-Type", "Authorization", "X-Requested-With"))
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.PUT,
            HttpMethod.DELETE)));
    mounts.forEach((path, mounted) -> router.route(path).subRouter(mounted));
    router.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    for (Operation operation : contract.operations()) {
      Route route = router.route(operation.getHttpMethod(), webPath(operation.getOpenAPIPath()));
      RequestBody body = operation.getRequestBody();
      if (body != null) {
        route.handler(rc -> checkContentType(rc, body.getContent().keySet()));
      }
      route.handler(guard.beforeValidation(operation, secured.contains(operation.getOperationId())));
    }
    router.get("/openapi.yaml").handler(rc -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
        .end(source));
    router.routeWithRegex(WebUi.PATHS).handler(WebUi.handler());
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
