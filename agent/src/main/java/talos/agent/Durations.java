package talos.agent;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
final class Durations {

  /** What {@link #parse} accepts, for error messages. */
  static final String ALLOWED = "a duration such as 250ms, 5s, 2m or 1h";

  private static final Pattern SHAPE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

  private Durations() {
  }

  /**
   * The duration a text stands for.
   *
   * @throws IllegalArgumentException for any other text
   */
  static Duration parse(String text) {
    return read(text).orElseThrow(() ->
        new IllegalArgumentException("'" + text + "' is not " + ALLOWED));
  }

  /** The duration a text stands for, or empty for any other text. */
  static Optional<Duration> read(String text) {
    Matcher matcher = SHAPE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    });
  }

  /** The shortest text {@link #parse} reads back as the same duration. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
