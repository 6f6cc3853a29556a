package talos.core.catalog;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.audit.AuditLog;
import talos.core.bus.Addresses;
import talos.core.bus.ApiRequest;
import talos.core.bus.Operations;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.config.CoreConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue feature: keeps the satellite catalogue filled and fresh. On first start it loads the
 * sample catalogue shipped in the jar, so the server works offline; then it refreshes from the
 * configured sources on a schedule, one node of a cluster at a time, and on an administrator's
 * request. It also answers how fresh the catalogue is.
 */
public final class CatalogVerticle extends VerticleBase {

  /** The cluster-wide lock that keeps two nodes from syncing at once. */
  static final String SYNC_LOCK = "talos.catalogue.sync";

  private static final Logger LOG = LoggerFactory.getLogger(CatalogVerticle.class);
  private static final Duration FIRST_REFRESH_DELAY = Duration.ofSeconds(30);

  private final NodeContext node;
  private final CatalogueSync.BreakerSettings breakerSettings;
  private CatalogueStore store;
  private CatalogueSync sync;
  private WebClient client;

  public CatalogVerticle(NodeContext node) {
    this(node, CatalogueSync.BreakerSettings.DEFAULT);
  }

  CatalogVerticle(NodeContext node, CatalogueSync.BreakerSettings breakerSettings) {
    this.node = node;
    this.breakerSettings = breakerSettings;
  }

  @Override
  public Future<?> start() {
    CoreConfig.Catalogue settings = node.config().catalogue();
    store = new CatalogueStore(node.pool());
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Talos/" + node.version())
        .setConnectTimeout((int) HttpSources.REQUEST_TIMEOUT_MS));
    List<CatalogueSource> sources = new ArrayList<>();
    for (String name : settings.sources()) {
      sources.add(name.equals("celestrak")
          ? HttpSources.celestrak(client, settings.celestrakUrl())
          : HttpSources.satnogs(client, settings.satnogsUrl()));
    }
    sync = new CatalogueSync(vertx, store, sources, breakerSettings);

    if (!sources.isEmpty()) {
      long period = Duration.ofHours(settings.refreshHours()).toMillis();
      vertx.setTimer(FIRST_REFRESH_DELAY.toMillis(), ignored -> scheduledSync());
      vertx.setPeriodic(period, ignored -> scheduledSync());
    }

