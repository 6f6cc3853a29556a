package talos.core.director;

import io.vertx.core.Future;
import talos.core.orbit.rotator.RotatorPosition;

import java.time.Instant;

/**
 * Works out how a station follows an observation's pass: the station and satellite it concerns,
 * the rotator's path through the pass (or what is left of it) and the transmitter to follow. In
 * production {@link CataloguePlanner}, on a worker thread; in tests, computed on the spot.
 */
interface SessionPlanner {

  /** What a session needs to run. */
  record Plan(TrackSession.Target target, PassTrack track, TrackSession.Radio radio) {
  }

  /**
   * Plans the pass of an observation within its planned AOS–LOS window.
   *
   * @param from where the rotator is expected to be when it starts moving, or {@code null} when
   *     unknown
   * @param now the current time; when it is past AOS only the rest of the pass is planned
   * @return the plan, or a failure naming why there is none (no element set, no pass in the window)
   */
  Future<Plan> plan(Observation observation, RotatorPosition from, Instant now);
}
