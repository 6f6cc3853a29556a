package talos.driver.serial;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rotator controller in the test, served on one end of a {@link Pty} through plain file streams:
 * it reads commands in its protocol, slews both axes towards the last target at a constant rate,
 * answers position queries with where it is now, stops when told, and refuses what a GS-232
 * refuses with {@code ?>} (its elevation ends at 90°, as on a rotator without flip). It records
 * every command with the time it arrived, and can misbehave as real controllers do: fall silent,
 * answer with garbage or half a line, talk when not asked, or hold an answer back.
 */
final class ControllerSimulator implements AutoCloseable {

  /** A command as received, and when its last byte arrived ({@link System#nanoTime()}). */
  record Received(String command, long nanos) {
  }

  private static final Pattern GS232_MOVE = Pattern.compile("W(\\d{3}) (\\d{3})");
  private static final Pattern EASYCOMM_MOVE = Pattern.compile(
      "AZ(-?\\d+(?:\\.\\d+)?) EL(-?\\d+(?:\\.\\d+)?)");

  private final Protocol protocol;
  private final double rate;
  private final InputStream in;
  private final OutputStream out;
  private final Thread thread;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicReference<byte[]> nextAnswer = new AtomicReference<>();
  private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
  private double originAz;
  private double originEl;
  private double targetAz;
  private double targetEl;
  private long since = System.nanoTime();
  private volatile boolean silent;

  /**
   * Starts serving {@code end}.
   *
   * @param rate the slew rate of both axes, in degrees per second
   */
  ControllerSimulator(Path end, Protocol protocol, double rate, double azimuth, double elevation)
      throws IOException {
    this.protocol = protocol;
    this.rate = rate;
    this.originAz = azimuth;
    this.originEl = elevation;
    this.targetAz = azimuth;
    this.targetEl = elevation;
    this.in = new FileInputStream(end.toFile());
    this.out = new FileOutputStream(end.toFile());
    this.thread = new Thread(this::serve, "controller-simulator");
    thread.setDaemon(true);
    thread.start();
  }

  /** Every command received, in order, with its time. */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** Every command received, in order. */
  List<String> commands() {
    return received.stream().map(Received::command).toList();
  }

  /** Where the antenna points now: azimuth and elevation. */
  synchronized double[] position() {
    long now = System.nanoTime();
    return new double[] {axis(originAz, targetAz, now), axis(originEl, targetEl, now)};
  }

  /** Whether both axes are still short of their targets. */
  synchronized boolean moving() {
    double[] now = position();
    return now[0] != targetAz || now[1] != targetEl;
  }

  /** From now on reads commands and answers none ({@code true}), or answers again. */
  void silent(boolean on) {
    silent = on;
  }

  /** Answers the next position query with these bytes instead of the position. */
  void answerNextQueryWith(String bytes) {
    nextAnswer.set(bytes.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Holds every answer back until the latch is released. */
  void holdAnswers(CountDownLatch latch) {
    hold.set(latch);
  }

  /** Writes bytes now, unasked, as a controller's boot message or alarm would come. */
  void chatter(String bytes) throws IOException {
    write(bytes.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Closes the streams; a read in progress ends when the pseudo-terminal goes away. */
  @Override
  public void close() {
    try {
      in.close();
      out.close();
    } catch (IOException e) {
      // already gone with the pseudo-terminal
    }
  }

  private void serve() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    char end = protocol.terminator().charAt(0);
    try {
      int next;
      while ((next = in.read()) >= 0) {
        if (next == '\r' || next == '\n') {
          if (next == end && line.size() > 0) {
            String command = line.toString(StandardCharsets.ISO_8859_1);
            received.add(new Received(command, System.nanoTime()));
            handle(command);
          }
          line.reset();
          continue;
        }
        line.write(next);
      }
    } catch (IOException e) {
      // the pseudo-terminal went away
    }
  }

  private void handle(String command) throws IOException {
    if (silent) {
      return;
    }
    CountDownLatch latch = hold.get();
    if (latch != null) {
      try {
        latch.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String answer = protocol == Protocol.EASYCOMM2 ? easycomm(command) : gs232(command);
    if (answer == null) {
      return;
    }
    byte[] replaced = answer.startsWith("AZ") || answer.startsWith("+")
        ? nextAnswer.getAndSet(null) : null;
    write(replaced != null ? replaced : answer.getBytes(StandardCharsets.ISO_8859_1));
  }

  private String gs232(String command) {
    Matcher move = GS232_MOVE.matcher(command);
    if (command.equals("C2")) {
      double[] now = position();
      long az = Math.round(now[0]);
      long el = Math.round(now[1]);
      return protocol == Protocol.GS232A
          ? String.format(Locale.ROOT, "+0%03d+0%03d\r\n", az, el)
          : String.format(Locale.ROOT, "AZ=%03d  EL=%03d\r\n", az, el);
    } else if (move.matches()) {
      int az = Integer.parseInt(move.group(1));
      int el = Integer.parseInt(move.group(2));
      if (az > 450 || el > 90) {
        return "?>\r\n";
      }
      aim(az, el);
      return protocol == Protocol.GS232B ? "\r\n" : null;
    } else if (command.equals("S")) {
      halt(true, true);
      return null;
    } else if (command.equals("A") || command.equals("E")) {
      halt(command.equals("A"), command.equals("E"));
      return null;
    }
    return "?>\r\n";
  }

  private String easycomm(String command) {
    Matcher move = EASYCOMM_MOVE.matcher(command);
    if (command.equals("AZ EL")) {
      return report();
    } else if (move.matches()) {
      aim(Double.parseDouble(move.group(1)), Double.parseDouble(move.group(2)));
      return null;
    } else if (command.equals("SA SE")) {
      halt(true, true);
      return report();
    }
    return null;
  }

  private String report() {
    double[] now = position();
    return String.format(Locale.ROOT, "AZ%.1f EL%.1f\n", now[0], now[1]);
  }

  private synchronized void aim(double az, double el) {
    double[] now = position();
    originAz = now[0];
    originEl = now[1];
    since = System.nanoTime();
    targetAz = az;
    targetEl = el;
  }

  private synchronized void halt(boolean azimuth, boolean elevation) {
    double[] now = position();
    originAz = now[0];
    originEl = now[1];
    since = System.nanoTime();
    if (azimuth) {
      targetAz = now[0];
    }
    if (elevation) {
      targetEl = now[1];
    }
  }

  private double axis(double origin, double target, long now) {
    double travelled = rate * (now - since) / 1e9;
    return Math.abs(target - origin) <= travelled ? target
        : origin + Math.signum(target - origin) * travelled;
  }

  private synchronized void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }
}
