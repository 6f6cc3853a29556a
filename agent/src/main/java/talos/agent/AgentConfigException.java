package talos.agent;

import java.util.List;

/**
 * A configuration the agent cannot run with. The message lists every problem, one a line, each
 * naming the field, the value it had (never a key's) and what is allowed.
 */
public final class AgentConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public AgentConfigException(List<String> problems) {
    super("invalid agent configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public AgentConfigException(String problem) {
    this(List.of(problem));
  }

  /** One line per problem, each starting with the field it is about. */
  public List<String> problems() {
    return problems;
  }
}
