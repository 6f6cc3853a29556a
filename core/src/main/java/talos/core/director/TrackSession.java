package talos.core.director;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import talos.core.orbit.rotator.RotatorWarning;
import talos.protocol.PointingSetpoints;
import talos.protocol.RadioSetpoints;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One station following one pass: the observation it records, what is tracked, the session and
 * epoch the agent knows it by, the precomputed track, the last setpoints sent and the tracking
 * error so far. Confined to the thread of the director that drives it.
 */
final class TrackSession {

  /** What a session points at, and for whom. */
  record Target(String stationId, String stationName, String orgId, String orgSlug, int norad,
                String satellite) {
  }

  /** The transmitter followed: nominal frequencies in hertz and the mode. */
  record Radio(String transmitterId, String description, long downlinkHz, Long uplinkHz,
               String mode) {
  }

  /** Where the session stands at an instant. */
  enum Phase {
    PRE_POSITIONING, TRACKING, FINISHED;

    String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Observation observation;
  private final Target target;
  private final String sessionId;
  private final long epoch;
  private final PassTrack track;
  private final Radio radio;
  private final Instant startedAt;
  private final String drivenBy;
  private final TrackingError error;
  private PointingSetpoints.Point commandedPointing;
  private RadioSetpoints.Point commandedRadio;
  private Instant offlineSince;

  /**
   * @param observation the observation as under way (outcome {@code tracking})
   * @param radio the transmitter to follow, or {@code null} for pointing only
   */
  TrackSession(Observation observation, Target target, PassTrack track, Radio radio) {
    this.observation = observation;
    this.target = target;
    this.sessionId = observation.sessionId();
    this.epoch = observation.epoch();
    this.track = track;
    this.radio = radio;
    this.startedAt = observation.startedAt();
    this.drivenBy = observation.drivenBy();
    this.error = TrackingError.resumed(observation.errorRms(), observation.errorMax(),
        observation.samples());
  }

  Observation observation() {
    return observation;
  }

  Target target() {
    return target;
  }

  String stationId() {
    return target.stationId();
  }

  String sessionId() {
    return sessionId;
  }

  long epoch() {
    return epoch;
  }

  PassTrack track() {
    return track;
  }

  Radio radio() {
    return radio;
  }

  TrackingError error() {
    return error;
  }

  /** The setpoints last sent, for the tick's own instant; the radio's may be {@code null}. */
  void commanded(PointingSetpoints.Point pointing, RadioSetpoints.Point tuned) {
    this.commandedPointing = pointing;
    this.commandedRadio = tuned;
  }

  PointingSetpoints.Point commandedPointing() {
    return commandedPointing;
  }

  /** Since when the station has been offline during the session, or {@code null}. */
  Instant offlineSince() {
    return offlineSince;
  }

  void offlineSince(Instant since) {
    this.offlineSince = since;
  }

  Phase phase(Instant now) {
    if (now.isBefore(track.aos())) {
      return Phase.PRE_POSITIONING;
    }
    return track.isOver(now) ? Phase.FINISHED : Phase.TRACKING;
  }

  /** The session as the status API shows it. */
  JsonObject toJson(Instant now) {
    JsonObject json = new JsonObject()
        .put("session", sessionId)
        .put("epoch", epoch)
        .put("observation", observation.id().toString())
        .put("kind", observation.manual() ? "manual" : "planned")
        .put("campaignId", observation.campaignId() == null ? null
            : observation.campaignId().toString())
        .put("drivenBy", drivenBy)
        .put("noradId", target.norad())
        .put("satellite", target.satellite())
        .put("phase", phase(now).wireName())
        .put("startedAt", startedAt.toString())
        .put("aos", track.aos().toString())
        .put("tca", track.pass().tca().toString())
        .put("los", track.los().toString())
        .put("maxElevation", track.pass().maxElevation())
        .put("rotatorMode", track.path().mode().name().toLowerCase(Locale.ROOT))
        .put("startMovingBy", track.path().startMovingBy().toString())
        .put("secondsToAos", Math.max(0, track.aos().getEpochSecond() - now.getEpochSecond()))
        .put("secondsToLos", Math.max(0, track.los().getEpochSecond() - now.getEpochSecond()))
        .put("warnings", warnings(track.path().warnings()));
    if (radio != null) {
      json.put("transmitter", new JsonObject()
          .put("id", radio.transmitterId())
          .put("description", radio.description())
          .put("downlink", radio.downlinkHz())
          .put("uplink", radio.uplinkHz())
          .put("mode", radio.mode()));
    }
    if (commandedPointing != null) {
      JsonObject pointing = new JsonObject()
          .put("at", commandedPointing.time().toString())
          .put("azimuth", commandedPointing.azimuth())
          .put("elevation", commandedPointing.elevation());
      if (commandedRadio != null) {
        pointing.put("downlink", commandedRadio.downlinkHz())
            .put("uplink", commandedRadio.uplinkHz());
      }
      json.put("commanded", pointing);
    }
    if (error.samples() > 0) {
      json.put("trackingError", new JsonObject().put("rms", error.rms()).put("max", error.max())
          .put("samples", error.samples()));
    }
    return json;
  }

  private static JsonArray warnings(List<RotatorWarning> warnings) {
    JsonArray list = new JsonArray();
    for (RotatorWarning warning : warnings) {
      list.add(new JsonObject()
          .put("kind", warning.kind().name().toLowerCase(Locale.ROOT))
          .put("start", warning.start().toString())
          .put("end", warning.end().toString())
          .put("message", warning.message()));
    }
    return list;
  }
}
