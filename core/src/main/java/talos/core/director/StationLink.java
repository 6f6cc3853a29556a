package talos.core.director;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;

import java.util.Optional;

/**
 * How the director reaches stations. In production {@link StationCommands}, over the event bus to
 * whichever gateway node holds a station's connection; in tests, a recording fake.
 */
interface StationLink {

  /** Sends pointing setpoints; fire and forget, a late setpoint is worth nothing. */
  void send(String stationId, PointingSetpoints setpoints);

  /** Sends radio setpoints; fire and forget. */
  void send(String stationId, RadioSetpoints setpoints);

  /**
   * Sends a session command and waits for the agent's acknowledgement.
   *
   * @return a future that succeeds with the acknowledgement (code 200), or fails with 409 when the
   *     station is not connected, 504 when the agent did not answer in time, or the agent's own
   *     code and message when it refused
   */
  Future<StationEvent> command(String stationId, String stationName, SessionCommand command);

  /**
   * The gateway's view of a station's connection ({@code connected}, the latest {@code telemetry}
   * and {@code status}), or empty when the station is connected nowhere.
   */
  Future<Optional<JsonObject>> state(String stationId);
}
