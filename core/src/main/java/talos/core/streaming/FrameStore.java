package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes frames and their receptions in batches: one transaction at a time, started when enough
 * rows wait or when the streaming verticle's timer asks. Writing never holds up forwarding; if the
 * database falls behind by more than {@value #MAX_PENDING} rows, new rows are dropped and counted
 * rather than filling the memory. Not thread-safe: used on the streaming context only.
 */
final class FrameStore {

  static final int BATCH = 1_000;
  static final int MAX_PENDING = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(FrameStore.class);
  private static final String INSERT_FRAME = """
      INSERT INTO frame (id, org_id, norad_id, observation_id, campaign_id, digest, data,
                         received_at, forwarded_to)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String INSERT_RECEPTION = """
      INSERT INTO frame_reception (frame_id, station_id, observation_id, received_at, frequency,
                                   rssi, snr, first)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String EXPIRE = """
      DELETE FROM frame WHERE received_at < now() - make_interval(days => $1)""";

  private final Pool pool;
  private final LongAdder unstored;
  private List<Tuple> frames = new ArrayList<>();
  private List<Tuple> receptions = new ArrayList<>();
  private boolean writing;

  /** @param unstored counts the rows that could not be written */
  FrameStore(Pool pool, LongAdder unstored) {
    this.pool = pool;
    this.unstored = unstored;
  }

  void frame(UUID id, UUID orgId, int noradId, UUID observationId, UUID campaignId, byte[] digest,
             byte[] data, OffsetDateTime receivedAt, int forwardedTo) {
    if (pending() >= MAX_PENDING) {
      unstored.increment();
      return;
    }
    frames.add(Tuple.tuple().addUUID(id).addUUID(orgId).addInteger(noradId).addUUID(observationId)
        .addUUID(campaignId).addValue(io.vertx.core.buffer.Buffer.buffer(digest))
        .addValue(io.vertx.core.buffer.Buffer.buffer(data)).addOffsetDateTime(receivedAt)
        .addInteger(forwardedTo));
    flushIfFull();
  }

  void reception(UUID frameId, UUID stationId, UUID observationId, OffsetDateTime receivedAt,
                 Long frequency, Double rssi, Double snr, boolean first) {
    if (pending() >= MAX_PENDING) {
      unstored.increment();
      return;
    }
    receptions.add(Tuple.tuple().addUUID(frameId).addUUID(stationId).addUUID(observationId)
        .addOffsetDateTime(receivedAt).addLong(frequency).addDouble(rssi).addDouble(snr)
        .addBoolean(first));
    flushIfFull();
  }

  int pending() {
    return frames.size() + receptions.size();
  }

  /**
   * Writes what waits, unless a write is under way.
   *
   * @return a future that completes when this write (or the one under way) has ended
   */
  Future<Void> flush() {
    if (writing || pending() == 0) {
      return Future.succeededFuture();
    }
    List<Tuple> frameRows = frames;
    List<Tuple> receptionRows = receptions;
    frames = new ArrayList<>();
    receptions = new ArrayList<>();
    writing = true;
    return pool.withTransaction(connection -> {
          Future<?> written = frameRows.isEmpty() ? Future.succeededFuture()
              : connection.preparedQuery(INSERT_FRAME).executeBatch(frameRows);
          return written.compose(ignored -> receptionRows.isEmpty() ? Future.succeededFuture()
              : connection.preparedQuery(INSERT_RECEPTION).executeBatch(receptionRows));
        })
        .<Void>mapEmpty()
        .onFailure(failure -> {
          unstored.add(frameRows.size() + receptionRows.size());
          LOG.warn("frames not stored [frames: {}, receptions: {}]", frameRows.size(),
              receptionRows.size(), failure);
        })
        .onComplete(ignored -> {
          writing = false;
          flushIfFull();
        });
  }

  /** Deletes frames older than the retention. @return how many were deleted */
  Future<Integer> expire(int retentionDays) {
    return pool.preparedQuery(EXPIRE).execute(Tuple.of(retentionDays)).map(rows -> rows.rowCount());
  }

  private void flushIfFull() {
    if (pending() >= BATCH) {
      flush();
    }
  }
}
