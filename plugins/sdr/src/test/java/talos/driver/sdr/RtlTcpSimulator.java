package talos.driver.sdr;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * rtl_tcp in the test: a TCP server on a free loopback port that, for each client, sends the
 * 12-byte header, records the five-byte commands, and streams unsigned 8-bit I/Q samples paced at
 * the sample rate last set. The samples hold one tone, a carrier at a fixed frequency: its
 * offset in the samples is that frequency less the tuned one, so retuning moves it as it would on
 * the air. It can misbehave: send another header, no header, or no samples, and drop its
 * clients.
 */
final class RtlTcpSimulator implements AutoCloseable {

  /** A command received: its code and its parameter as a signed 32-bit number. */
  record Command(int code, int parameter, int connection) {
  }

  /** How often samples are written. */
  private static final long TICK_MILLIS = 10;
  private static final double AMPLITUDE = 100;

  private final ServerSocket server;
  private final Thread acceptor;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(
      task -> {
        Thread thread = new Thread(task, "rtl_tcp-simulator-samples");
        thread.setDaemon(true);
        return thread;
      });
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final List<Command> commands = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final long carrier;
  private volatile byte[] header = header("RTL0", 5, 29);
  private volatile boolean sendHeader = true;
  private volatile boolean sendSamples = true;

  /**
   * Starts a server whose air holds one carrier.
   *
   * @param carrier the carrier's frequency, in hertz
   */
  RtlTcpSimulator(long carrier) throws IOException {
    this.carrier = carrier;
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "rtl_tcp-simulator");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A header: four bytes of magic, then the tuner type and the gain count, big-endian. */
  static byte[] header(String magic, int tuner, int gains) {
    return ByteBuffer.allocate(12).put(magic.getBytes(StandardCharsets.ISO_8859_1), 0, 4)
        .putInt(tuner).putInt(gains).array();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Every command received, in order, over all connections. */
  List<Command> commands() {
    return List.copyOf(commands);
  }

  /** The commands received on one connection (1 for the first). */
  List<Command> commands(int connection) {
    return commands.stream().filter(c -> c.connection() == connection).toList();
  }

  /** How many connections it accepted. */
  int connections() {
    return connections.get();
  }

  /** Sends these bytes as the header to clients from now on. */
  void header(byte[] bytes) {
    header = bytes.clone();
  }

  /** Sends no header at all to clients from now on ({@code false}), or sends it again. */
  void sendHeader(boolean on) {
    sendHeader = on;
  }

  /** Stops ({@code false}) or resumes sending samples to every client. */
  void sendSamples(boolean on) {
    sendSamples = on;
  }

  /** Drops every client, as an rtl_tcp that restarts does. */
  void dropConnections() {
    for (Socket client : clients) {
      closeQuietly(client);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropConnections();
    pacer.shutdownNow();
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
        int number = connections.incrementAndGet();
        clients.add(client);
        serve(client, number);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client, int number) throws IOException {
    Tuning tuning = new Tuning();
    OutputStream out = client.getOutputStream();
    if (sendHeader) {
      synchronized (out) {
        out.write(header);
        out.flush();
      }
    }
    Thread reader = new Thread(() -> readCommands(client, number, tuning),
        "rtl_tcp-simulator-commands");
    reader.setDaemon(true);
    reader.start();
    AtomicReference<Future<?>> task = new AtomicReference<>();
    task.set(pacer.scheduleAtFixedRate(() -> {
      if (!sendSamples || !sendHeader) {
        return;
      }
      try {
        byte[] samples = tuning.samples();
        synchronized (out) {
          out.write(samples);
          out.flush();
        }
      } catch (IOException e) {
        closeQuietly(client);
        clients.remove(client);
        task.get().cancel(false);
      }
    }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS));
  }

  private void readCommands(Socket client, int number, Tuning tuning) {
    try (DataInputStream in = new DataInputStream(client.getInputStream())) {
      while (true) {
        int code = in.readUnsignedByte();
        int parameter = in.readInt();
        commands.add(new Command(code, parameter, number));
        tuning.apply(code, parameter);
      }
    } catch (IOException e) {
      closeQuietly(client);
      clients.remove(client);
    }
  }

  /** One client's receiver: its tuning, its rate, and the phase of the carrier. */
  private final class Tuning {

    private volatile long center = 100_000_000;
    private volatile int rate = 2_048_000;
    private double phase;

    void apply(int code, int parameter) {
      if (code == 0x01) {
        center = Integer.toUnsignedLong(parameter);
      } else if (code == 0x02) {
        rate = parameter;
      }
    }

    /** The samples of one tick at the current rate. */
    byte[] samples() {
      int count = (int) (rate * TICK_MILLIS / 1000);
      double step = 2 * Math.PI * (carrier - center) / rate;
      byte[] bytes = new byte[count * 2];
      for (int n = 0; n < count; n++) {
        bytes[2 * n] = (byte) Math.round(127.5 + AMPLITUDE * Math.cos(phase));
        bytes[2 * n + 1] = (byte) Math.round(127.5 + AMPLITUDE * Math.sin(phase));
        phase = (phase + step) % (2 * Math.PI);
      }
      return bytes;
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
