package talos.core.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.tenancy.Access;

import java.util.Map;

/**
 * The HTTP front door: the REST API built from {@value #CONTRACT}, the health checks, the
 * Prometheus metrics, the operators' web UI and its event-bus bridge for live data. Several
 * instances share one port, one per event loop.
 */
public final class HttpVerticle extends VerticleBase {

  /** The OpenAPI contract on the classpath; it is also served at {@code /openapi.yaml}. */
  public static final String CONTRACT = "openapi/talos.yaml";

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private static final String LOCAL_MAP = "talos.http";

  private final NodeContext node;
  private HttpServer server;

  public HttpVerticle(NodeContext node) {
    this.node = node;
  }

  /** The port the HTTP servers of this Vert.x instance listen on, or -1 when none is listening. */
  public static int boundPort(Vertx vertx) {
    Integer port = vertx.sharedData().<String, Integer>getLocalMap(LOCAL_MAP).get("port");
    return port == null ? -1 : port;
  }

  @Override
  public Future<?> start() {
    Map<String, Handler<RoutingContext>> handlers = Map.of(
        "getLiveness", HealthRoutes.liveness(vertx),
        "getReadiness", HealthRoutes.readiness(vertx, node),
        "getMetrics", PrometheusScrapingHandler.create(node.meterRegistry()));

    int port = portToBind();
    RequestGuard guard = new ApiGuard(vertx.eventBus(), node.config().http(), node.rateLimiter());
    Map<String, Router> mounts = Map.of(LiveBridge.PATH,
        LiveBridge.create(vertx, node.config().http(), new Access(node.pool())));
    return ApiRouter.create(vertx, CONTRACT, node.config().http(), handlers, guard, mounts)
        .compose(router -> listen(router, port))
        .onSuccess(this::publishPort);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private Future<HttpServer> listen(Router router, int port) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(node.config().http().host())
        .setPort(port)
        .setCompressionSupported(true);
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  /** Port 0 means one free port shared by every instance, which Vert.x spells -1. */
  private int portToBind() {
    int configured = node.config().http().port();
    return configured == 0 ? -1 : configured;
  }

  private void publishPort(HttpServer listening) {
    Integer previous = vertx.sharedData().<String, Integer>getLocalMap(LOCAL_MAP)
        .putIfAbsent("port", listening.actualPort());
    if (previous == null) {
      LOG.debug("http server listening [port: {}]", listening.actualPort());
    }
  }
}
