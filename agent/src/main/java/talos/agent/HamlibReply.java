package talos.agent;

import talos.driver.DriverException;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one {@link HamlibCommand}, written the way {@code rotctld} and {@code rigctld}
 * write it: values one a line, {@code RPRT 0} after a command that sets something, or
 * {@code RPRT n} with Hamlib's error code; in the extended form the command's name and arguments,
 * each value with its label, then the code.
 *
 * @param code {@code 0}, or a negative Hamlib error code ({@code rig_errcode_e})
 * @param values the labelled values of a command that reads something
 * @param lines lines written as they are, such as the answer to {@code \dump_state}
 */
record HamlibReply(int code, List<Value> values, List<String> lines) {

  /** {@code RIG_EINVAL}: an argument the command does not take. */
  static final int INVALID = -1;
  /** {@code RIG_ENIMPL}: a command the front door does not implement. */
  static final int NOT_IMPLEMENTED = -4;
  /** {@code RIG_EINTERNAL}: the agent failed in a way it did not expect. */
  static final int INTERNAL = -7;
  /** {@code RIG_ERJCTED}: the command was refused, here because someone else holds the device. */
  static final int REJECTED = -9;
  /** {@code RIG_ENAVAIL}: the device cannot do that. */
  static final int NOT_AVAILABLE = -11;

  /** One value and its label in the extended answer, such as {@code Azimuth}. */
  record Value(String label, String text) {
  }

  HamlibReply {
    values = List.copyOf(values);
    lines = List.copyOf(lines);
  }

  /** The command was carried out: {@code RPRT 0}. */
  static HamlibReply ok() {
    return new HamlibReply(0, List.of(), List.of());
  }

  /** The command failed with a Hamlib error code. */
  static HamlibReply error(int code) {
    return new HamlibReply(code, List.of(), List.of());
  }

  /** Labelled values, given as label, value, label, value, … */
  static HamlibReply values(String... labelsAndValues) {
    List<Value> values = new ArrayList<>();
    for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
      values.add(new Value(labelsAndValues[i], labelsAndValues[i + 1]));
    }
    return new HamlibReply(0, values, List.of());
  }

  /** Lines written as they are. */
  static HamlibReply lines(List<String> lines) {
    return new HamlibReply(0, List.of(), lines);
  }

  /** A driver's failure as the Hamlib error code closest to its failure code. */
  static HamlibReply failure(Throwable failure) {
    if (!(failure instanceof DriverException driver)) {
      return error(INTERNAL);
    }
    return error(switch (driver.code()) {
      case INVALID_ARGUMENT -> INVALID;
      case CONFIGURATION -> -2;
      case TIMEOUT -> -5;
      case IO -> -6;
      case PROTOCOL -> -8;
      case REJECTED -> REJECTED;
      case NOT_AVAILABLE -> NOT_AVAILABLE;
      case NOT_IMPLEMENTED -> NOT_IMPLEMENTED;
    });
  }

  /** The answer's text, every line ended by a newline. */
  String format(HamlibCommand command) {
    StringBuilder text = new StringBuilder();
    if (!command.extended()) {
      if (code != 0 || (values.isEmpty() && lines.isEmpty())) {
        return "RPRT " + code + "\n";
      }
      lines.forEach(line -> text.append(line).append('\n'));
      values.forEach(value -> text.append(value.text()).append('\n'));
      return text.toString();
    }
    char separator = command.separator();
    text.append(command.name()).append(':');
    if (!command.args().isEmpty()) {
      text.append(' ').append(String.join(" ", command.args()));
    }
    text.append(separator);
    if (code == 0) {
      lines.forEach(line -> text.append(line).append(separator));
      values.forEach(value -> text.append(value.label()).append(": ").append(value.text())
          .append(separator));
    }
    return text.append("RPRT ").append(code).append('\n').toString();
  }
}
