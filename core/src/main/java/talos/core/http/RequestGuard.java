package talos.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;

/**
 * What the API router runs around each operation besides contract validation: who the caller is,
 * and whether they may make this request now.
 */
interface RequestGuard {

  /** A guard that lets everything through, for routers without sign-in. */
  RequestGuard OPEN = new RequestGuard() {
  };

  /**
   * Runs before validation: authentication and cross-site checks.
   *
   * @param secured whether the contract asks for a signed-in caller
   */
  default Handler<RoutingContext> beforeValidation(Operation operation, boolean secured) {
    return RoutingContext::next;
  }

  /** Runs after validation, with the validated request at hand: rate limits. */
  default Handler<RoutingContext> afterValidation(Operation operation, boolean secured) {
    return RoutingContext::next;
  }
}
