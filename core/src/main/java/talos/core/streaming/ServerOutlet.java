package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Serves frames to YAMCS TCP TM data links: a YAMCS {@code TcpTmDataLink} connects to a telemetry
 * server and reads CCSDS packets back to back, so this destination listens on its host (the address
 * to bind) and port, and writes every frame to each link connected. While none is connected (YAMCS
 * retries every 10 s) frames wait in the queue, and beyond its size they are dropped. A link that
 * reads slower than frames come holds the others back only until the queue is full.
 */
final class ServerOutlet extends Outlet {

  private static final Logger LOG = LoggerFactory.getLogger(ServerOutlet.class);
  private static final int SEND_BUFFER_BYTES = 64 * 1024;

  private final List<NetSocket> links = new ArrayList<>();
  private NetServer server;

  ServerOutlet(Destination destination) {
    super(destination);
  }

  @Override
  Future<Void> open() {
    server = vertx.createNetServer(new NetServerOptions()
        .setHost(destination.host())
        .setPort(destination.port())
        .setSendBufferSize(SEND_BUFFER_BYTES)
        .setTcpNoDelay(true));
    server.connectHandler(this::connected);
    stats.state(OutletStats.State.CONNECTING);
    return server.listen()
        .onSuccess(listening -> LOG.info("destination listening for YAMCS links [destination: {},"
            + " address: {}:{}]", destination.id(), destination.host(), listening.actualPort()))
        .onFailure(failure -> {
          stats.error("cannot listen on " + destination.host() + ":" + destination.port() + ": "
              + failure.getMessage());
          LOG.warn("destination cannot listen [destination: {}, address: {}:{}]: {}",
              destination.id(), destination.host(), destination.port(), failure.getMessage());
        })
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  @Override
  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  @Override
  boolean ready() {
    if (links.isEmpty()) {
      return false;
    }
    for (NetSocket link : links) {
      if (link.writeQueueFull()) {
        return false;
      }
    }
    return true;
  }

  @Override
  void send(OutgoingFrame frame) {
    Buffer bytes = Buffer.buffer(frame.data());
    for (NetSocket link : links) {
      link.write(bytes);
    }
    stats.sent();
  }

  private void connected(NetSocket link) {
    links.add(link);
    stats.state(OutletStats.State.READY);
    LOG.info("YAMCS link connected [destination: {}, remote: {}]", destination.id(),
        link.remoteAddress());
    // a telemetry link sends nothing that matters; what it sends is read and dropped
    link.handler(ignored -> { });
    link.drainHandler(ignored -> resume());
    link.exceptionHandler(failure -> stats.error(failure.getMessage()));
    link.closeHandler(ignored -> {
      links.remove(link);
      if (links.isEmpty()) {
        stats.state(OutletStats.State.CONNECTING);
      }
      LOG.info("YAMCS link disconnected [destination: {}, remote: {}]", destination.id(),
          link.remoteAddress());
    });
    resume();
  }
}
