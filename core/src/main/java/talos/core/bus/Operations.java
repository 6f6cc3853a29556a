package talos.core.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Registers the consumers that serve a feature's API operations: each takes an {@link ApiRequest}
 * and returns the future of a {@link Reply}; a failure is answered through
 * {@link ServiceFailure#reply}, and an exception thrown by the handler is treated as a failure.
 */
public final class Operations {

  private final EventBus eventBus;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  public Operations(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  public Operations serve(String address, Function<ApiRequest, Future<Reply>> handler) {
    consumers.add(eventBus.consumer(address, message -> {
      Future<Reply> reply;
      try {
        reply = handler.apply(new ApiRequest(message.body()));
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onSuccess(answer -> message.reply(answer.body(), answer.deliveryOptions()))
          .onFailure(failure -> ServiceFailure.reply(message, failure));
    }));
    return this;
  }

  /**
   * Registers a consumer of plain JSON requests (not API operations): the handler's result is the
   * reply, its failure goes through {@link ServiceFailure#reply}.
   */
  public Operations answer(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(eventBus.consumer(address, message -> {
      Future<JsonObject> reply;
      try {
        reply = handler.apply(message.body());
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onSuccess(message::reply).onFailure(failure -> ServiceFailure.reply(message, failure));
    }));
    return this;
  }

  /** Completes once every consumer is registered, on the cluster too. */
  public Future<Void> ready() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }
}
