package talos.core.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.audit.AuditLog;
import talos.core.bus.Addresses;

/**
 * The node feature: answers {@link Addresses#NODE_INFO} with this node's identity and records the
 * node's start and stop in the audit log, so operators can see when each server ran.
 */
public final class NodeVerticle extends VerticleBase {

  static final String STARTED = "node.started";
  static final String STOPPED = "node.stopped";

  private static final Logger LOG = LoggerFactory.getLogger(NodeVerticle.class);

  private final NodeContext node;

  public NodeVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.NODE_INFO, this::info);
    return consumer.completion()
        .compose(ignored -> audit(STARTED, info()));
  }

  @Override
  public Future<?> stop() {
    return audit(STOPPED, new JsonObject().put("version", node.version()))
        .onFailure(e -> LOG.warn("cannot record the node stop in the audit log", e))
        .otherwiseEmpty();
  }

  private void info(Message<JsonObject> request) {
    request.reply(info());
  }

  /** This node as {@code {"nodeId", "version", "startedAt", "clustered", "features"}}. */
  private JsonObject info() {
    return new JsonObject()
        .put("nodeId", node.cluster().nodeId())
        .put("version", node.version())
        .put("startedAt", node.startedAt().toString())
        .put("clustered", node.cluster().clustered())
        .put("features", new JsonArray(node.config().features()));
  }

  private Future<Void> audit(String action, JsonObject details) {
    return AuditLog.record(node.pool(), node.cluster().nodeId(), action, null, details);
  }
}
