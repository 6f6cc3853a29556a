package talos.core.catalog;

import java.util.List;

/**
 * An entry that was skipped, with every problem found in it.
 *
 * @param name the object name the entry gave, or {@code null} when it gave none or an unreadable
 *     one
 * @param problems why the entry was skipped, in the order found; never empty
 */
public record RejectedEntry(String name, List<ParseProblem> problems) {

  /**
   * Builds a rejected entry holding an unmodifiable copy of {@code problems}.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public RejectedEntry {
    problems = List.copyOf(problems);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a rejected entry needs at least one problem");
    }
  }
}
