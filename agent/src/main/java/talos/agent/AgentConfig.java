package talos.agent;

import io.vertx.core.json.JsonObject;
import talos.driver.Position;
import talos.driver.Range;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A station agent's configuration: where the core is, who the station is, which drivers run its
 * devices, and the local limits and safety timings that nothing received over MQTT can change.
 * {@link #toString()} never shows the key.
 *
 * @param server the core's MQTT gateway
 * @param stationId the station's id, a UUID in lowercase; also the MQTT client id and user name
 * @param org the slug of the organisation that owns the station
 * @param key the station's key, the MQTT password
 * @param trustedCa a PEM file of the certificate authorities trusted for {@code mqtts://}, or
 *     {@code null} for the JVM's default trust store
 * @param pluginsDir the folder whose jars hold driver plugins
 * @param frontDoor the local {@code rotctld}/{@code rigctld}-compatible ports, or {@code null}
 *     when they are off
 */
public record AgentConfig(Server server, String stationId, String org, String key, Path trustedCa,
                          Path pluginsDir, Devices devices, Limits limits, Safety safety,
                          Reconnect reconnect, FrontDoor frontDoor) {

  private static final Pattern SERVER =
      Pattern.compile("(mqtts?)://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?/?");
  private static final Pattern UUID_SHAPE =
      Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
  private static final int MAX_KEY_LENGTH = 512;
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|[0-9A-Fa-f:.]+");

  /** The core's MQTT gateway; {@code tls} for {@code mqtts://}. */
  public record Server(boolean tls, String host, int port) {

    @Override
    public String toString() {
      return (tls ? "mqtts" : "mqtt") + "://" + host + ":" + port;
    }
  }

  /**
   * One device: the driver that runs it and the driver's options, checked against the driver's
   * option specs when the agent starts.
   */
  public record DeviceConfig(String driver, Map<String, String> options) {

    public DeviceConfig {
      options = Map.copyOf(options);
    }
  }

  /** The station's devices; either may be {@code null}, not both. */
  public record Devices(DeviceConfig rotator, DeviceConfig radio) {
  }

  /**
   * The station's own limits, in degrees and hertz: the agent refuses any target outside them.
   *
   * @param minFrequencyHz the lowest frequency the radio may be tuned to, or {@code null}
   * @param maxFrequencyHz the highest frequency the radio may be tuned to, or {@code null}
   */
  public record Limits(double azimuthMin, double azimuthMax, double elevationMin,
                       double elevationMax, double parkAzimuth, double parkElevation,
                       Long minFrequencyHz, Long maxFrequencyHz) {

    public Range azimuth() {
      return new Range(azimuthMin, azimuthMax);
    }

    public Range elevation() {
      return new Range(elevationMin, elevationMax);
    }

    public Position park() {
      return new Position(parkAzimuth, parkElevation);
    }

    /** Whether a frequency is within the configured frequency limits (if any). */
    public boolean allowsFrequency(long hertz) {
      return (minFrequencyHz == null || hertz >= minFrequencyHz)
          && (maxFrequencyHz == null || hertz <= maxFrequencyHz);
    }
  }

  /**
   * Timings that keep the antenna safe when setpoints stop.
   *
   * @param staleAfter a setpoint point older than this is never executed
   * @param stopAfter the rotator stops when no fresh setpoint came for this long
   * @param parkAfter the rotator parks when no fresh setpoint came for this long
   * @param controlRate how often the control loop runs, in hertz
   * @param telemetryInterval how often telemetry is published
   * @param deadband the smallest change of target, in degrees, that sends a new command
   */
  public record Safety(Duration staleAfter, Duration stopAfter, Duration parkAfter,
                       double controlRate, Duration telemetryInterval, double deadband) {
  }

  /** The bounds of the reconnection backoff. */
  public record Reconnect(Duration initial, Duration max) {
  }

  /**
   * The agent's front door: TCP ports speaking Hamlib's {@code rotctld} and {@code rigctld}
   * protocols, so local programs can share the station's devices through the agent.
   *
   * @param host the address the ports listen on, the loopback address unless configured
   * @param rotatorPort the rotator's port ({@code 0} picks a free one), or {@code null} for none
   * @param radioPort the radio's port ({@code 0} picks a free one), or {@code null} for none
   * @param idleRelease how long a local program may stay silent before its lock is released
   */
  public record FrontDoor(String host, Integer rotatorPort, Integer radioPort,
                          Duration idleRelease) {

    @Override
    public String toString() {
      return host + (rotatorPort == null ? "" : ", rotator port " + rotatorPort)
          + (radioPort == null ? "" : ", radio port " + radioPort) + ", idle release "
          + Durations.format(idleRelease);
    }
  }

  /**
   * Reads and checks a configuration; {@code keyFile} is read here.
   *
   * @throws AgentConfigException listing every problem found, each naming the field, the value and
   *     what is allowed
   */
  public static AgentConfig fromJson(JsonObject json) {
    ConfigReader reader = new ConfigReader();
    reader.onlyKnown(json, "", Set.of("server", "stationId", "org", "key", "keyFile", "trustedCa",
        "pluginsDir", "devices", "limits", "safety", "reconnect", "frontDoor"));
    Server server = server(reader, json);
    String stationId = stationId(reader, json);
    String org = org(reader, json);
    String key = key(reader, json);
    Path trustedCa = trustedCa(reader, json, server);
    Path pluginsDir = Path.of(reader.text(json, "pluginsDir", "", "plugins", "a folder path"));
    Devices devices = devices(reader, json);
    Limits limits = limits(reader, json, devices != null && devices.rotator() != null);
    Safety safety = safety(reader, json);
    Reconnect reconnect = reconnect(reader, json);
    FrontDoor frontDoor = frontDoor(reader, json, devices);
    if (!reader.problems().isEmpty()) {
      throw new AgentConfigException(reader.problems());
    }
    return new AgentConfig(server, stationId, org, key, trustedCa, pluginsDir, devices, limits,
        safety, reconnect, frontDoor);
  }

  /** One line for logs: everything but the key. */
  public String summary() {
    StringBuilder summary = new StringBuilder()
        .append("server: ").append(server)
        .append(", station: ").append(stationId)
        .append(", org: ").append(org);
    if (devices.rotator() != null) {
      summary.append(", rotator: ").append(devices.rotator().driver());
    }
    if (devices.radio() != null) {
      summary.append(", radio: ").append(devices.radio().driver());
    }
    summary.append(", plugins: ").append(pluginsDir);
    if (frontDoor != null) {
      summary.append(", front door: ").append(frontDoor);
    }
    return summary.toString();
  }

  @Override
  public String toString() {
    return "AgentConfig[" + summary() + ", key: ***, trustedCa: " + trustedCa + ", limits: "
        + limits + ", safety: " + safety + ", reconnect: " + reconnect + "]";
  }

  private static FrontDoor frontDoor(ConfigReader reader, JsonObject json, Devices devices) {
    if (json.getValue("frontDoor") == null) {
      return null;
    }
    JsonObject door = reader.object(json, "frontDoor", "");
    if (door == null) {
      return null;
    }
    reader.onlyKnown(door, "frontDoor", Set.of("host", "rotator", "radio", "idleRelease"));
    String allowedHost = "an IP address or host name to listen on, such as 127.0.0.1";
    String host = reader.text(door, "host", "frontDoor", "127.0.0.1", allowedHost);
    if (!HOST.matcher(host).matches()) {
      reader.problem("frontDoor.host", host, allowedHost);
    }
    Integer rotatorPort = frontDoorPort(reader, door, "rotator",
        devices != null && devices.rotator() != null);
    Integer radioPort = frontDoorPort(reader, door, "radio",
        devices != null && devices.radio() != null);
    if (door.getValue("rotator") == null && door.getValue("radio") == null) {
      reader.problem("frontDoor", door.encode(), "a port for the rotator, the radio or both, such"
          + " as {\"rotator\": {\"port\": 4533}, \"radio\": {\"port\": 4532}}");
    }
    if (rotatorPort != null && rotatorPort != 0 && rotatorPort.equals(radioPort)) {
      reader.problem("frontDoor.radio.port", radioPort, "a port other than frontDoor.rotator.port ("
          + rotatorPort + ")");
    }
    Duration idleRelease = reader.duration(door, "idleRelease", "frontDoor", Duration.ofSeconds(30),
        Duration.ofMillis(100), Duration.ofHours(1));
    return new FrontDoor(host, rotatorPort, radioPort, idleRelease);
  }

  /** The port of one device's front door, or {@code null} when absent or after a problem. */
  private static Integer frontDoorPort(ConfigReader reader, JsonObject door, String kind,
                                       boolean configured) {
    if (door.getValue(kind) == null) {
      return null;
    }
    String path = "frontDoor." + kind;
    JsonObject device = reader.object(door, kind, "frontDoor");
    if (device == null) {
      return null;
    }
    reader.onlyKnown(device, path, Set.of("port"));
    if (device.getValue("port") == null) {
      reader.problem(path + ".port", null, "a TCP port from 0 (any free port) to 65535, such as "
          + (kind.equals("rotator") ? "4533" : "4532"));
      return null;
    }
    Long port = reader.whole(device, "port", path, 0, 65_535);
    if (port != null && !configured) {
      reader.problem(path, device.encode(), "a front door only for a configured device; add"
          + " devices." + kind + " or remove " + path);
      return null;
    }
    return port == null ? null : port.intValue();
  }

  private static String org(ConfigReader reader, JsonObject json) {
    String allowed = "an organisation slug: 1 to 40 lowercase letters, digits or '-', not starting"
        + " or ending with '-'";
    String org = reader.text(json, "org", "", null, allowed);
    if (org != null && !SLUG.matcher(org).matches()) {
      reader.problem("org", org, allowed);
      return null;
    }
    return org;
  }

  private static Server server(ConfigReader reader, JsonObject json) {
    String allowed = "mqtt://host:port or mqtts://host:port";
    String text = reader.text(json, "server", "", null, allowed);
    if (text == null) {
      return null;
    }
    Matcher matcher = SERVER.matcher(text);
    if (!matcher.matches()) {
      reader.problem("server", text, allowed);
      return null;
    }
    boolean tls = matcher.group(1).equals("mqtts");
    int port = tls ? 8883 : 1883;
    if (matcher.group(3) != null) {
      port = Integer.parseInt(matcher.group(3));
      if (port < 1 || port > 65_535) {
        reader.problem("server", text, allowed + " with a port from 1 to 65535");
        return null;
      }
    }
    String host = matcher.group(2);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Server(tls, host, port);
  }

  private static String stationId(ConfigReader reader, JsonObject json) {
    String allowed = "the station's id, a UUID such as 0b6f1d8e-3c2a-4f7e-9a51-2d4c8e7f6a10";
    String text = reader.text(json, "stationId", "", null, allowed);
    if (text == null) {
      return null;
    }
    if (!UUID_SHAPE.matcher(text).matches()) {
      reader.problem("stationId", text, allowed);
      return null;
    }
    return text.toLowerCase(Locale.ROOT);
  }

  private static String key(ConfigReader reader, JsonObject json) {
    Object inline = json.getValue("key");
    Object file = json.getValue("keyFile");
    if (inline != null && file != null) {
      reader.problem("key", "***", "either key or keyFile, not both");
      return null;
    }
    if (inline == null && file == null) {
      reader.problem("key", null, "the station's key inline (key) or in a file (keyFile)");
      return null;
    }
    if (inline != null) {
      if (!(inline instanceof String text) || text.isBlank() || text.length() > MAX_KEY_LENGTH) {
        reader.problem("key", "***", "a text of 1 to " + MAX_KEY_LENGTH + " characters");
        return null;
      }
      return text.trim();
    }
    String allowed = "a readable file holding the station's key (1 to " + MAX_KEY_LENGTH
        + " characters)";
    if (!(file instanceof String path) || path.isBlank()) {
      reader.problem("keyFile", file, allowed);
      return null;
    }
    try {
      String key = Files.readString(Path.of(path), StandardCharsets.UTF_8).trim();
      if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.contains("\n")) {
        reader.problem("keyFile", path, allowed + " on one line");
        return null;
      }
      return key;
    } catch (IOException | RuntimeException e) {
      reader.problem("keyFile", path, allowed + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private static Path trustedCa(ConfigReader reader, JsonObject json, Server server) {
    if (json.getValue("trustedCa") == null) {
      return null;
    }
    String allowed = "a readable PEM file of CA certificates, with an mqtts:// server";
    String text = reader.text(json, "trustedCa", "", null, allowed);
    if (text == null) {
      return null;
    }
    Path path = Path.of(text);
    if (server != null && !server.tls()) {
      reader.problem("trustedCa", text, "only with an mqtts:// server (server is " + server + ")");
      return null;
    }
    try {
      String pem = Files.readString(path, StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
        reader.problem("trustedCa", text, allowed + " (the file holds no certificate)");
        return null;
      }
      return path;
    } catch (IOException | RuntimeException e) {
      reader.problem("trustedCa", text, allowed + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private static Devices devices(ConfigReader reader, JsonObject json) {
    JsonObject devices = reader.object(json, "devices", "");
    if (devices == null) {
      return null;
    }
    reader.onlyKnown(devices, "devices", Set.of("rotator", "radio"));
    if (devices.getValue("rotator") == null && devices.getValue("radio") == null) {
      reader.problem("devices", null, "a rotator, a radio or both, each as "
          + "{\"driver\": name, \"options\": {…}}");
      return null;
    }
    return new Devices(device(reader, devices, "rotator"), device(reader, devices, "radio"));
  }

  private static DeviceConfig device(ConfigReader reader, JsonObject devices, String kind) {
    if (devices.getValue(kind) == null) {
      return null;
    }
    String path = "devices." + kind;
    JsonObject device = reader.object(devices, kind, "devices");
    if (device == null) {
      return null;
    }
    reader.onlyKnown(device, path, Set.of("driver", "options"));
    String driver = reader.text(device, "driver", path, null, "the name of a driver plugin");
    JsonObject options = reader.object(device, "options", path);
    Map<String, String> values = new LinkedHashMap<>();
    if (options != null) {
      for (Map.Entry<String, Object> option : options) {
        Object value = option.getValue();
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
          values.put(option.getKey(), String.valueOf(value));
        } else {
          reader.problem(path + ".options." + option.getKey(), value,
              "a text, a number or true/false");
        }
      }
    }
    return driver == null ? null : new DeviceConfig(driver, values);
  }

  private static Limits limits(ConfigReader reader, JsonObject json, boolean hasRotator) {
    JsonObject limits = reader.object(json, "limits", "");
    if (limits == null) {
      return null;
    }
    reader.onlyKnown(limits, "limits", Set.of("azimuthMin", "azimuthMax", "elevationMin",
        "elevationMax", "parkAzimuth", "parkElevation", "minFrequencyHz", "maxFrequencyHz"));
    Range azimuth = range(reader, limits, "azimuth", hasRotator ? null : new Range(0, 360), -180,
        540);
    Range elevation = range(reader, limits, "elevation", hasRotator ? null : new Range(0, 90), -90,
        180);
    Double parkAzimuth = park(reader, limits, "azimuth", azimuth, hasRotator ? null : 0.0, -180,
        540);
    Double parkElevation = park(reader, limits, "elevation", elevation, hasRotator ? null : 90.0,
        -90, 180);
    Long minHz = reader.whole(limits, "minFrequencyHz", "limits", 1, 300_000_000_000L);
    Long maxHz = reader.whole(limits, "maxFrequencyHz", "limits", 1, 300_000_000_000L);
    if (minHz != null && maxHz != null && minHz >= maxHz) {
      reader.problem("limits.maxFrequencyHz", maxHz, "a frequency above limits.minFrequencyHz ("
          + minHz + ")");
    }
    if (azimuth == null || elevation == null || parkAzimuth == null || parkElevation == null) {
      return null;
    }
    return new Limits(azimuth.min(), azimuth.max(), elevation.min(), elevation.max(), parkAzimuth,
        parkElevation, minHz, maxHz);
  }

  /** The range {@code [axisMin, axisMax]}, or {@code null} after a problem. */
  private static Range range(ConfigReader reader, JsonObject limits, String axis, Range fallback,
                             double lowest, double highest) {
    Double min = reader.number(limits, axis + "Min", "limits",
        fallback == null ? null : fallback.min(), lowest, highest);
    Double max = reader.number(limits, axis + "Max", "limits",
        fallback == null ? null : fallback.max(), lowest, highest);
    if (min == null || max == null) {
      return null;
    }
    if (min >= max) {
      reader.problem("limits." + axis + "Max", max, "a number above limits." + axis + "Min ("
          + ConfigReader.plain(min) + ")");
      return null;
    }
    return new Range(min, max);
  }

  /** The park angle of an axis, within the axis's range when that is known, or {@code null}. */
  private static Double park(ConfigReader reader, JsonObject limits, String axis, Range range,
                             Double fallback, double lowest, double highest) {
    String field = "park" + Character.toUpperCase(axis.charAt(0)) + axis.substring(1);
    Double angle = reader.number(limits, field, "limits", fallback, lowest, highest);
    if (angle != null && range != null && !range.contains(angle)) {
      reader.problem("limits." + field, angle, "a number within the " + axis + " limits " + range);
      return null;
    }
    return angle;
  }

  private static Safety safety(ConfigReader reader, JsonObject json) {
    JsonObject safety = reader.object(json, "safety", "");
    if (safety == null) {
      return null;
    }
    reader.onlyKnown(safety, "safety", Set.of("staleAfter", "stopAfter", "parkAfter",
        "controlRate", "telemetryInterval", "deadband"));
    Duration staleAfter = reader.duration(safety, "staleAfter", "safety", Duration.ofSeconds(3),
        Duration.ofMillis(100), Duration.ofMinutes(1));
    Duration stopAfter = reader.duration(safety, "stopAfter", "safety", Duration.ofSeconds(2),
        Duration.ofMillis(100), Duration.ofMinutes(5));
    Duration parkAfter = reader.duration(safety, "parkAfter", "safety", Duration.ofSeconds(60),
        Duration.ofMillis(200), Duration.ofHours(1));
    double controlRate = reader.number(safety, "controlRate", "safety", 5.0, 0.2, 50);
    Duration telemetry = reader.duration(safety, "telemetryInterval", "safety",
        Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMinutes(1));
    double deadband = reader.number(safety, "deadband", "safety", 0.1, 0, 10);
    if (parkAfter != null && stopAfter != null && parkAfter.compareTo(stopAfter) <= 0) {
      reader.problem("safety.parkAfter", Durations.format(parkAfter),
          "a duration longer than safety.stopAfter (" + Durations.format(stopAfter) + ")");
    }
    return new Safety(staleAfter, stopAfter, parkAfter, controlRate, telemetry, deadband);
  }

  private static Reconnect reconnect(ConfigReader reader, JsonObject json) {
    JsonObject reconnect = reader.object(json, "reconnect", "");
    if (reconnect == null) {
      return null;
    }
    reader.onlyKnown(reconnect, "reconnect", Set.of("initial", "max"));
    Duration initial = reader.duration(reconnect, "initial", "reconnect", Duration.ofSeconds(1),
        Duration.ofMillis(10), Duration.ofMinutes(5));
    Duration max = reader.duration(reconnect, "max", "reconnect", Duration.ofSeconds(30),
        Duration.ofMillis(10), Duration.ofHours(1));
    if (max != null && initial != null && max.compareTo(initial) < 0) {
      reader.problem("reconnect.max", Durations.format(max),
          "a duration no shorter than reconnect.initial (" + Durations.format(initial) + ")");
    }
    return new Reconnect(initial, max);
  }
}
