package talos.core;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import talos.core.cluster.ClusterView;
import talos.core.config.CoreConfig;
import talos.core.security.RateLimiter;

import java.time.Instant;

/**
 * What a feature verticle is given when it is deployed: the node's settings and the shared
 * resources it may use. Nothing here is a global; every verticle gets it passed in.
 *
 * @param schemaVersion the database schema version the migrations brought the database to
 */
public record NodeContext(
    CoreConfig config,
    Pool pool,
    ClusterView cluster,
    PrometheusMeterRegistry meterRegistry,
    RateLimiter rateLimiter,
    String schemaVersion,
    String version,
    Instant startedAt) {

  /** The version of the running build, or {@code dev} when run from classes rather than the jar. */
  public static String buildVersion() {
    String version = NodeContext.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
