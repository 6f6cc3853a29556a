package talos.core.catalog;

import java.util.List;
import java.util.Map;

/**
 * What one catalogue source delivered: element sets with the entries it had to reject, the
 * transmitters it knows, and the status of the objects it knows ({@code alive}, {@code dead},
 * {@code re-entered}, {@code future}) by NORAD id; sources without such data leave them empty.
 */
public record SourceData(String source, ImportReport elements, List<Transmitter> transmitters,
                         Map<Integer, String> statuses) {

  public SourceData(String source, ImportReport elements) {
    this(source, elements, List.of(), Map.of());
  }
}
