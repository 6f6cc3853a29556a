package talos.core.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Requests that a consumer on this node answers when there is one, and any node's otherwise.
 *
 * <p>The features that serve the API run on every node that names them, so a request the HTTP
 * layer receives is best answered where it arrived: one network hop fewer, and no request
 * handed to a member that has just died. For a moment after a member dies, the cluster still lists
 * its consumers, and a clustered request may go to one of them and wait out its whole timeout.
 */
public final class LocalFirst {

  private LocalFirst() {
  }

  /**
   * Sends {@code body} to a consumer of {@code address} on this node; when this node has none, to
   * one of the cluster's, with the same options.
   */
  public static <T> Future<Message<T>> request(EventBus bus, String address, Object body,
                                               DeliveryOptions options) {
    DeliveryOptions local = new DeliveryOptions(options).setLocalOnly(true);
    return bus.<T>request(address, body, local).recover(failure -> noLocalConsumer(failure)
        ? bus.request(address, body, options)
        : Future.failedFuture(failure));
  }

  private static boolean noLocalConsumer(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
