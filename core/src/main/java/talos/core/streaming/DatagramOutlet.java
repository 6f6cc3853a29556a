package talos.core.streaming;

import io.vertx.core.Future;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends each frame as one UDP datagram, the bytes unchanged: a YAMCS UDP TM data link, or any UDP
 * receiver. The receiver's address is resolved when the sender starts, and datagrams go out
 * through a non-blocking channel: one system call each, never waiting. A receiver that is not
 * listening loses the frames without the sender knowing, as UDP does; a datagram the local network
 * stack refuses (its buffer full, no route) is counted as failed with the reason.
 */
final class DatagramOutlet extends Outlet {

  private DatagramChannel channel;
  private InetSocketAddress target;

  DatagramOutlet(Destination destination) {
    super(destination);
  }

  @Override
  Future<Void> open() {
    return vertx.executeBlocking(() -> {
      InetSocketAddress resolved = new InetSocketAddress(destination.host(), destination.port());
      if (resolved.isUnresolved()) {
        throw new IOException("cannot resolve " + destination.host());
      }
      DatagramChannel opened = DatagramChannel.open();
      opened.configureBlocking(false);
      return new Object[] {opened, resolved};
    }).<Void>map(opened -> {
      channel = (DatagramChannel) opened[0];
      target = (InetSocketAddress) opened[1];
      stats.state(OutletStats.State.READY);
      return null;
    }).onFailure(failure -> stats.error("cannot open the UDP sender: " + failure.getMessage()));
  }

  @Override
  Future<Void> close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        stats.error("closing the UDP sender: " + e.getMessage());
      }
    }
    return Future.succeededFuture();
  }

  @Override
  boolean ready() {
    return channel != null;
  }

  @Override
  void send(OutgoingFrame frame) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(frame.data());
      if (channel.send(bytes, target) == 0) {
        stats.failed("the local UDP send buffer is full");
      } else {
        stats.sent();
      }
    } catch (IOException e) {
      stats.failed(e.getMessage());
    }
  }
}
