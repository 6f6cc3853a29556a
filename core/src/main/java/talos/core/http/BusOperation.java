package talos.core.http;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import talos.core.bus.LocalFirst;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.config.CoreConfig;

import java.util.Map;

/**
 * Serves an operation of the contract by asking the feature that owns it over the event bus, so the
 * feature may run on any node of the cluster; this node's own consumer is asked first.
 *
 * <p>The request message is an {@link talos.core.bus.ApiRequest}: the operation, its parameters and
 * body already validated against the contract, the caller's principal (when signed in) and client.
 * The reply body becomes the response body; the reply headers of {@link Reply} set the status
 * (default 200, or 204 for an empty reply), the {@code Location} header and the session cookie. A
 * failure reply becomes a problem with its code as the status.
 */
final class BusOperation implements Handler<RoutingContext> {

  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);

  private final EventBus eventBus;
  private final Operation operation;
  private final String address;
  private final CoreConfig.Http http;

  BusOperation(EventBus eventBus, Operation operation, String address, CoreConfig.Http http) {
    this.eventBus = eventBus;
    this.operation = operation;
    this.address = address;
    this.http = http;
  }

  @Override
  public void handle(RoutingContext rc) {
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject request = new JsonObject()
        .put("operation", operation.getOperationId())
        .put("path", values(validated.getPathParameters()))
        .put("query", values(validated.getQuery()))
        .put("body", validated.getBody() == null ? null : validated.getBody().get())
        .put("client", Client.of(rc, http.trustedProxies()).toJson());
    Principal principal = ApiGuard.principal(rc);
    if (principal != null) {
      request.put("principal", principal.toJson());
    }

    LocalFirst.request(eventBus, address, request, TIMEOUT)
        .onSuccess(reply -> respond(rc, reply))
        .onFailure(rc::fail);
  }

  private void respond(RoutingContext rc, Message<Object> reply) {
    String status = reply.headers().get(Reply.Headers.STATUS);
    String location = reply.headers().get(Reply.Headers.LOCATION);
    String session = reply.headers().get(Reply.Headers.SESSION);
    if (location != null) {
      rc.response().putHeader("Location", location);
    }
    boolean secure = Client.of(rc, http.trustedProxies()).secureCookies(http);
    if (session != null) {
      SessionCookie.set(rc, session, secure);
    } else if (reply.headers().contains(Reply.Headers.END_SESSION)) {
      SessionCookie.clear(rc, secure);
    }
    if (reply.body() == null) {
      rc.response().setStatusCode(status == null ? 204 : Integer.parseInt(status)).end();
      return;
    }
    rc.response()
        .setStatusCode(status == null ? 200 : Integer.parseInt(status))
        .putHeader("content-type", "application/json")
        .end(String.valueOf(reply.body()));
  }

  private static JsonObject values(Map<String, RequestParameter> parameters) {
    JsonObject json = new JsonObject();
    if (parameters != null) {
      // absent optional parameters are left out, so that consumers' defaults apply
      parameters.forEach((name, parameter) -> {
        if (parameter != null && parameter.get() != null) {
          json.put(name, parameter.get());
        }
      });
    }
    return json;
  }
}
