package talos.core.catalog;

import java.util.List;

/**
 * What one catalogue source delivered: element sets with the entries it had to reject, and the
 * transmitters it knows (none for sources without transmitter data).
 */
public record SourceData(String source, ImportReport elements, List<Transmitter> transmitters) {
}
