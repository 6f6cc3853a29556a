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
 * One station following one pass: what is tracked, the session and epoch the agent knows it by, the
 * precomputed track, and the last setpoints sent. Confined to the director's event loop.
 *
 * @param radio the transmitter to follow, or {@code null} for pointing only
 */
record TrackSession(Target target, String sessionId, long epoch, PassTrack track, Radio radio,
                    Instant startedAt, Commanded commanded) {

  /** What a session points at, and for whom. */
  record Target(String stationId, String stationName, String orgId, String orgSlug, int norad,
                String satellite) {
  }

  /** The transmitter followed: nominal frequencies in hertz and the mode. */
  record Radio(String transmitterId, String description, long downlinkHz, Long uplinkHz,
               String mode) {
  }

  /** The setpoints last sent: the direction and frequencies for the tick's own instant. */
  record Commanded(PointingSetpoints.Point pointing, RadioSetpoints.Point radio) {
  }

  /** Where the session stands at an instant. */
  enum Phase {
    PRE_POSITIONING, TRACKING, FINISHED;

    String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  Phase phase(Instant now) {
    if (now.isBefore(track.aos())) {
      return Phase.PRE_POSITIONING;
    }
    return track.isOver(now) ? Phase.FINISHED : Phase.TRACKING;
  }

  TrackSession withCommanded(Commanded latest) {
    return new TrackSession(target, sessionId, epoch, track, radio, startedAt, latest);
  }

  /** The session as the status API shows it. */
  JsonObject toJson(Instant now) {
    JsonObject json = new JsonObject()
        .put("session", sessionId)
        .put("epoch", epoch)
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
    if (commanded != null) {
      JsonObject pointing = new JsonObject()
          .put("at", commanded.pointing().time().toString())
          .put("azimuth", commanded.pointing().azimuth())
          .put("elevation", commanded.pointing().elevation());
      if (commanded.radio() != null) {
        pointing.put("downlink", commanded.radio().downlinkHz())
            .put("uplink", commanded.radio().uplinkHz());
      }
      json.put("commanded", pointing);
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
