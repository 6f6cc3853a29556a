package talos.core;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.cluster.ClusterSetup;
import talos.core.cluster.ClusterView;
import talos.core.config.CoreConfig;
import talos.core.db.DatabaseEndpoint;
import talos.core.db.EmbeddedDatabase;
import talos.core.db.Migrations;
import talos.core.gateway.GatewayVerticle;
import talos.core.http.HttpVerticle;
import talos.core.security.RateLimiter;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One running core node: its database (embedded or external), its Vert.x instance (alone or in a
 * cluster) and the feature verticles it deploys. {@link #start(CoreConfig)} brings it up,
 * {@link #stop()} takes it down in reverse order.
 */
public final class CoreNode {

  /** The name under which the database pool reports its metrics. */
  public static final String POOL_NAME = "talos-db";

  private static final Logger LOG = LoggerFactory.getLogger(CoreNode.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Optional<EmbeddedDatabase> embedded;
  private final NodeContext context;

  private CoreNode(Vertx vertx, Pool pool, Optional<EmbeddedDatabase> embedded, NodeContext context) {
    this.vertx = vertx;
    this.pool = pool;
    this.embedded = embedded;
    this.context = context;
  }

  /**
   * Starts a node. The database start and the schema migration run on a thread of their own while
   * Vert.x starts (and joins its cluster), so the call never blocks.
   *
   * @return a future that succeeds once every feature is deployed, or fails with the first error
   *     after undoing what had started
   */
  public static Future<CoreNode> start(CoreConfig config) {
    List<Features.Feature> features = Features.resolve(config.features());
    Instant startedAt = Instant.now();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HazelcastClusterManager clusterManager =
        config.cluster().enabled() ? ClusterSetup.clusterManager(config.cluster()) : null;
    Future<Vertx> vertxStarted = buildVertx(config, registry, clusterManager);
    Future<Database> databaseStarted = startDatabase(config);

    return Future.join(vertxStarted, databaseStarted)
        .recover(e -> undoPartialStart(vertxStarted, databaseStarted, e))
        .compose(both -> {
          Vertx vertx = vertxStarted.result();
          Database database = databaseStarted.result();
          Pool pool = PgBuilder.pool()
              .with(new PoolOptions().setMaxSize(config.databasePoolSize()).setName(POOL_NAME))
              .connectingTo(database.endpoint().toConnectOptions())
              .using(vertx)
              .build();
          ClusterView cluster = clusterManager == null ? ClusterView.standalone() : ClusterView.of(clusterManager);
          RateLimiter rateLimiter = clusterManager == null
              ? RateLimiter.local(vertx)
              : RateLimiter.clustered(vertx, clusterManager.getHazelcastInstance());
          NodeContext context = new NodeContext(config, pool, cluster, registry, rateLimiter, database.schemaVersion(),
              NodeContext.buildVersion(), startedAt);
          CoreNode node = new CoreNode(vertx, pool, database.embedded(), context);
          return node.deploy(features)
              .map(node)
              .recover(e -> node.stop().transform(ignored -> Future.failedFuture(e)));
        });
  }

  public Vertx vertx() {
    return vertx;
  }

  public NodeContext context() {
    return context;
  }

  /** The port the HTTP feature listens on, or -1 when this node does not run it. */
  public int httpPort() {
    return HttpVerticle.boundPort(vertx);
  }

  /** The port of the gateway's plain MQTT listener, or -1 when this node does not run one. */
  public int mqttPort() {
    return GatewayVerticle.plainPort(vertx);
  }

  /** The port of the gateway's MQTT over TLS listener, or -1 when this node does not run one. */
  public int mqttTlsPort() {
    return GatewayVerticle.tlsPort(vertx);
  }

  /**
   * Stops the node: feature verticles (which close the HTTP server), then the pool, then Vert.x (which
   * leaves the cluster), then the embedded database.
   *
   * @return a future that completes once everything is stopped; it does not fail
   */
  public Future<Void> stop() {
    return Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
        .transform(ignored -> pool.close())
        .transform(ignored -> vertx.close())
        .transform(ignored -> {
          stopQuietly(embedded);
          return Future.<Void>succeededFuture();
        });
  }

  private Future<Void> deploy(List<Features.Feature> features) {
    Future<String> chain = Future.succeededFuture();
    for (Features.Feature feature : features) {
      chain = chain.compose(ignored -> vertx.deployVerticle(() -> feature.factory().apply(context),
              new DeploymentOptions().setInstances(feature.instances()))
          .onSuccess(id -> LOG.debug("feature deployed [feature: {}, instances: {}]",
              feature.name(), feature.instances())));
    }
    return chain.mapEmpty();
  }

  /** The database the node runs on, migrated; {@code embedded} is set when the node started it. */
  private record Database(DatabaseEndpoint endpoint, String schemaVersion, Optional<EmbeddedDatabase> embedded) {
  }

  /**
   * Starts the embedded server (unless an external one is configured) and migrates the schema, on a
   * thread of its own: both block, and the caller may be an event loop.
   */
  private static Future<Database> startDatabase(CoreConfig config) {
    CompletableFuture<Database> started = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      Optional<EmbeddedDatabase> embedded = Optional.empty();
      try {
        if (config.externalDatabase().isEmpty()) {
          embedded = Optional.of(EmbeddedDatabase.start(config.dataDir()));
        }
        DatabaseEndpoint endpoint = embedded.map(EmbeddedDatabase::endpoint)
            .orElseGet(() -> config.externalDatabase().orElseThrow());
        LOG.info("database ready [endpoint: {}]", endpoint);
        started.complete(new Database(endpoint, Migrations.apply(endpoint), embedded));
      } catch (IOException | RuntimeException e) {
        stopQuietly(embedded);
        started.completeExceptionally(e);
      }
    }, "talos-database-start");
    thread.start();
    return Future.fromCompletionStage(started);
  }

  private static <T> Future<T> undoPartialStart(Future<Vertx> vertx, Future<Database> database, Throwable cause) {
    if (database.succeeded()) {
      stopQuietly(database.result().embedded());
    }
    Future<Void> closed = vertx.succeeded() ? vertx.result().close() : Future.succeededFuture();
    return closed.otherwiseEmpty().transform(ignored -> Future.failedFuture(cause));
  }

  private static Future<Vertx> buildVertx(CoreConfig config, PrometheusMeterRegistry registry,
                                          HazelcastClusterManager clusterManager) {
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            // routes are the contract's path templates, so the label stays low in cardinality
            .addLabels(Label.HTTP_ROUTE)
            // one address per connected station: counted together, not one series each
            .addLabelMatch(new Match()
                .setDomain(MetricsDomain.EVENT_BUS)
                .setLabel(Label.EB_ADDRESS.toString())
                .setType(MatchType.REGEX)
                .setValue("talos\\.gateway\\.(station|state)\\..*")
                .setAlias("talos.gateway.station")));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry));
    if (clusterManager == null) {
      return Future.succeededFuture(builder.with(options).build());
    }
    options.setEventBusOptions(ClusterSetup.eventBusOptions(config.cluster()));
    return builder.with(options).withClusterManager(clusterManager).buildClustered()
        .onSuccess(vertx -> LOG.info("joined cluster [name: {}, node: {}, members: {}]",
            config.cluster().name(), clusterManager.getNodeId(), clusterManager.getNodes().size()));
  }

  private static void stopQuietly(Optional<EmbeddedDatabase> embedded) {
    embedded.ifPresent(database -> {
      try {
        database.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("embedded database did not stop cleanly", e);
      }
    });
  }
}
