package talos.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads TLE text: entries of line 1 and line 2, each optionally preceded by a name line (3LE), in
 * any mix. Blank lines, trailing whitespace, Windows or old Mac line endings, a byte order mark and
 * CelesTrak's {@code "0 "} name prefix are tolerated; everything else is checked strictly. A bad
 * entry is skipped with its problems, and reading resumes at the next name line or line 1.
 *
 * <p>How lines are told apart: a line starting {@code "1 "} is a line 1 and one starting
 * {@code "2 "} a line 2. A line of 60 or more characters starting with another digit from 3 to 9
 * and a space is taken for a TLE line with a wrong line number: a line 1 when a line 2 follows it,
 * else a line 2 when a line 1 precedes it. Any other line is a name line, which must be followed by
 * a line 1.
 */
public final class TleParser {

  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int MISNUMBERED_MIN_LENGTH = 60;

  private enum Kind { LINE1, LINE2, MISNUMBERED, NAME, END }

  private final List<NumberedLine> lines;
  private final List<ElementSet> accepted = new ArrayList<>();
  private final List<RejectedEntry> rejected = new ArrayList<>();

  private TleParser(List<NumberedLine> lines) {
    this.lines = lines;
  }

  /**
   * Reads every entry of {@code text}; never throws for bad content.
   *
   * @return the element sets read, with their original lines, and the entries skipped with the
   *     1-based numbers of the lines their problems are on
   */
  public static ImportReport parse(String text) {
    TleParser parser = new TleParser(nonBlankLines(text));
    parser.readAll();
    return new ImportReport(parser.accepted, parser.rejected);
  }

  private static List<NumberedLine> nonBlankLines(String text) {
    boolean byteOrderMark = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK;
    String content = byteOrderMark ? text.substring(1) : text;
    List<NumberedLine> result = new ArrayList<>();
    int number = 0;
    for (String line : content.lines().toList()) {
      number++;
      String trimmed = line.stripTrailing();
      if (!trimmed.isEmpty()) {
        result.add(new NumberedLine(number, trimmed));
      }
    }
    return result;
  }

  private void readAll() {
    int index = 0;
    while (index < lines.size()) {
      index = readEntry(index);
    }
  }

  /** Reads the entry starting at {@code index} and returns the index after it. */
  private int readEntry(int index) {
    NumberedLine current = lines.get(index);
    Kind kind = kindAt(index);
    if (kind == Kind.LINE2) {
      reject(null, ParseProblem.onLine(current.number(), "line 1", current.text(),
          "line 1 missing: this line 2 has no line 1 before it"));
      return index + 1;
    }
    if (startsPair(index)) {
      return readPair(null, index);
    }
    if (startsPair(index + 1)) {
      return readPair(current, index + 1);
    }
    if (kindAt(index + 1) == Kind.LINE2) {
      NumberedLine second = lines.get(index + 1);
      reject(nameOf(current), ParseProblem.onLine(second.number(), "line 1", second.text(),
          "line 1 missing: the name line " + current.number() + " is followed by this line 2"));
      return index + 2;
    }
    String next = kindAt(index + 1) == Kind.END
        ? "the input ends after it"
        : "line " + lines.get(index + 1).number() + " after it is not a line 1";
    reject(null, ParseProblem.onLine(current.number(), "line 1", current.text(),
        "line 1 missing: this line is taken for a name line, but " + next));
    return index + 1;
  }

  /** Reads the optional name line, the line 1 at {@code index} and the line 2 after it. */
  private int readPair(NumberedLine nameLine, int index) {
    NumberedLine first = lines.get(index);
    List<ParseProblem> problems = new ArrayList<>();
    String name = null;
    if (nameLine != null) {
      name = nameOf(nameLine);
      checkName(nameLine, name, problems);
    }
    Kind next = kindAt(index + 1);
    boolean hasLine2 = next == Kind.LINE2 || next == Kind.MISNUMBERED && !startsPair(index + 1);
    if (!hasLine2) {
      TleLineReader.checkLineOne(first, problems);
      String why = next == Kind.END
          ? "the input ends after this line 1"
          : "line " + lines.get(index + 1).number() + " after this line 1 is not a line 2";
      problems.add(ParseProblem.onLine(first.number(), "line 2", first.text(),
          "line 2 missing: " + why));
      reject(name, problems);
      return index + 1;
    }
    NumberedLine second = lines.get(index + 1);
    ElementSet set = TleLineReader.read(name, first, second, problems);
    if (problems.isEmpty()) {
      accepted.add(set);
    } else {
      reject(name, problems);
    }
    return index + 2;
  }

  private static void checkName(NumberedLine line, String name, List<ParseProblem> problems) {
    if (name.isEmpty()) {
      problems.add(ParseProblem.onLine(line.number(), "name", line.text(),
          "name line: '" + line.text() + "' has no name after its '0' prefix; a name is required"));
      return;
    }
    name.codePoints().filter(Character::isISOControl).findFirst().ifPresent(c -> problems.add(
        ParseProblem.onLine(line.number(), "name", line.text(), String.format(Locale.ROOT,
            "name line: holds the control character U+%04X; allowed: printable characters", c))));
  }

  /** Returns the name on a name line, without a CelesTrak {@code "0 "} prefix and outer spaces. */
  private static String nameOf(NumberedLine line) {
    String text = line.text().strip();
    boolean celestrakPrefix = text.equals("0") || text.startsWith("0 ");
    return celestrakPrefix ? text.substring(1).strip() : text;
  }

  /** Returns whether the line at {@code index} is a line 1, or misnumbered before a line 2. */
  private boolean startsPair(int index) {
    Kind kind = kindAt(index);
    return kind == Kind.LINE1 || kind == Kind.MISNUMBERED && kindAt(index + 1) == Kind.LINE2;
  }

  private Kind kindAt(int index) {
    if (index >= lines.size()) {
      return Kind.END;
    }
    String text = lines.get(index).text();
    if (text.startsWith("1 ")) {
      return Kind.LINE1;
    }
    if (text.startsWith("2 ")) {
      return Kind.LINE2;
    }
    boolean misnumbered = text.length() >= MISNUMBERED_MIN_LENGTH
        && text.charAt(0) >= '3' && text.charAt(0) <= '9' && text.charAt(1) == ' ';
    return misnumbered ? Kind.MISNUMBERED : Kind.NAME;
  }

  private void reject(String name, ParseProblem problem) {
    reject(name, List.of(problem));
  }

  private void reject(String name, List<ParseProblem> problems) {
    rejected.add(new RejectedEntry(name, problems));
  }
}
