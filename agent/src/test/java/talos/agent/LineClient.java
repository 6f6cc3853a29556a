package talos.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain TCP client of the front door, as {@code nc} would be: it sends command lines and reads
 * the answer's lines, so tests see the protocol byte for byte.
 */
final class LineClient implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader reader;
  private final OutputStream output;

  LineClient(int port) {
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(5000);
      reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.UTF_8));
      output = socket.getOutputStream();
    } catch (IOException e) {
      throw new AssertionError("cannot connect to the front door on port " + port, e);
    }
  }

  /** This client's address as the agent sees it, such as {@code 127.0.0.1:50412}. */
  String address() {
    return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  /** Sends a command and reads {@code lines} lines of its answer. */
  List<String> ask(String command, int lines) {
    send(command);
    List<String> answer = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      answer.add(readLine());
    }
    return answer;
  }

  /** Sends a command and reads its answer up to the line {@code last}, included. */
  List<String> askUntil(String command, String last) {
    send(command);
    List<String> answer = new ArrayList<>();
    String line;
    do {
      line = readLine();
      answer.add(line);
    } while (!line.equals(last) && answer.size() < 1000);
    return answer;
  }

  /** Sends a command and reads the one line of its answer. */
  String ask(String command) {
    return ask(command, 1).get(0);
  }

  void send(String command) {
    try {
      output.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      output.flush();
    } catch (IOException e) {
      throw new AssertionError("cannot send '" + command + "'", e);
    }
  }

  /** Whether the agent closed the connection: the next read finds its end. */
  boolean isClosedByPeer() {
    try {
      return reader.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private String readLine() {
    try {
      String line = reader.readLine();
      if (line == null) {
        throw new AssertionError("the front door closed the connection");
      }
      return line;
    } catch (IOException e) {
      throw new AssertionError("no answer from the front door", e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new AssertionError("cannot close the connection", e);
    }
  }
}
