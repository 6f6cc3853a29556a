package talos.driver;

import java.util.List;
import java.util.Set;

/**
 * What a radio can do: the frequency ranges it tunes, in hertz, the modes it knows (such as
 * {@code FM}, {@code USB}) and the operations it offers.
 */
public record RadioCapabilities(List<Range> frequencies, Set<String> modes,
                                Set<RadioOperation> operations) {

  public RadioCapabilities {
    frequencies = List.copyOf(frequencies);
    modes = Set.copyOf(modes);
    operations = Set.copyOf(operations);
  }

  public boolean supports(RadioOperation operation) {
    return operations.contains(operation);
  }

  public boolean tunes(long hertz) {
    return frequencies.stream().anyMatch(range -> range.contains(hertz));
  }
}
