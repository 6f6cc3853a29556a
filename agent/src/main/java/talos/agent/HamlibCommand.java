package talos.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command line of Hamlib's {@code rotctld} and {@code rigctld} protocol: a one-letter command
 * ({@code P 10 20}) or a long one after a backslash ({@code \set_pos 10 20}), with its arguments
 * separated by white space. A leading {@code +} asks for the extended answer, one labelled value a
 * line; {@code ;}, {@code |} or {@code ,} ask for it with that character between the values.
 *
 * @param name the long name, such as {@code set_pos}; an unknown one-letter command keeps its
 *     letter
 * @param args the arguments as given
 * @param separator the extended answer's separator, or {@code 0} for the plain answer
 */
record HamlibCommand(String name, List<String> args, char separator) {

  HamlibCommand {
    args = List.copyOf(args);
  }

  /**
   * Reads a line.
   *
   * @param shortNames the long name of each one-letter command
   * @return the command, or empty for a blank line
   */
  static Optional<HamlibCommand> parse(String line, Map<Character, String> shortNames) {
    String text = line.strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    char separator = 0;
    char first = text.charAt(0);
    if (first == '+' || first == ';' || first == '|' || first == ',') {
      separator = first == '+' ? '\n' : first;
      text = text.substring(1).stripLeading();
      if (text.isEmpty()) {
        return Optional.empty();
      }
    }
    String name;
    String rest;
    if (text.charAt(0) == '\\') {
      int end = 1;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      name = text.substring(1, end);
      rest = text.substring(end);
    } else {
      name = shortNames.getOrDefault(text.charAt(0), text.substring(0, 1));
      rest = text.substring(1);
    }
    rest = rest.strip();
    List<String> args = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
    return Optional.of(new HamlibCommand(name, args, separator));
  }

  /** Whether the extended answer was asked for. */
  boolean extended() {
    return separator != 0;
  }
}
