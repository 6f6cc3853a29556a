package talos.core.director;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import talos.core.bus.Addresses;
import talos.core.bus.ServiceFailure;
import talos.protocol.Channel;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The director's commands to stations: setpoints and session commands sent to whichever node
 * holds a station's MQTT connection, and the agent's acknowledgements matched to their commands.
 * Acknowledgements arrive as {@link Addresses#STATION_EVENTS} publications, which {@link #onEvent}
 * must be fed with.
 */
final class StationCommands implements StationLink {

  /** How long an agent has to acknowledge a session command. */
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
  private static final DeliveryOptions STATE_REQUEST =
      new DeliveryOptions().setSendTimeout(2_000);

  private final Vertx vertx;
  private final Map<String, Promise<StationEvent>> pendingAcks = new HashMap<>();

  StationCommands(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void send(String stationId, PointingSetpoints setpoints) {
    vertx.eventBus().send(Addresses.GATEWAY_STATION_PREFIX + stationId,
        envelope(Channel.ROTATOR, setpoints.toJson()));
  }

  @Override
  public void send(String stationId, RadioSetpoints setpoints) {
    vertx.eventBus().send(Addresses.GATEWAY_STATION_PREFIX + stationId,
        envelope(Channel.RADIO, setpoints.toJson()));
  }

  /** {@inheritDoc} The agent has {@link #ACK_TIMEOUT} to answer. */
  @Override
  public Future<StationEvent> command(String stationId, String stationName, SessionCommand command) {
    Promise<StationEvent> ack = Promise.promise();
    pendingAcks.put(command.id(), ack);
    long timer = vertx.setTimer(ACK_TIMEOUT.toMillis(), ignored -> {
      if (pendingAcks.remove(command.id()) != null) {
        ack.tryFail(ServiceFailure.of(504, "station '" + stationName + "' did not acknowledge the "
            + command.action().wireName() + " command within " + ACK_TIMEOUT.toSeconds() + " s"));
      }
    });
    vertx.eventBus().request(Addresses.GATEWAY_STATION_PREFIX + stationId,
            envelope(Channel.SESSION, command.toJson()))
        .onFailure(failure -> {
          pendingAcks.remove(command.id());
          ack.tryFail(isOffline(failure) ? offline(stationName) : failure);
        });
    return ack.future()
        .andThen(ignored -> vertx.cancelTimer(timer))
        .compose(event -> event.code() != null && event.code() == 200
            ? Future.succeededFuture(event)
            : Future.failedFuture(ServiceFailure.of(event.code() == null ? 502 : event.code(),
                "station '" + stationName + "' refused the " + command.action().wireName()
                    + " command: " + event.message())));
  }

  /** Matches an acknowledgement published by a gateway to the command waiting for it. */
  void onEvent(JsonObject published) {
    JsonObject json = published.getJsonObject("event");
    if (json == null || !StationEvent.ACK.equals(json.getString("type"))) {
      return;
    }
    Promise<StationEvent> ack = pendingAcks.remove(json.getString("command", ""));
    if (ack != null) {
      ack.tryComplete(StationEvent.fromJson(json));
    }
  }

  @Override
  public Future<Optional<JsonObject>> state(String stationId) {
    return vertx.eventBus().<JsonObject>request(Addresses.GATEWAY_STATE_PREFIX + stationId,
            new JsonObject(), STATE_REQUEST)
        .map(reply -> Optional.of(reply.body()))
        .recover(failure -> isOffline(failure) ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(failure));
  }

  static ServiceFailure offline(String stationName) {
    return ServiceFailure.conflict("station '" + stationName + "' is offline: its agent must be "
        + "connected to the MQTT gateway before it can track");
  }

  static boolean isOffline(Throwable failure) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }

  private static JsonObject envelope(Channel channel, JsonObject payload) {
    return new JsonObject().put("channel", channel.suffix()).put("payload", payload);
  }
}
