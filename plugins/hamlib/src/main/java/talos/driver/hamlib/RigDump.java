package talos.driver.hamlib;

import talos.driver.DriverException;
import talos.driver.FailureCode;
import talos.driver.Range;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code rigctld} tells of its radio in answer to {@code \dump_state}: the model, the receive
 * ranges with the modes they allow, and whether it has transmit ranges at all. The answer's head is
 * read line by line: protocol version, model, ITU region, the receive and the transmit ranges
 * ({@code start end modes low_power high_power vfo antenna}, each list closed by a line of seven
 * zeros), the tuning steps and the filters (each list closed by {@code 0 0}). What follows differs
 * between Hamlib versions and between clients served before (trailing {@code key=value} lines and
 * {@code done} after another client sent {@code \chk_vfo}), so the tail is read until it ends or
 * until nothing more comes within a short grace.
 *
 * @param model the Hamlib rig model number, such as {@code 3081} for an IC-9700
 * @param frequencies the receive ranges in hertz, overlapping ones merged, in order
 * @param modes the names of the modes any receive range allows
 * @param transmits whether the radio has at least one transmit range
 */
record RigDump(int model, List<Range> frequencies, Set<String> modes, boolean transmits) {

  /** How long to wait for the next line of the tail before taking the answer as complete. */
  static final Duration TAIL_GRACE = Duration.ofMillis(150);
  /** More lines than this in one list or in the tail is not a {@code dump_state} answer. */
  private static final int MAX_LINES = 256;

  public RigDump {
    frequencies = List.copyOf(frequencies);
    modes = Collections.unmodifiableSortedSet(new TreeSet<>(modes));
  }

  /**
   * Reads the answer after {@code \dump_state} was sent.
   *
   * @throws HamlibException when the daemon answered with an error code
   * @throws DriverException with {@link FailureCode#PROTOCOL} for an answer of another form
   */
  static RigDump read(LineSource source) {
    Replies.number(source, Replies.firstValue(source), "protocol version");
    int model = (int) Replies.number(source, source.readLine(), "rig model");
    Replies.number(source, source.readLine(), "ITU region");
    List<Range> receive = new ArrayList<>();
    long modeBits = 0;
    for (String[] range : list(source, 7, "frequency range")) {
      double start = Replies.number(source, range[0], "range start");
      double end = Replies.number(source, range[1], "range end");
      if (start > end) {
        throw Replies.unexpected(source, String.join(" ", range), "a range from low to high");
      }
      receive.add(new Range(start, end));
      modeBits |= bits(source, range[2]);
    }
    boolean transmits = !list(source, 7, "frequency range").isEmpty();
    list(source, 2, "tuning step");
    list(source, 2, "filter");
    readTail(source);
    return new RigDump(model, merge(receive), HamlibModes.names(modeBits), transmits);
  }

  /**
   * Reads a list closed by a line of zeros and returns its entries split into fields.
   *
   * @param fields how many fields each line has at least
   */
  private static List<String[]> list(LineSource source, int fields, String what) {
    List<String[]> entries = new ArrayList<>();
    while (true) {
      String line = source.readLine();
      String[] parts = line.trim().split("\\s+");
      if (parts.length < Math.min(fields, 2) || entries.size() >= MAX_LINES) {
        throw Replies.unexpected(source, line, "a " + what + " line");
      }
      if (isZero(parts[0]) && isZero(parts[1])) {
        return entries;
      }
      if (parts.length < fields) {
        throw Replies.unexpected(source, line, "a " + what + " line of " + fields + " fields");
      }
      entries.add(parts);
    }
  }

  private static void readTail(LineSource source) {
    for (int i = 0; i < MAX_LINES; i++) {
      String line = source.pollLine(TAIL_GRACE);
      if (line == null || line.trim().equals("done")) {
        return;
      }
    }
    throw new DriverException(FailureCode.PROTOCOL, source.peer() + " answered '"
        + source.command() + "' with more than " + MAX_LINES + " lines after its filters");
  }

  private static boolean isZero(String field) {
    return field.equals("0") || field.equals("0x0") || field.matches("0\\.0*");
  }

  private static long bits(LineSource source, String field) {
    try {
      return field.startsWith("0x") || field.startsWith("0X")
          ? Long.parseUnsignedLong(field.substring(2), 16) : Long.parseUnsignedLong(field);
    } catch (NumberFormatException e) {
      throw Replies.unexpected(source, field, "a mode bit field such as 0x1ff");
    }
  }

  private static List<Range> merge(List<Range> ranges) {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingDouble(Range::min));
    List<Range> merged = new ArrayList<>();
    for (Range range : sorted) {
      Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && range.min() <= last.max() + 1) {
        merged.set(merged.size() - 1, new Range(last.min(), Math.max(last.max(), range.max())));
      } else {
        merged.add(range);
      }
    }
    return List.copyOf(merged);
  }
}
