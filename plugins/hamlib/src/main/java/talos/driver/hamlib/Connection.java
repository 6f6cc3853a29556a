package talos.driver.hamlib;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One TCP connection to {@code rotctld} or {@code rigctld}: sends a command as one line and reads
 * the answer line by line, all of it within the time limit that starts when the command is sent.
 * Blocking; used from the device's thread only, except {@link #close()}, which may come from any
 * thread and ends a read in progress.
 */
final class Connection implements LineSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** The longest line an answer may have; {@code dump_state} lines are well below it. */
  static final int MAX_LINE = 4096;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String peer;
  private final Duration timeout;
  private final byte[] buffer = new byte[8192];
  /** The answer to the current command so far, for messages; at most {@link #MAX_LINE} chars. */
  private final StringBuilder answer = new StringBuilder();
  private int position;
  private int limit;
  private String command = "";
  private long deadline;

  private Connection(Socket socket, String peer, Duration timeout) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.peer = peer;
    this.timeout = timeout;
  }

  /**
   * Connects.
   *
   * @param peer the daemon's name for messages, such as {@code rotctld at 127.0.0.1:4533}
   * @param timeout how long connecting, and later each command, may take
   * @throws DriverException with {@link FailureCode#TIMEOUT} when the daemon does not accept the
   *     connection in time and {@link FailureCode#IO} when it refuses it or cannot be found
   */
  static Connection open(String host, int port, String peer, Duration timeout) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), millis(timeout));
      return new Connection(socket, peer, timeout);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.TIMEOUT, peer + " did not accept a connection within "
          + Durations.format(timeout), e);
    } catch (UnknownHostException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.IO, "cannot connect to " + peer
          + ": the host is unknown", e);
    } catch (ConnectException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.IO, "cannot connect to " + peer + ": "
          + e.getMessage() + " (is the daemon running?)", e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new DriverException(FailureCode.IO, "cannot connect to " + peer + ": " + e, e);
    }
  }

  /**
   * Sends one command and starts its time limit. Bytes still waiting from an earlier answer are
   * thrown away first, with a warning, so that they are not read as this command's answer.
   *
   * @throws DriverException with {@link FailureCode#IO} when writing fails
   */
  void send(String line) {
    command = line;
    deadline = System.nanoTime() + timeout.toNanos();
    answer.setLength(0);
    try {
      int stray = limit - position;
      position = 0;
      limit = 0;
      while (in.available() > 0) {
        long skipped = in.skip(in.available());
        if (skipped <= 0) {
          break;
        }
        stray += (int) skipped;
      }
      if (stray > 0) {
        LOG.warn("stray bytes thrown away before a command [peer: {}, bytes: {}, command: {}]",
            peer, stray, line);
      }
      out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new DriverException(FailureCode.IO, "sending '" + line + "' to " + peer + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public String readLine() {
    StringBuilder line = new StringBuilder();
    while (true) {
      while (position < limit) {
        byte next = buffer[position++];
        if (answer.length() < MAX_LINE) {
          answer.append((char) (next & 0xff));
        }
        if (next == '\n') {
          int end = line.length();
          return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1)
              : line.toString();
        }
        if (line.length() >= MAX_LINE) {
          throw new DriverException(FailureCode.PROTOCOL, peer + " answered '" + command
              + "' with a line longer than " + MAX_LINE + " bytes: "
              + Replies.excerpt(line.toString()));
        }
        line.append((char) (next & 0xff));
      }
      if (!fill(deadline)) {
        throw new DriverException(FailureCode.TIMEOUT, peer + (answer.length() > 0
            ? " did not finish its answer to '" + command + "' within "
            + Durations.format(timeout) + " (got " + Replies.excerpt(answer.toString()) + ")"
            : " did not answer '" + command + "' within " + Durations.format(timeout)));
      }
    }
  }

  @Override
  public String pollLine(Duration grace) {
    if (position >= limit && !fill(Math.min(deadline, System.nanoTime() + grace.toNanos()))) {
      return null;
    }
    return readLine();
  }

  @Override
  public String command() {
    return command;
  }

  @Override
  public String peer() {
    return peer;
  }

  /** Closes the socket; a read in progress on another thread fails at once. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  /** Reads more bytes into the buffer; {@code false} when none came before {@code until}. */
  private boolean fill(long until) {
    long remaining = until - System.nanoTime();
    if (remaining <= 0) {
      return false;
    }
    try {
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE,
          Duration.ofNanos(remaining).toMillis())));
      int read = in.read(buffer, 0, buffer.length);
      if (read < 0) {
        throw new DriverException(FailureCode.IO, peer + " closed the connection instead of"
            + " answering '" + command + "'");
      }
      position = 0;
      limit = read;
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      throw new DriverException(FailureCode.IO, "reading the answer to '" + command + "' from "
          + peer + " failed: " + e.getMessage(), e);
    }
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
