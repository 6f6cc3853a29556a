package talos.core.director;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the director keeps its observations and finds the planned passes it must drive. In
 * production {@link PgObservationStore} on PostgreSQL; in tests, a map. Every write that ends or
 * starts an observation takes effect only while the observation is still under way, so a director
 * that lost a race (another node ended it first) changes nothing.
 */
interface ObservationStore {

  /** Progress of one observation's tracking error, written every few seconds. */
  record Progress(UUID observationId, Double rms, Double max, int samples) {
  }

  /** The ids of every station. */
  Future<List<UUID>> stations();

  /**
   * The planned passes (status {@code planned}) of these stations whose AOS is before
   * {@code until} and whose LOS is after {@code now}, in AOS order, each with its observation if
   * one was recorded.
   */
  Future<List<PlannedPass>> duePasses(Collection<UUID> stations, Instant now, Instant until);

  /** The observations of these stations that are under way ({@code pending} or {@code tracking}). */
  Future<List<Observation>> underWay(Collection<UUID> stations);

  /**
   * Records a planned pass's observation as {@code pending}, driven by {@code node}.
   *
   * @return the observation, or empty when the pass already has one or another observation of the
   *     station is under way
   */
  Future<Optional<Observation>> open(PlannedPass pass, String node);

  /**
   * Records a planned pass's observation that never started, with its final outcome.
   *
   * @return the observation, or empty when the pass already has one
   */
  Future<Optional<Observation>> close(PlannedPass pass, Outcome outcome, String reason, String node,
                                      Instant at);

  /**
   * Marks an observation under way as {@code tracking} with its session, epoch and driving node;
   * sets {@code started_at} when it has none yet (a session taken over keeps the first start).
   *
   * @return whether the observation was still under way
   */
  Future<Boolean> started(Observation observation, Instant at);

  /** Writes the tracking error of observations under way. */
  Future<Void> progress(List<Progress> progress);

  /**
   * Ends an observation under way.
   *
   * @param progress the final tracking error, or {@code null} to keep what was written
   * @return the observation as it was, or empty when it was no longer under way
   */
  Future<Optional<Observation>> end(UUID observationId, Outcome outcome, String reason, Instant at,
                                    Progress progress);
}
