package talos.core.director;

import java.time.Instant;
import java.util.UUID;

/**
 * A pass the scheduler planned for a station ({@code planned_pass} with status {@code planned}),
 * with the observation recorded for it so far.
 *
 * @param transmitterId the transmitter to follow, or {@code null} for the satellite's first active
 *     one with a downlink
 * @param observationId the observation recorded for this pass, or {@code null} while there is none
 */
public record PlannedPass(UUID id, UUID orgId, UUID campaignId, UUID stationId, int noradId,
                          String transmitterId, Instant aos, Instant tca, Instant los,
                          double maxElevation, UUID observationId) {
}
