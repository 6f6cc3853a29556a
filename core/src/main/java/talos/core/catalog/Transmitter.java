package talos.core.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A radio transmitter of a satellite, as the catalogue sources describe it. Frequencies in Hz; a
 * transponder has a low and a high edge, a single frequency has only the low one.
 *
 * @param status {@code active}, {@code inactive} or {@code invalid}
 */
public record Transmitter(String id, int noradId, String description, Long downlinkLow, Long downlinkHigh,
                          Long uplinkLow, Long uplinkHigh, String mode, Double baud, String status) {

  private static final List<String> STATUSES = List.of("active", "inactive", "invalid");

  /**
   * The transmitters of a list in SatNOGS DB's format ({@code uuid}, {@code norad_cat_id},
   * {@code downlink_low} and so on); entries without an id or a NORAD id are skipped, frequencies
   * that are not positive count as absent, and an unknown status counts as {@code invalid}.
   */
  static List<Transmitter> fromSatnogs(JsonArray entries) {
    List<Transmitter> transmitters = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof JsonObject json) || json.getString("uuid") == null
          || !(json.getValue("norad_cat_id") instanceof Number)) {
        continue;
      }
      String status = json.getString("status", "active");
      transmitters.add(new Transmitter(json.getString("uuid"), json.getInteger("norad_cat_id"),
          json.getString("description", ""), positive(json, "downlink_low"), positive(json, "downlink_high"),
          positive(json, "uplink_low"), positive(json, "uplink_high"), json.getString("mode"),
          json.getValue("baud") instanceof Number baud ? baud.doubleValue() : null,
          STATUSES.contains(status) ? status : "invalid"));
    }
    return transmitters;
  }

  private static Long positive(JsonObject json, String field) {
    return json.getValue(field) instanceof Number number && number.longValue() > 0 ? number.longValue() : null;
  }
}
