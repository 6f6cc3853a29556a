package talos.core.director;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import talos.core.bus.ServiceFailure;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A station link that records what the director sends and answers at once: stations are online
 * unless taken offline, and their agents acknowledge every session command unless told to refuse.
 */
final class FakeStationLink implements StationLink {

  /** One message sent to a station. */
  record Sent(String stationId, Object message) {
  }

  private final List<Sent> sent = new ArrayList<>();
  private final Set<String> offline = new HashSet<>();
  private final Set<String> refusing = new HashSet<>();
  private JsonObject telemetry;

  void offline(String stationId, boolean isOffline) {
    if (isOffline) {
      offline.add(stationId);
    } else {
      offline.remove(stationId);
    }
  }

  void refuse(String stationId) {
    refusing.add(stationId);
  }

  /** The telemetry the gateway reports for every station (where its rotator is). */
  void telemetry(JsonObject latest) {
    this.telemetry = latest;
  }

  @Override
  public void send(String stationId, PointingSetpoints setpoints) {
    if (!offline.contains(stationId)) {
      sent.add(new Sent(stationId, setpoints));
    }
  }

  @Override
  public void send(String stationId, RadioSetpoints setpoints) {
    if (!offline.contains(stationId)) {
      sent.add(new Sent(stationId, setpoints));
    }
  }

  @Override
  public Future<StationEvent> command(String stationId, String stationName,
                                      SessionCommand command) {
    if (offline.contains(stationId)) {
      return Future.failedFuture(StationCommands.offline(stationName));
    }
    sent.add(new Sent(stationId, command));
    if (refusing.contains(stationId)) {
      return Future.failedFuture(ServiceFailure.of(409, "station '" + stationName
          + "' refused the " + command.action().wireName() + " command: rotator busy"));
    }
    return Future.succeededFuture(StationEvent.ack(Instant.now(), command.id(), "done"));
  }

  @Override
  public Future<Optional<JsonObject>> state(String stationId) {
    if (offline.contains(stationId)) {
      return Future.succeededFuture(Optional.empty());
    }
    JsonObject state = new JsonObject().put("connected", true);
    if (telemetry != null) {
      state.put("telemetry", telemetry);
    }
    return Future.succeededFuture(Optional.of(state));
  }

  List<SessionCommand> commands(String stationId) {
    return messages(stationId, SessionCommand.class);
  }

  List<PointingSetpoints> pointing(String stationId) {
    return messages(stationId, PointingSetpoints.class);
  }

  List<RadioSetpoints> radio(String stationId) {
    return messages(stationId, RadioSetpoints.class);
  }

  void clear() {
    sent.clear();
  }

  private <T> List<T> messages(String stationId, Class<T> type) {
    List<T> list = new ArrayList<>();
    for (Sent one : sent) {
      if (one.stationId().equals(stationId) && type.isInstance(one.message())) {
        list.add(type.cast(one.message()));
      }
    }
    return list;
  }
}
