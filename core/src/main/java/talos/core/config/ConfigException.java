package talos.core.config;

import java.util.List;

/**
 * Configuration the core cannot start with. The message names every offending variable, the value
 * it had (never for a secret) and what is allowed.
 */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** One line per problem, each naming the variable it is about. */
  public List<String> problems() {
    return problems;
  }
}
