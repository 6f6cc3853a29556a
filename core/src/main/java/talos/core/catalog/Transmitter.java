package talos.core.catalog;

/**
 * A radio transmitter of a satellite, as the catalogue sources describe it. Frequencies in Hz; a
 * transponder has a low and a high edge, a single frequency has only the low one.
 *
 * @param status {@code active}, {@code inactive} or {@code invalid}
 */
public record Transmitter(String id, int noradId, String description, Long downlinkLow, Long downlinkHigh,
                          Long uplinkLow, Long uplinkHigh, String mode, Double baud, String status) {
}
