package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the station's hardware really did, published on {@link Channel#TELEMETRY} about once a
 * second (more often during a session).
 *
 * @param session the tracking session in progress, or {@code null}
 * @param rotator the measured pointing, or {@code null} when the station has no rotator or it could
 *     not be read
 * @param radio the radio's measured state, or {@code null}
 * @param drivers the health of every driver the agent runs
 */
public record Telemetry(Instant time, String session, RotatorReading rotator, RadioReading radio,
                        List<DriverReport> drivers) {

  /** The most driver reports one message may carry. */
  public static final int MAX_DRIVERS = 16;

  /** Measured pointing in degrees; {@code moving} while the rotator travels. */
  public record RotatorReading(double azimuth, double elevation, boolean moving) {

    JsonObject toJson() {
      return new JsonObject().put("az", PointingSetpoints.round(azimuth))
          .put("el", PointingSetpoints.round(elevation)).put("moving", moving);
    }

    static RotatorReading fromJson(JsonObject json) {
      return new RotatorReading(Fields.number(json, "az", "rotator.az", -180, 540),
          Fields.number(json, "el", "rotator.el", -90, 180),
          Fields.flag(json, "moving", "rotator.moving", false));
    }
  }

  /** The radio's frequencies in hertz and mode; {@code uplinkHz} and {@code mode} may be null. */
  public record RadioReading(long downlinkHz, Long uplinkHz, String mode) {

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("downlink", downlinkHz);
      if (uplinkHz != null) {
        json.put("uplink", uplinkHz);
      }
      return mode == null ? json : json.put("mode", mode);
    }

    static RadioReading fromJson(JsonObject json) {
      return new RadioReading(
          Fields.whole(json, "downlink", "radio.downlink", 0, RadioSetpoints.MAX_FREQUENCY),
          Fields.optionalWhole(json, "uplink", "radio.uplink", 0, RadioSetpoints.MAX_FREQUENCY),
          Fields.optionalText(json, "mode", "radio.mode", 16));
    }
  }

  /** Health states of a driver, as the driver SPI reports them. */
  public enum Health {
    OK, UNAVAILABLE, DISABLED, FAILED
  }

  /**
   * One driver's health.
   *
   * @param name the configured device name, such as {@code rotator}
   * @param driver the driver's name, such as {@code simulator} or {@code hamlib}
   * @param detail a one-line explanation, or {@code null}; cut to {@value #MAX_DETAIL} characters
   * @param counters named counts such as {@code commands} and {@code failures}
   */
  public record DriverReport(String name, String driver, Health health, String detail,
                             Map<String, Long> counters) {

    /** The longest detail a report carries. */
    public static final int MAX_DETAIL = 200;

    public DriverReport {
      counters = counters == null ? Map.of() : Map.copyOf(counters);
      if (detail != null && detail.length() > MAX_DETAIL) {
        detail = detail.substring(0, MAX_DETAIL);
      }
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("name", name).put("driver", driver)
          .put("health", health.name().toLowerCase(Locale.ROOT));
      if (detail != null) {
        json.put("detail", detail);
      }
      JsonObject counts = new JsonObject();
      new java.util.TreeMap<>(counters).forEach(counts::put);
      return json.put("counters", counts);
    }

    static DriverReport fromJson(JsonObject json, String path) {
      Map<String, Long> counters = new LinkedHashMap<>();
      JsonObject counts = json.getValue("counters") == null ? new JsonObject()
          : Fields.object(json.getValue("counters"), path + ".counters");
      for (String key : counts.fieldNames()) {
        counters.put(key, Fields.whole(counts, key, path + ".counters." + key, 0, Long.MAX_VALUE));
      }
      return new DriverReport(Fields.text(json, "name", path + ".name", 64),
          Fields.text(json, "driver", path + ".driver", 64),
          Fields.choice(json, "health", path + ".health", Health.class),
          Fields.optionalText(json, "detail", path + ".detail", MAX_DETAIL), counters);
    }
  }

  public Telemetry {
    drivers = drivers == null ? List.of() : List.copyOf(drivers);
  }

  public JsonObject toJson() {
    JsonObject json = Messages.envelope().put("t", time.toEpochMilli());
    if (session != null) {
      json.put("session", session);
    }
    if (rotator != null) {
      json.put("rotator", rotator.toJson());
    }
    if (radio != null) {
      json.put("radio", radio.toJson());
    }
    JsonArray reports = new JsonArray();
    drivers.forEach(report -> reports.add(report.toJson()));
    return json.put("drivers", reports);
  }

  /**
   * Reads a telemetry message.
   *
   * @throws ProtocolException naming the first field that breaks a rule
   */
  public static Telemetry fromJson(JsonObject json) {
    RotatorReading rotator = json.getValue("rotator") == null ? null
        : RotatorReading.fromJson(Fields.object(json.getValue("rotator"), "rotator"));
    RadioReading radio = json.getValue("radio") == null ? null
        : RadioReading.fromJson(Fields.object(json.getValue("radio"), "radio"));
    List<DriverReport> drivers = new ArrayList<>();
    if (json.getValue("drivers") != null) {
      JsonArray array = Fields.array(json, "drivers", "drivers", 0, MAX_DRIVERS);
      for (int i = 0; i < array.size(); i++) {
        String path = "drivers[" + i + "]";
        drivers.add(DriverReport.fromJson(Fields.object(array.getValue(i), path), path));
      }
    }
    return new Telemetry(Fields.time(json, "t", "t"),
        Fields.optionalText(json, "session", "session", 64), rotator, radio, drivers);
  }
}
