package talos.core.streaming;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Sends frames over one TCP connection to a receiver that listens, each frame preceded by its
 * length in 4 bytes, big-endian. While the connection is down or the receiver reads slower than frames
 * come, frames wait in the queue, and beyond its size they are dropped. Connecting again goes
 * through a circuit breaker: after repeated failures it stays open for a while and attempts are
 * spaced with a growing delay, so an unreachable receiver costs almost nothing.
 */
final class StreamOutlet extends Outlet {

  private static final Logger LOG = LoggerFactory.getLogger(StreamOutlet.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int SEND_BUFFER_BYTES = 64 * 1024;
  private static final long FIRST_RETRY_MS = 500;
  private static final long LAST_RETRY_MS = 30_000;

  private NetClient client;
  private CircuitBreaker breaker;
  private NetSocket socket;
  private long retryMs = FIRST_RETRY_MS;
  private long retryTimer = -1;
  private boolean closed;

  StreamOutlet(Destination destination) {
    super(destination);
  }

  @Override
  Future<Void> open() {
    // a small socket buffer, so that frames a slow receiver cannot take wait in the queue, where
    // they are counted and dropped beyond its size, rather than for minutes in the kernel
    client = vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
        .setSendBufferSize(SEND_BUFFER_BYTES)
        .setTcpNoDelay(true));
    breaker = CircuitBreaker.create("talos.streaming." + destination.id(), vertx,
        new CircuitBreakerOptions()
            .setMaxFailures(5)
            .setTimeout(CONNECT_TIMEOUT.toMillis() + 1_000)
            .setResetTimeout(LAST_RETRY_MS));
    connect();
    return Future.succeededFuture();
  }

  @Override
  Future<Void> close() {
    closed = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    if (breaker != null) {
      breaker.close();
    }
    return client == null ? Future.succeededFuture() : client.close();
  }

  @Override
  boolean ready() {
    return socket != null && !socket.writeQueueFull();
  }

  @Override
  void send(OutgoingFrame frame) {
    Buffer bytes = Buffer.buffer(4 + frame.data().length).appendInt(frame.data().length)
        .appendBytes(frame.data());
    socket.write(bytes).onComplete(written -> {
      if (written.succeeded()) {
        stats.sent();
      } else {
        stats.failed(written.cause().getMessage());
      }
    });
  }

  private void connect() {
    if (closed) {
      return;
    }
    stats.state(OutletStats.State.CONNECTING);
    breaker.<NetSocket>execute(attempt -> client.connect(destination.port(), destination.host())
            .onComplete(attempt))
        .onSuccess(this::connected)
        .onFailure(failure -> {
          boolean open = breaker.state() == io.vertx.circuitbreaker.CircuitBreakerState.OPEN;
          stats.state(open ? OutletStats.State.BACKING_OFF : OutletStats.State.CONNECTING);
          stats.error("cannot connect to " + destination.host() + ":" + destination.port() + ": "
              + failure.getMessage());
          LOG.debug("destination not reached [destination: {}, reason: {}]", destination.id(),
              failure.getMessage());
          retryLater();
        });
  }

  private void connected(NetSocket connected) {
    if (closed) {
      connected.close();
      return;
    }
    socket = connected;
    retryMs = FIRST_RETRY_MS;
    stats.state(OutletStats.State.READY);
    LOG.info("destination connected [destination: {}, name: {}, remote: {}]", destination.id(),
        destination.name(), connected.remoteAddress());
    // the receiver sends nothing that matters; what it sends is read and dropped
    connected.handler(ignored -> { });
    connected.drainHandler(ignored -> resume());
    connected.exceptionHandler(failure -> stats.error(failure.getMessage()));
    connected.closeHandler(ignored -> {
      socket = null;
      if (!closed) {
        stats.error("connection closed by " + destination.host() + ":" + destination.port());
        LOG.info("destination disconnected [destination: {}]", destination.id());
        retryLater();
      }
    });
    resume();
  }

  private void retryLater() {
    if (closed) {
      return;
    }
    long delay = retryMs;
    retryMs = Math.min(LAST_RETRY_MS, retryMs * 2);
    retryTimer = vertx.setTimer(delay, ignored -> {
      retryTimer = -1;
      connect();
    });
  }
}
