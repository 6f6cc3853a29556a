package talos.core.gateway;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.Collection;
import java.util.UUID;

/**
 * Writes when stations were last seen ({@code station.last_seen_at}): on connect and disconnect for
 * one station, and for every connected station together once a minute, never per message.
 */
final class LastSeen {

  private static final String TOUCH = "UPDATE station SET last_seen_at = now() WHERE id = $1";
  private static final String TOUCH_ALL =
      "UPDATE station SET last_seen_at = now() WHERE id = ANY($1)";

  private final Pool pool;

  LastSeen(Pool pool) {
    this.pool = pool;
  }

  /** Marks one station seen now; the future fails when the database does. */
  Future<Void> touch(String stationId) {
    return pool.preparedQuery(TOUCH).execute(Tuple.of(UUID.fromString(stationId))).mapEmpty();
  }

  /**
   * Marks the given stations seen now, in one statement; the future fails when the database
   * does.
   */
  Future<Void> touchAll(Collection<String> stationIds) {
    if (stationIds.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID[] ids = stationIds.stream().map(UUID::fromString).toArray(UUID[]::new);
    return pool.preparedQuery(TOUCH_ALL).execute(Tuple.of(ids)).mapEmpty();
  }
}
