package talos.core.director;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * One observation as the director drives it: a row of {@code observation}, planned (a campaign's
 * planned pass) or manual, with its session and the node driving it.
 *
 * @param campaignId {@code null} for a manual track
 * @param plannedPassId {@code null} for a manual track
 * @param transmitterId the transmitter to follow, or {@code null} for the first active one with a
 *     downlink
 * @param sessionId the session the agent knows it by, once started
 * @param epoch the ownership epoch of the session, once started
 * @param drivenBy the node driving it, once one took it on
 * @param startedAt when the agent acknowledged the start, once it did
 * @param errorRms the tracking error so far (degrees), or {@code null}
 * @param errorMax the largest tracking error so far (degrees), or {@code null}
 * @param samples the telemetry samples behind the tracking error
 * @param createdAt when it was recorded
 */
public record Observation(UUID id, UUID orgId, UUID stationId, UUID campaignId, UUID plannedPassId,
                          int noradId, String transmitterId, Instant plannedAos, Instant plannedLos,
                          double maxElevation, Outcome outcome, String sessionId, Long epoch,
                          String drivenBy, Instant startedAt, Double errorRms, Double errorMax,
                          int samples, Instant createdAt) {

  /** Whether an operator asked for it, rather than the scheduler. */
  public boolean manual() {
    return plannedPassId == null && campaignId == null;
  }

  /** The same observation, now under way with a session on a node. */
  Observation driven(Outcome now, String session, long sessionEpoch, String node, Instant started) {
    return new Observation(id, orgId, stationId, campaignId, plannedPassId, noradId, transmitterId,
        plannedAos, plannedLos, maxElevation, now, session, sessionEpoch, node, started, errorRms,
        errorMax, samples, createdAt);
  }

  /**
   * The {@code talos.director.observation.ended} publication: {@code {observationId, orgId,
   * campaignId, stationId, plannedPassId, noradId, outcome, reason, plannedAos, plannedLos}}.
   */
  public JsonObject ended(Outcome ending, String reason) {
    return new JsonObject()
        .put("observationId", id.toString())
        .put("orgId", orgId.toString())
        .put("campaignId", campaignId == null ? null : campaignId.toString())
        .put("stationId", stationId.toString())
        .put("plannedPassId", plannedPassId == null ? null : plannedPassId.toString())
        .put("noradId", noradId)
        .put("outcome", ending.wireName())
        .put("reason", reason)
        .put("plannedAos", plannedAos.toString())
        .put("plannedLos", plannedLos.toString());
  }

  /** The observation as it crosses the bus between directors. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("orgId", orgId.toString())
        .put("stationId", stationId.toString())
        .put("campaignId", campaignId == null ? null : campaignId.toString())
        .put("plannedPassId", plannedPassId == null ? null : plannedPassId.toString())
        .put("noradId", noradId)
        .put("transmitterId", transmitterId)
        .put("plannedAos", plannedAos.toString())
        .put("plannedLos", plannedLos.toString())
        .put("maxElevation", maxElevation)
        .put("outcome", outcome.wireName())
        .put("sessionId", sessionId)
        .put("epoch", epoch)
        .put("drivenBy", drivenBy)
        .put("startedAt", startedAt == null ? null : startedAt.toString())
        .put("errorRms", errorRms)
        .put("errorMax", errorMax)
        .put("samples", samples)
        .put("createdAt", createdAt.toString());
  }

  /** Reads {@link #toJson()}. */
  public static Observation fromJson(JsonObject json) {
    return new Observation(UUID.fromString(json.getString("id")),
        UUID.fromString(json.getString("orgId")), UUID.fromString(json.getString("stationId")),
        uuid(json.getString("campaignId")), uuid(json.getString("plannedPassId")),
        json.getInteger("noradId"), json.getString("transmitterId"),
        Instant.parse(json.getString("plannedAos")), Instant.parse(json.getString("plannedLos")),
        json.getDouble("maxElevation"), Outcome.of(json.getString("outcome")),
        json.getString("sessionId"), json.getLong("epoch"), json.getString("drivenBy"),
        json.getString("startedAt") == null ? null : Instant.parse(json.getString("startedAt")),
        json.getDouble("errorRms"), json.getDouble("errorMax"), json.getInteger("samples", 0),
        Instant.parse(json.getString("createdAt")));
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }
}
