package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which observation (and campaign) a station's session belongs to, looked up once per session and
 * remembered: the director records the session id of every observation it drives. Not
 * thread-safe: used on the streaming context only.
 */
final class SessionIndex {

  /** The observation of a session; both ids {@code null} when the session is unknown. */
  record Owner(UUID observationId, UUID campaignId) {
    static final Owner NONE = new Owner(null, null);
  }

  private static final int CAPACITY = 10_000;
  /** How long a session not (yet) found is taken as unknown before it is looked up again. */
  private static final long UNKNOWN_NANOS = java.time.Duration.ofSeconds(10).toNanos();
  private static final String FIND = """
      SELECT id, campaign_id FROM observation WHERE station_id = $1 AND session_id = $2
       ORDER BY created_at DESC LIMIT 1""";

  private final Pool pool;
  private record Entry(Owner owner, long foundAtNanos) {
  }

  private final Map<String, Entry> known = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  SessionIndex(Pool pool) {
    this.pool = pool;
  }

  /** The owner when it is known already, or {@code null} when it must be looked up. */
  Owner cached(String stationId, String session) {
    if (session == null) {
      return Owner.NONE;
    }
    Entry entry = known.get(stationId + "/" + session);
    if (entry == null || entry.owner() == Owner.NONE
        && System.nanoTime() - entry.foundAtNanos() > UNKNOWN_NANOS) {
      return null;
    }
    return entry.owner();
  }

  /** Looks the owner of a session up and remembers it. */
  Future<Owner> lookUp(String stationId, String session) {
    return pool.preparedQuery(FIND).execute(Tuple.of(UUID.fromString(stationId), session))
        .map(rows -> {
          Owner owner = Owner.NONE;
          if (rows.size() > 0) {
            Row row = rows.iterator().next();
            owner = new Owner(row.getUUID("id"), row.getUUID("campaign_id"));
          }
          known.put(stationId + "/" + session, new Entry(owner, System.nanoTime()));
          return owner;
        });
  }
}
