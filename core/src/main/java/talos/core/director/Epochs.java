package talos.core.director;

import io.vertx.core.Future;

/**
 * The ownership epochs of stations: a cluster-wide counter per station that only grows. Every
 * session takes a new one; agents ignore commands and setpoints of a lower epoch.
 */
interface Epochs {

  /** A new, higher epoch for a station. */
  Future<Long> next(String stationId);
}
