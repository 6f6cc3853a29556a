package talos.core.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.core.HazelcastInstance;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Token-bucket rate limiting with Bucket4j. In a cluster the buckets live in a Hazelcast map, so every
 * node counts against the same limit; a node alone keeps them in memory. Buckets expire once they
 * have refilled, so idle keys cost nothing.
 */
public final class RateLimiter {

  /** The Hazelcast map holding the buckets of a cluster. */
  public static final String MAP = "talos.rate-limits";

  /** The answer to one request: allowed, or refused until {@code retryAfter} has passed. */
  public record Decision(boolean allowed, Duration retryAfter) {

    /** Whole seconds to wait, at least 1, for the {@code Retry-After} header. */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  private final Vertx vertx;
  private final AsyncProxyManager<String> buckets;
  private final Map<RateLimit, CompletableFuture<BucketConfiguration>> configurations =
      new EnumMap<>(RateLimit.class);

  private RateLimiter(Vertx vertx, AsyncProxyManager<String> buckets) {
    this.vertx = vertx;
    this.buckets = buckets;
    for (RateLimit limit : RateLimit.values()) {
      configurations.put(limit, CompletableFuture.completedFuture(BucketConfiguration.builder()
          .addLimit(Bandwidth.builder()
              .capacity(limit.requests())
              .refillGreedy(limit.requests(), limit.window())
              .build())
          .build()));
    }
  }

  /** Buckets shared by every member of the cluster {@code hazelcast} belongs to. */
  public static RateLimiter clustered(Vertx vertx, HazelcastInstance hazelcast) {
    return new RateLimiter(vertx, Bucket4jHazelcast.<String>entryProcessorBasedBuilder(hazelcast.getMap(MAP))
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
        .build()
        .asAsync());
  }

  /** Buckets in this node's memory. */
  public static RateLimiter local(Vertx vertx) {
    return new RateLimiter(vertx, Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(100_000))
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
        .build()
        .asAsync());
  }

  /**
   * Takes one request from the bucket of {@code key} under {@code limit}.
   *
   * @return a future that succeeds with the decision; it completes on the caller's context
   */
  public Future<Decision> consume(RateLimit limit, String key) {
    CompletableFuture<Decision> decision = buckets.getProxy(limit.name() + ":" + key, () -> configurations.get(limit))
        .tryConsumeAndReturnRemaining(1)
        .thenApply(probe -> new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill())));
    return Future.fromCompletionStage(decision, vertx.getOrCreateContext());
  }
}
