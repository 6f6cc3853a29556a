package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the station's hardware really did, published on {@link Channel#TELEMETRY} about once a
 * second (more often during a session).
 *
 * @param session the tracking session in progress, or {@code null}
 * @param rotator the measured pointing, or {@code null} when the station has no rotator or it could
 *     not be read
 * @param radio the radio's measured state, or {@code null}
 * @param drivers the health of every driver the agent runs
 * @param locks who controls each device that local programs may share through the agent's
 *     front door, by device name ({@code rotator}, {@code radio}); empty when the front door is off
 */
public record Telemetry(Instant time, String session, RotatorReading rotator, RadioReading radio,
                        List<DriverReport> drivers, Map<String, Lock> locks) {

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
      new TreeMap<>(counters).forEach(counts::put);
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

  /**
   * Who controls a device the agent shares with local programs: nobody ({@code free}), one local
   * program ({@code local}, with its address) or the core ({@code network}, with the session when
   * one runs).
   *
   * @param client the local program's address, such as {@code 127.0.0.1:50412}, or {@code null}
   * @param session the network's session in progress, or {@code null}
   * @param since when the holder took the device, or {@code null} when unknown
   */
  public record Lock(Holder holder, String client, String session, Instant since) {

    /** The longest client address a lock carries. */
    public static final int MAX_CLIENT = 64;

    /** A device nobody holds. */
    public static Lock free() {
      return new Lock(Holder.FREE, null, null, null);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("holder", holder.name().toLowerCase(Locale.ROOT));
      if (client != null) {
        json.put("client", client);
      }
      if (session != null) {
        json.put("session", session);
      }
      return since == null ? json : json.put("since", since.toEpochMilli());
    }

    static Lock fromJson(JsonObject json, String path) {
      return new Lock(Fields.choice(json, "holder", path + ".holder", Holder.class),
          Fields.optionalText(json, "client", path + ".client", MAX_CLIENT),
          Fields.optionalText(json, "session", path + ".session", 64),
          json.getValue("since") == null ? null : Fields.time(json, "since", path + ".since"));
    }
  }

  /** Who holds a device. */
  public enum Holder {
    FREE, LOCAL, NETWORK
  }

  public Telemetry {
    drivers = drivers == null ? List.of() : List.copyOf(drivers);
    locks = locks == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(locks));
  }

  /** A report without locks, as an agent without a front door sends it. */
  public Telemetry(Instant time, String session, RotatorReading rotator, RadioReading radio,
                   List<DriverReport> drivers) {
    this(time, session, rotator, radio, drivers, null);
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
    json.put("drivers", reports);
    if (!locks.isEmpty()) {
      JsonObject held = new JsonObject();
      locks.forEach((device, lock) -> held.put(device, lock.toJson()));
      json.put("locks", held);
    }
    return json;
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
        Fields.optionalText(json, "session", "session", 64), rotator, radio, drivers, locks(json));
  }

  private static Map<String, Lock> locks(JsonObject json) {
    Map<String, Lock> locks = new LinkedHashMap<>();
    if (json.getValue("locks") == null) {
      return locks;
    }
    JsonObject held = Fields.object(json.getValue("locks"), "locks");
    if (held.size() > MAX_DRIVERS) {
      throw new ProtocolException("locks", held.size() + " entries", "an object of 0 to "
          + MAX_DRIVERS + " devices");
    }
    for (String device : held.fieldNames()) {
      String path = "locks." + device;
      if (device.isEmpty() || device.length() > 64) {
        throw new ProtocolException("locks", device, "device names of 1 to 64 characters");
      }
      locks.put(device, Lock.fromJson(Fields.object(held.getValue(device), path), path));
    }
    return locks;
  }
}
