package talos.core.catalog;

import java.util.List;

/**
 * The outcome of reading a catalogue: the element sets accepted, in input order, and the entries
 * skipped with the reasons why. A bad entry never stops the import of the others.
 *
 * @param accepted the element sets read, in input order; unmodifiable
 * @param rejected the entries skipped, in input order; unmodifiable
 */
public record ImportReport(List<ElementSet> accepted, List<RejectedEntry> rejected) {

  /** Builds a report holding unmodifiable copies of both lists. */
  public ImportReport {
    accepted = List.copyOf(accepted);
    rejected = List.copyOf(rejected);
  }

  /** Returns how many element sets were accepted. */
  public int acceptedCount() {
    return accepted.size();
  }

  /** Returns how many entries were skipped. */
  public int rejectedCount() {
    return rejected.size();
  }

  /** Returns every problem of every skipped entry, in input order. */
  public List<ParseProblem> problems() {
    return rejected.stream().flatMap(entry -> entry.problems().stream()).toList();
  }
}
