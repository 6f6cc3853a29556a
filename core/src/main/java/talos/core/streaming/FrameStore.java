package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Writes frames and their receptions in batches: one transaction at a time, started when enough
 * rows wait or when the streaming verticle's timer asks. Writing never holds up forwarding.
 *
 * <p>A row whose organisation or station was deleted meanwhile is left out, and a reference to a
 * deleted observation or campaign is left empty, so one such row never costs the others their
 * place. When the database cannot be reached or refuses for a passing reason, the rows are kept
 * and written again later, first after {@link #FIRST_RETRY}, then at growing intervals up to
 * {@link #LAST_RETRY}. Rows the database refuses for what they hold (a data or constraint error)
 * would be refused again: they are dropped and counted. At most {@code maxPending} rows wait;
 * beyond that the newest are dropped and counted rather than filling the memory. Not thread-safe:
 * used on the streaming context only.
 */
final class FrameStore {

  static final int BATCH = 1_000;
  static final int MAX_PENDING = 100_000;
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(FrameStore.class);
  private static final String INSERT_FRAME = """
      INSERT INTO frame (id, org_id, norad_id, observation_id, campaign_id, digest, data,
                         received_at, forwarded_to)
      SELECT $1, $2, $3, (SELECT id FROM observation WHERE id = $4),
             (SELECT id FROM campaign WHERE id = $5), $6, $7, $8, $9
       WHERE EXISTS (SELECT 1 FROM organisation WHERE id = $2)""";
  private static final String INSERT_RECEPTION = """
      INSERT INTO frame_reception (frame_id, station_id, observation_id, received_at, frequency,
                                   rssi, snr, first)
      SELECT $1, $2, (SELECT id FROM observation WHERE id = $3), $4, $5, $6, $7, $8
       WHERE EXISTS (SELECT 1 FROM frame WHERE id = $1)
         AND EXISTS (SELECT 1 FROM station WHERE id = $2)""";
  private static final String EXPIRE = """
      DELETE FROM frame WHERE received_at < now() - make_interval(days => $1)""";

  private final Pool pool;
  private final LongAdder unstored;
  private final int maxPending;
  private final LongSupplier nanoTime;
  private List<Tuple> frames = new ArrayList<>();
  private List<Tuple> receptions = new ArrayList<>();
  private boolean writing;
  private int failedWrites;
  private long retryAt;

  /** @param unstored counts the rows that could not be written */
  FrameStore(Pool pool, LongAdder unstored) {
    this(pool, unstored, MAX_PENDING, System::nanoTime);
  }

  /**
   * @param maxPending the most rows that may wait to be written
   * @param nanoTime the clock retries are timed by, as {@link System#nanoTime}
   */
  FrameStore(Pool pool, LongAdder unstored, int maxPending, LongSupplier nanoTime) {
    this.pool = pool;
    this.unstored = unstored;
    this.maxPending = maxPending;
    this.nanoTime = nanoTime;
  }

  void frame(UUID id, UUID orgId, int noradId, UUID observationId, UUID campaignId, byte[] digest,
             byte[] data, OffsetDateTime receivedAt, int forwardedTo) {
    if (pending() >= maxPending) {
      unstored.increment();
      return;
    }
    frames.add(Tuple.tuple().addUUID(id).addUUID(orgId).addInteger(noradId).addUUID(observationId)
        .addUUID(campaignId).addValue(Buffer.buffer(digest)).addValue(Buffer.buffer(data))
        .addOffsetDateTime(receivedAt).addInteger(forwardedTo));
    flushIfFull();
  }

  void reception(UUID frameId, UUID stationId, UUID observationId, OffsetDateTime receivedAt,
                 Long frequency, Double rssi, Double snr, boolean first) {
    if (pending() >= maxPending) {
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
   * Writes what waits, unless a write is under way or a failed one is not due again yet.
   *
   * @return a future that completes when this write has ended, whether the rows were written,
   *     kept for later or dropped; at once when no write starts
   */
  Future<Void> flush() {
    if (writing || pending() == 0 || failedWrites > 0 && nanoTime.getAsLong() - retryAt < 0) {
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
        .onSuccess(ignored -> written())
        .recover(failure -> {
          failed(failure, frameRows, receptionRows);
          return Future.succeededFuture();
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

  private void written() {
    if (failedWrites > 0) {
      LOG.info("frames stored again after {} failed writes", failedWrites);
      failedWrites = 0;
    }
  }

  private void failed(Throwable failure, List<Tuple> frameRows, List<Tuple> receptionRows) {
    if (refusesTheRows(failure)) {
      unstored.add(frameRows.size() + receptionRows.size());
      LOG.warn("frames refused by the database and dropped [frames: {}, receptions: {}]",
          frameRows.size(), receptionRows.size(), failure);
      return;
    }
    frameRows.addAll(frames);
    receptionRows.addAll(receptions);
    frames = frameRows;
    receptions = receptionRows;
    dropNewestBeyondTheBound();
    long delay = Math.min(LAST_RETRY.toNanos(), FIRST_RETRY.toNanos() << Math.min(failedWrites, 10));
    retryAt = nanoTime.getAsLong() + delay;
    failedWrites++;
    if (failedWrites == 1) {
      LOG.warn("frames not stored yet, kept to write again [frames: {}, receptions: {}]: {}",
          frames.size(), receptions.size(), failure.getMessage());
    } else {
      LOG.debug("frames still not stored [attempts: {}, waiting: {}]: {}", failedWrites, pending(),
          failure.getMessage());
    }
  }

  /**
   * Whether the database refused the rows for what they hold, so that writing them again would
   * fail again: a data exception (SQLSTATE class 22) or an integrity constraint (class 23).
   */
  private static boolean refusesTheRows(Throwable failure) {
    return failure instanceof PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
  }

  private void dropNewestBeyondTheBound() {
    int excess = pending() - maxPending;
    if (excess <= 0) {
      return;
    }
    int fromReceptions = Math.min(excess, receptions.size());
    receptions.subList(receptions.size() - fromReceptions, receptions.size()).clear();
    int fromFrames = excess - fromReceptions;
    frames.subList(frames.size() - fromFrames, frames.size()).clear();
    unstored.add(excess);
  }

  private void flushIfFull() {
    if (pending() >= BATCH) {
      flush();
    }
  }
}