    return new Operations(vertx.eventBus())
        .serve(Addresses.CATALOGUE_SYNC, this::syncNow)
        .serve(Addresses.CATALOGUE_IMPORT, this::importUpload)
        .serve(Addresses.SATELLITES_SEARCH, this::search)
        .serve(Addresses.SATELLITES_GET, this::satellite)
        .answer(Addresses.CATALOGUE_STATUS, ignored -> status())
        .ready()
        .compose(ignored -> importFiles(settings.files()))
        .compose(ignored -> loadSampleIfEmpty());
  }

  @Override
  public Future<?> stop() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }

  /** {@code {"satellites", "lastSync", "lastSource", "stale", "staleSince"}}. */
  private Future<JsonObject> status() {
    Duration staleAfter = Duration.ofHours(2L * node.config().catalogue().refreshHours());
    return Future.all(store.size(), store.lastSuccess()).map(both -> {
      long size = both.resultAt(0);
      java.util.Optional<CatalogueStore.LastSync> last = both.resultAt(1);
      JsonObject status = new JsonObject().put("satellites", size);
      last.ifPresentOrElse(sync -> {
        Instant staleSince = sync.finishedAt().plus(staleAfter);
        status.put("lastSync", sync.finishedAt().toString())
            .put("lastSource", sync.source())
            .put("stale", Instant.now().isAfter(staleSince))
            .put("staleSince", Instant.now().isAfter(staleSince) ? staleSince.toString() : null);
      }, () -> status.put("lastSync", null).put("stale", true).put("staleSince", null));
      return status;
    });
  }

  private Future<Reply> search(ApiRequest request) {
    String query = request.query().getString("q", "");
    int limit = request.query().getInteger("limit", 50);
    return store.search(query, limit).map(list -> Reply.ok(new JsonObject().put("satellites", list)));
  }

  private Future<Reply> satellite(ApiRequest request) {
    int noradId = request.path().getInteger("noradId");
    return store.satellite(noradId).map(found -> Reply.ok(found.orElseThrow(
        () -> ServiceFailure.notFound("satellite", noradId))));
  }

  private Future<Reply> syncNow(ApiRequest request) {
    requireAdmin(request);
    return withLock(() -> sync.sync())
        .compose(result -> AuditLog.record(node.pool(), request.principal().userId(), "catalogue.synced", null,
                new JsonObject().put("source", result.getString("source")))
            .map(ignored -> {
              announceChange();
              return Reply.ok(result);
            }))
        .recover(failure -> Future.failedFuture(failure instanceof SourceException
            ? ServiceFailure.unavailable(failure.getMessage()) : failure));
  }

  private Future<Reply> importUpload(ApiRequest request) {
    requireAdmin(request);
    String name = "upload:" + request.body().getString("name", "catalogue");
    CatalogueSource upload = FileSource.upload(name, Buffer.buffer(request.body().getString("content", "")));
    return upload.fetch().compose(data -> store.store(data).compose(stored -> AuditLog.record(node.pool(),
            request.principal().userId(), "catalogue.imported", null, new JsonObject().put("source", name)
                .put("accepted", data.elements().acceptedCount()).put("rejected", data.elements().rejectedCount()))
        .map(ignored -> {
          announceChange();
          return Reply.ok(new JsonObject()
            .put("source", name)
            .put("accepted", data.elements().acceptedCount())
            .put("rejected", data.elements().rejectedCount())
            .put("stored", stored)
            .put("rejectedEntries", CatalogueStore.describeRejected(data.elements())));
        })));
  }

  private void scheduledSync() {
    withLock(() -> sync.sync())
        .onSuccess(result -> announceChange())
        .onFailure(failure -> LOG.debug("scheduled catalogue refresh did not complete: {}", failure.getMessage()));
  }

  /** Imports the operator's files; a file that cannot be read stops the start with its name. */
  private Future<Void> importFiles(List<String> files) {
    Future<Void> chain = Future.succeededFuture();
    for (String file : files) {
      chain = chain.compose(ignored -> FileSource.file(vertx, file).fetch()
          .recover(e -> Future.failedFuture(new IllegalArgumentException(
              "TALOS_CATALOGUE_FILES: cannot read '" + file + "': " + e.getMessage())))
          .compose(data -> store.store(data).compose(stored -> {
            LOG.info("catalogue file imported [file: {}, accepted: {}, rejected: {}, new element sets: {}]",
                file, data.elements().acceptedCount(), data.elements().rejectedCount(), stored);
            data.elements().problems().stream().limit(20).forEach(problem ->
                LOG.warn("catalogue file entry rejected [file: {}]: {}", file, problem.describe()));
            return store.recordSync(data.source(), Instant.now(), true, data.elements().acceptedCount(),
                data.elements().rejectedCount(), "imported at start");
          })));
    }
    return chain;
  }

  private Future<Void> loadSampleIfEmpty() {
    return store.size().compose(size -> {
      if (size > 0) {
        return Future.succeededFuture();
      }
      return FileSource.sample(vertx).fetch()
          .compose(data -> store.store(data)
              .compose(stored -> store.recordSync(data.source(), Instant.now(), true, data.elements().acceptedCount(),
                  data.elements().rejectedCount(), "built-in sample catalogue")))
          .onSuccess(ignored -> {
            LOG.info("empty catalogue filled with the built-in sample");
            announceChange();
          });
    });
  }

  /** Tells every node's trackers to reload the element sets. */
  private void announceChange() {
    vertx.eventBus().publish(Addresses.CATALOGUE_CHANGED, new JsonObject());
  }

  private <T> Future<T> withLock(java.util.function.Supplier<Future<T>> work) {
    return vertx.sharedData().getLockWithTimeout(SYNC_LOCK, 1_000)
        .recover(busy -> Future.failedFuture(ServiceFailure.conflict("a catalogue refresh is already running")))
        .compose(lock -> work.get().andThen(ignored -> lock.release()));
  }

  private static void requireAdmin(ApiRequest request) {
    if (!request.principal().admin()) {
      throw ServiceFailure.forbidden("only the platform administrator manages the catalogue");
    }
  }
}
