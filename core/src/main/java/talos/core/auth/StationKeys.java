package talos.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import talos.core.bus.ServiceFailure;
import talos.core.security.KeyHasher;
import talos.core.security.Tokens;

import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Station API keys: long random secrets, stored only as Argon2id hashes. Hashing runs on a small
 * named worker pool, never on an event loop.
 *
 * <p>Verifying a key costs one Argon2id computation, so successful verifications are remembered for
 * {@link #CACHE_TTL}, keyed by the station, a digest of the key and the stored hash. The stored hash is
 * read on every verification, so a rotated key stops working at once on every node.
 */
public final class StationKeys {

  static final Duration CACHE_TTL = Duration.ofMinutes(5);

  private static final String LOOK_UP = """
      SELECT s.key_hash, s.name, s.org_id, o.slug
        FROM station s JOIN organisation o ON o.id = s.org_id
       WHERE s.id = $1""";

  private final Pool pool;
  private final Tokens tokens;
  private final KeyHasher hasher = new KeyHasher();
  private final WorkerExecutor workers;
  private final Cache<String, Boolean> verified = Caffeine.newBuilder()
      .expireAfterWrite(CACHE_TTL)
      .maximumSize(10_000)
      .build();

  public StationKeys(Vertx vertx, Pool pool, Tokens tokens) {
    this.pool = pool;
    this.tokens = tokens;
    this.workers = vertx.createSharedWorkerExecutor("talos-key-hashing", 2);
  }

  /** A new key and its hash, for storing; the key itself is shown once and never stored. */
  public record NewKey(String key, String hash) {
  }

  public Future<NewKey> generate() {
    String key = tokens.generate(Tokens.STATION_KEY);
    return workers.executeBlocking(() -> new NewKey(key, hasher.hash(key)), false);
  }

  /**
   * Checks a station's key.
   *
   * @return a future that succeeds with {@code {"stationId", "name", "orgId", "orgSlug"}}, or fails
   *     with 401 for an unknown station or a wrong key (the same answer for both)
   */
  public Future<JsonObject> verify(String stationId, String key) {
    UUID id;
    try {
      id = UUID.fromString(stationId);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(rejected());
    }
    if (!Tokens.hasShape(key, Tokens.STATION_KEY)) {
      return Future.failedFuture(rejected());
    }
    return pool.preparedQuery(LOOK_UP).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(rejected());
      }
      Row row = rows.iterator().next();
      String storedHash = row.getString("key_hash");
      String cacheKey = id + ":" + HexFormat.of().formatHex(tokens.digest(key)) + ":" + storedHash;
      Future<Boolean> matches = verified.getIfPresent(cacheKey) != null
          ? Future.succeededFuture(true)
          : workers.executeBlocking(() -> hasher.verify(key, storedHash), false);
      return matches.compose(ok -> {
        if (!ok) {
          return Future.failedFuture(rejected());
        }
        verified.put(cacheKey, true);
        return Future.succeededFuture(new JsonObject()
            .put("stationId", id.toString())
            .put("name", row.getString("name"))
            .put("orgId", row.getUUID("org_id").toString())
            .put("orgSlug", row.getString("slug")));
      });
    });
  }

  private static ServiceFailure rejected() {
    return ServiceFailure.of(ServiceFailure.UNAUTHORIZED, "unknown station or wrong key");
  }
}
