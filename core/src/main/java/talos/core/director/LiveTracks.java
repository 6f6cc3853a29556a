package talos.core.director;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import talos.core.live.LiveFeed;
import talos.protocol.PointingSetpoints;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The director's part of the live feed: once a second, every session this instance drives, with
 * its commanded pointing, frequencies and countdown, and the rotator path through the pass (worked
 * out once per session); and the end of each session.
 */
final class LiveTracks {

  /** At most this many points describe a pass's path. */
  private static final int PATH_POINTS = 90;
  private static final Duration MIN_SPACING = Duration.ofSeconds(5);

  private final LiveFeed feed;
  private final Map<String, JsonArray> paths = new HashMap<>();
  private final Set<String> running = new HashSet<>();

  LiveTracks(LiveFeed feed) {
    this.feed = feed;
  }

  /** Publishes each session; forgets the paths of sessions that are gone. */
  void publish(Collection<TrackSession> sessions, Instant now) {
    running.clear();
    for (TrackSession session : sessions) {
      running.add(session.sessionId());
      JsonArray path = paths.computeIfAbsent(session.sessionId(), id -> path(session.track()));
      feed.tracking(session.observation().orgId().toString(), session.stationId(),
          session.toJson(now), path);
    }
    paths.keySet().retainAll(running);
  }

  /** @param ended a {@code talos.director.observation.ended} publication */
  void ended(JsonObject ended) {
    feed.tracking(ended.getString("orgId"), ended.getString("stationId"), null, new JsonArray());
  }

  /** The pass from AOS to LOS in the rotator's own coordinates, as {@code [{"t", "az", "el"}]}. */
  static JsonArray path(PassTrack track) {
    Duration pass = Duration.between(track.aos(), track.los());
    Duration spacing = pass.dividedBy(PATH_POINTS);
    if (spacing.compareTo(MIN_SPACING) < 0) {
      spacing = MIN_SPACING;
    }
    JsonArray path = new JsonArray();
    for (PointingSetpoints.Point point : track.pointing(track.aos(), pass.plus(spacing), spacing)) {
      path.add(new JsonObject()
          .put("t", point.time().toString())
          .put("az", point.azimuth())
          .put("el", point.elevation()));
    }
    return path;
  }
}
