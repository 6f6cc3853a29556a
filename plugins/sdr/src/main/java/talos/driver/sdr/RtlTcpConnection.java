package talos.driver.sdr;

import talos.driver.DriverException;
import talos.driver.FailureCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

/**
 * One TCP connection to rtl_tcp: its header, the commands written to it and the samples read
 * from it. Commands are written from the device's thread and samples read on a reader thread of
 * their own; {@link #close()} may come from any thread and ends a read in progress.
 */
final class RtlTcpConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String peer;
  private final Duration timeout;
  private final DongleInfo info;

  private RtlTcpConnection(Socket socket, String peer, Duration timeout) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.peer = peer;
    this.timeout = timeout;
    socket.setSoTimeout(millis(timeout));
    this.info = DongleInfo.read(readHeader(), peer);
  }

  /**
   * Connects and reads the header.
   *
   * @throws DriverException with {@link FailureCode#TIMEOUT} when rtl_tcp does not accept the
   *     connection or send its header in time, {@link FailureCode#IO} when it refuses the
   *     connection or cannot be found, and {@link FailureCode#PROTOCOL} for a header that is not
   *     rtl_tcp's
   */
  static RtlTcpConnection open(String host, int port, String peer, Duration timeout) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setReceiveBufferSize(1 << 20);
      socket.connect(new InetSocketAddress(host, port), millis(timeout));
      return new RtlTcpConnection(socket, peer, timeout);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.TIMEOUT, peer + " did not "
          + (socket.isConnected() ? "send its header" : "accept a connection") + " within "
          + Durations.format(timeout), e);
    } catch (UnknownHostException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.IO, "cannot connect to " + peer
          + ": the host is unknown", e);
    } catch (ConnectException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.IO, "cannot connect to " + peer + ": "
          + e.getMessage() + " (is rtl_tcp running?)", e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.IO, "cannot connect to " + peer + ": " + e, e);
    } catch (DriverException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** What the header said of the receiver. */
  DongleInfo info() {
    return info;
  }

  /**
   * Writes a command.
   *
   * @throws DriverException with {@link FailureCode#IO} when writing fails
   */
  void send(RtlCommand command, long parameter) {
    try {
      out.write(command.encode(parameter));
      out.flush();
    } catch (IOException e) {
      throw new DriverException(FailureCode.IO, "sending " + command + " " + parameter + " to "
          + peer + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Fills {@code block} with samples; blocks until it is full.
   *
   * @throws DriverException with {@link FailureCode#TIMEOUT} when no byte came for the time
   *     limit, {@link FailureCode#IO} when the connection ended or failed
   */
  void readFully(byte[] block) {
    int filled = 0;
    try {
      while (filled < block.length) {
        int read = in.read(block, filled, block.length - filled);
        if (read < 0) {
          throw new DriverException(FailureCode.IO, peer + " closed the connection");
        }
        filled += read;
      }
    } catch (SocketTimeoutException e) {
      throw new DriverException(FailureCode.TIMEOUT, peer + " sent no samples for "
          + Durations.format(timeout), e);
    } catch (IOException e) {
      throw new DriverException(FailureCode.IO, "reading samples from " + peer + " failed: "
          + e.getMessage(), e);
    }
  }

  /** Closes the socket; a read in progress on another thread fails at once. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  private byte[] readHeader() throws IOException {
    byte[] header = new byte[DongleInfo.LENGTH];
    int filled = 0;
    while (filled < header.length) {
      int read = in.read(header, filled, header.length - filled);
      if (read < 0) {
        throw new DriverException(FailureCode.IO, peer + " closed the connection "
            + (filled == 0 ? "before its header" : "in its header, after "
            + DongleInfo.quote(Arrays.copyOf(header, filled))));
      }
      filled += read;
    }
    return header;
  }

  private static int millis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more can be done about a socket that does not close
    }
  }
}
