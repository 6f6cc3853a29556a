package talos.core.catalog;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the catalogue from its sources in order of preference: the first source that answers with
 * usable data wins; a source that fails is skipped for the next. Each source sits behind its own
 * circuit breaker (time-out, retries with growing delays, and a pause after repeated failures), so a
 * source that is down is not hammered. When every source fails, the stored catalogue keeps serving.
 */
public final class CatalogueSync {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueSync.class);

  private record Guarded(CatalogueSource source, CircuitBreaker breaker) {
  }

  private final CatalogueStore store;
  private final List<Guarded> sources = new ArrayList<>();

  public CatalogueSync(Vertx vertx, CatalogueStore store, List<CatalogueSource> sources, BreakerSettings settings) {
    this.store = store;
    for (CatalogueSource source : sources) {
      CircuitBreaker breaker = CircuitBreaker.create("catalogue-" + source.name(), vertx, new CircuitBreakerOptions()
              .setTimeout(settings.timeoutMs())
              .setMaxRetries(settings.retries())
              .setMaxFailures(settings.retries() + 2)
              .setResetTimeout(settings.pauseMs()))
          .retryPolicy(RetryPolicy.exponentialDelayWithJitter(settings.firstRetryDelayMs(), settings.pauseMs()));
      this.sources.add(new Guarded(source, breaker));
    }
  }

  /**
   * How hard to try a source: time-out per attempt, retries, the first retry delay (doubling after),
   * and how long to leave a source alone once its breaker opened.
   */
  public record BreakerSettings(long timeoutMs, int retries, long firstRetryDelayMs, long pauseMs) {

    public static final BreakerSettings DEFAULT = new BreakerSettings(30_000, 2, 2_000, 300_000);
  }

  /**
   * Tries the sources in order until one delivers, then stores its data.
   *
   * @return a future that succeeds with {@code {"source", "accepted", "rejected", "stored", "rejectedEntries",
   *     "failures"}}, or fails with a {@link SourceException} naming why each source failed
   */
  public Future<JsonObject> sync() {
    if (sources.isEmpty()) {
      return Future.failedFuture(new SourceException(
          "no catalogue source is configured; set TALOS_CATALOGUE_SOURCES to celestrak, satnogs or both"));
    }
    return attempt(0, new JsonArray(), Instant.now());
  }

  private Future<JsonObject> attempt(int index, JsonArray failures, Instant startedAt) {
    if (index == sources.size()) {
      String detail = "every source failed: " + failures.encode();
      LOG.warn("catalogue not refreshed; the stored catalogue keeps serving [failures: {}]", failures.encode());
      return store.recordSync("all", startedAt, false, 0, 0, detail)
          .transform(ignored -> Future.failedFuture(new SourceException(detail)));
    }
    Guarded guarded = sources.get(index);
    return guarded.breaker().<SourceData>execute(() -> guarded.source().fetch())
        .compose(data -> store.store(data).compose(stored -> {
          int accepted = data.elements().acceptedCount();
          int rejected = data.elements().rejectedCount();
          LOG.info("catalogue refreshed [source: {}, accepted: {}, rejected: {}, new element sets: {}]",
              data.source(), accepted, rejected, stored);
          return store.recordSync(data.source(), startedAt, true, accepted, rejected, failures.encode())
              .map(ignored -> new JsonObject()
                  .put("source", data.source())
                  .put("accepted", accepted)
                  .put("rejected", rejected)
                  .put("stored", stored)
                  .put("transmitters", data.transmitters().size())
                  .put("rejectedEntries", CatalogueStore.describeRejected(data.elements()))
                  .put("failures", failures));
        }))
        .recover(failure -> {
          LOG.warn("catalogue source failed [source: {}]: {}", guarded.source().name(), failure.getMessage());
          failures.add(new JsonObject().put("source", guarded.source().name())
              .put("reason", String.valueOf(failure.getMessage())));
          return attempt(index + 1, failures, startedAt);
        });
  }
}
