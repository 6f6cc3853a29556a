package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;

/**
 * Sends each frame as one UDP datagram, the bytes unchanged: a YAMCS UDP TM data link, or any UDP
 * receiver. A receiver that is not listening loses the frames without the sender knowing, as UDP
 * does; errors the local network stack reports are counted.
 */
final class DatagramOutlet extends Outlet {

  private DatagramSocket socket;

  DatagramOutlet(Destination destination) {
    super(destination);
  }

  @Override
  Future<Void> open() {
    socket = vertx.createDatagramSocket(new DatagramSocketOptions());
    stats.state(OutletStats.State.READY);
    return Future.succeededFuture();
  }

  @Override
  Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  @Override
  boolean ready() {
    return socket != null;
  }

  @Override
  void send(OutgoingFrame frame) {
    socket.send(frame.data(), destination.port(), destination.host()).onComplete(sent -> {
      if (sent.succeeded()) {
        stats.sent();
      } else {
        stats.failed(sent.cause().getMessage());
      }
    });
  }
}
