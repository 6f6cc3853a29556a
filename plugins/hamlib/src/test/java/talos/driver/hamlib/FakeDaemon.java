package talos.driver.hamlib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A daemon in the test: a TCP server on a free loopback port that reads commands line by line and
 * answers each as its script says, including the ways a broken daemon or a foreign device answers:
 * not at all, in part, or with bytes that are not text. It records every command it received.
 */
final class FakeDaemon implements AutoCloseable {

  /** Answers nothing. */
  static final byte[] SILENCE = new byte[0];

  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicReference<Function<String, byte[]>> script;

  /** Starts a daemon that answers each command with what {@code script} returns for it. */
  FakeDaemon(Function<String, byte[]> script) throws IOException {
    this.script = new AtomicReference<>(script);
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "fake-daemon");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Text answers, as the daemons write them. */
  static byte[] text(String answer) {
    return answer.getBytes(StandardCharsets.ISO_8859_1);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Every command received, in order, over all connections. */
  List<String> received() {
    return List.copyOf(received);
  }

  /** How many connections it accepted. */
  int connections() {
    return connections.get();
  }

  /** Answers from now on as {@code next} says. */
  void answer(Function<String, byte[]> next) {
    script.set(next);
  }

  /** Drops every open connection, as a daemon that restarts does. */
  void dropConnections() {
    for (Socket client : clients) {
      closeQuietly(client);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropConnections();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        clients.add(client);
        Thread serve = new Thread(() -> serve(client), "fake-daemon-client");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; InputStream in = client.getInputStream();
         OutputStream out = client.getOutputStream()) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int next;
      while ((next = in.read()) >= 0) {
        if (next != '\n') {
          line.write(next);
          continue;
        }
        String command = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        received.add(command);
        byte[] answer = script.get().apply(command);
        if (answer.length > 0) {
          out.write(answer);
          out.flush();
        }
      }
    } catch (IOException e) {
      // the connection ended, from either side
    } finally {
      clients.remove(client);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
