package talos.driver.serial;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DriverException;
import talos.driver.FailureCode;
import talos.driver.Position;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The controller at the end of an open serial line, spoken to in its protocol: commands are
 * written with their terminator and never closer together than the write gap, and answers are
 * read line by line within the time limit that starts when the command is written. Blocking;
 * used from the device's thread only, except {@link #close()}.
 *
 * <p>Controllers talk when not asked: an echo, a line end after each command, a position report
 * after a stop, the boot messages of a board that resets when the port opens. Whatever arrives
 * between an answer and the next command is read and thrown away before that command (counted as
 * stray bytes); blank lines and the echo of the command are skipped when an answer is read.
 */
final class ControllerPort implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerPort.class);

  /** The longest line an answer may have; position answers are well below it. */
  static final int MAX_LINE = 128;
  /** The most lines other than a position skipped while reading a position answer. */
  static final int MAX_SKIPPED = 3;
  /** The most bytes thrown away after the write gap before a command is sent all the same. */
  static final int MAX_DRAIN = 4096;
  private static final int EXCERPT = 60;
  /** How long a read waits at most when only draining bytes already on their way. */
  private static final Duration DRAIN = Duration.ofMillis(1);

  private final SerialLine line;
  private final SerialSettings settings;
  private final Protocol protocol;
  private final String peer;
  private final byte[] buffer = new byte[256];
  /** Bytes read past the end of the last answer line. */
  private final StringBuilder unread = new StringBuilder();
  /** The answer to the current command so far, for messages. */
  private final StringBuilder answer = new StringBuilder();
  private String command = "";
  private long deadline;
  /** Before this {@link System#nanoTime()} no command may be written. */
  private long quietUntil;
  private long strayBytes;
  /** Whether the last line read ended with a carriage return, so a line feed may follow. */
  private boolean afterCarriageReturn;

  /**
   * A controller on an open line.
   *
   * @param quietFor how long after opening the first command must wait, reading and throwing
   *     away what comes meanwhile (the boot messages of a board that resets when the port opens)
   */
  ControllerPort(SerialLine line, SerialSettings settings, Duration quietFor) {
    this.line = line;
    this.settings = settings;
    this.protocol = settings.protocol();
    this.peer = settings.protocol() + " controller on " + settings.port();
    this.quietUntil = System.nanoTime() + quietFor.toNanos();
  }

  /** Who answers, for messages: {@code gs232b controller on /dev/ttyUSB0}. */
  String peer() {
    return peer;
  }

  /** How many bytes came outside answers since the port was opened. */
  long strayBytes() {
    return strayBytes;
  }

  /**
   * Sends a command: reads and throws away what arrived since the last answer, waiting meanwhile
   * until the write gap after the previous command has passed, then writes the command and its
   * terminator and starts its time limit.
   *
   * @throws DriverException with {@link FailureCode#IO} when the port failed
   */
  void send(String text) {
    drain();
    command = text;
    answer.setLength(0);
    byte[] bytes = (text + protocol.terminator()).getBytes(StandardCharsets.US_ASCII);
    line.write(bytes);
    long written = System.nanoTime();
    deadline = written + settings.timeout().toNanos();
    quietUntil = written + settings.characterTime().multipliedBy(bytes.length).toNanos()
        + settings.writeGap().toNanos();
  }

  /**
   * After a command the controller does not answer: reads what comes until the write gap has
   * passed, and fails when the controller refused the command.
   *
   * @throws DriverException with {@link FailureCode#REJECTED} when a GS-232 controller answered
   *     {@code ?>}, and {@link FailureCode#IO} when the port failed
   */
  void settle() {
    StringBuilder came = new StringBuilder(unread);
    unread.setLength(0);
    long remaining;
    while ((remaining = quietUntil - System.nanoTime()) > 0) {
      int count = line.read(buffer, Duration.ofNanos(remaining));
      append(came, count);
    }
    if (protocol.refuses() && came.indexOf(Protocol.REFUSAL) >= 0) {
      throw new DriverException(FailureCode.REJECTED, peer + " refused '" + command + "' ("
          + excerpt(came.toString()) + ")");
    }
    if (!came.toString().isBlank()) {
      unread.append(came);
    }
  }

  /**
   * Reads the position answer to the query just sent. Blank lines and the echo of the command are
   * skipped, and so are up to {@link #MAX_SKIPPED} other lines, as a controller may report alarms
   * or its boot messages unasked; such lines count as stray bytes.
   *
   * @throws DriverException with {@link FailureCode#TIMEOUT} when nothing but blank lines came in
   *     time, {@link FailureCode#PROTOCOL} when other lines came but no position,
   *     {@link FailureCode#REJECTED} for a refusal and {@link FailureCode#IO} when the port failed
   */
  Position readPosition() {
    String unexpected = null;
    int skipped = 0;
    while (true) {
      String raw;
      try {
        raw = readLine();
      } catch (DriverException e) {
        if (e.code() == FailureCode.TIMEOUT && unexpected != null) {
          throw notAPosition(unexpected);
        }
        throw e;
      }
      String reply = raw.trim();
      if (reply.isEmpty() || reply.equals(command)) {
        continue;
      }
      if (protocol.refuses() && reply.startsWith(Protocol.REFUSAL)) {
        throw new DriverException(FailureCode.REJECTED, peer + " refused '" + command + "' ("
            + excerpt(reply) + "); is the protocol option right?");
      }
      var position = protocol.position(reply);
      if (position.isPresent()) {
        return position.get();
      }
      strayBytes += raw.length() + 1;
      unexpected = unexpected == null ? raw : unexpected;
      if (++skipped > MAX_SKIPPED) {
        throw notAPosition(unexpected);
      }
      answer.setLength(0);
    }
  }

  private DriverException notAPosition(String reply) {
    return new DriverException(FailureCode.PROTOCOL, peer + " answered '" + command + "' with "
        + excerpt(reply) + " where " + protocol.answerForm() + " was expected; is the protocol"
        + " option right?");
  }

  /** Closes the port; a read in progress on another thread ends. */
  @Override
  public void close() {
    line.close();
  }

  /** The next line of the answer, without its end; a carriage return or a line feed ends it. */
  private String readLine() {
    StringBuilder text = new StringBuilder();
    while (true) {
      while (unread.length() > 0) {
        char next = unread.charAt(0);
        unread.deleteCharAt(0);
        if (afterCarriageReturn) {
          afterCarriageReturn = false;
          if (next == '\n') {
            continue;
          }
        }
        if (answer.length() < MAX_LINE) {
          answer.append(next);
        }
        if (next == '\r' || next == '\n') {
          afterCarriageReturn = next == '\r';
          return text.toString();
        }
        if (text.length() >= MAX_LINE) {
          throw new DriverException(FailureCode.PROTOCOL, peer + " answered '" + command
              + "' with a line longer than " + MAX_LINE + " bytes: " + excerpt(text.toString()));
        }
        text.append(next);
      }
      long remaining = deadline - System.nanoTime();
      int count = remaining <= 0 ? 0 : line.read(buffer, Duration.ofNanos(remaining));
      if (count == 0 && System.nanoTime() - deadline >= 0) {
        throw new DriverException(FailureCode.TIMEOUT, peer + (answer.length() > 0
            ? " did not finish its answer to '" + command + "' within "
            + Durations.format(settings.timeout()) + " (got " + excerpt(answer.toString()) + ")"
            : " did not answer '" + command + "' within "
            + Durations.format(settings.timeout())));
      }
      append(unread, count);
    }
  }

  /**
   * Reads and throws away what came, until the write gap has passed and nothing more is waiting,
   * or {@link #MAX_DRAIN} bytes after the gap from a controller that never stops talking.
   */
  private void drain() {
    int stray = 0;
    int afterGap = 0;
    while (true) {
      dropLineFeedAfterCarriageReturn();
      stray += unread.length();
      unread.setLength(0);
      long remaining = quietUntil - System.nanoTime();
      int count = line.read(buffer, remaining > 0 ? Duration.ofNanos(remaining) : DRAIN);
      append(unread, count);
      if (remaining <= 0) {
        afterGap += count;
        if (count == 0 || afterGap >= MAX_DRAIN) {
          dropLineFeedAfterCarriageReturn();
          stray += unread.length();
          unread.setLength(0);
          break;
        }
      }
    }
    afterCarriageReturn = false;
    if (stray > 0) {
      strayBytes += stray;
      LOG.debug("stray bytes thrown away before a command [peer: {}, bytes: {}]", peer, stray);
    }
  }

  /** Drops the line feed of a CR LF line end whose carriage return ended the last answer. */
  private void dropLineFeedAfterCarriageReturn() {
    if (afterCarriageReturn && unread.length() > 0) {
      afterCarriageReturn = false;
      if (unread.charAt(0) == '\n') {
        unread.deleteCharAt(0);
      }
    }
  }

  private void append(StringBuilder to, int count) {
    for (int i = 0; i < count; i++) {
      to.append((char) (buffer[i] & 0xff));
    }
  }

  /**
   * Text as messages quote it: in quotes, shortened to 60 characters, with control characters
   * and bytes that are not ASCII text shown as {@code \xNN}.
   */
  static String excerpt(String text) {
    StringBuilder shown = new StringBuilder("'");
    for (int i = 0; i < text.length() && i < EXCERPT; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        shown.append(c);
      } else {
        shown.append(String.format(Locale.ROOT, "\\x%02X", (int) c & 0xff));
      }
    }
    shown.append('\'');
    if (text.length() > EXCERPT) {
      shown.append("…");
    }
    return shown.toString();
  }
}
