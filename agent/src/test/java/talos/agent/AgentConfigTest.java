package talos.agent;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading and checking the agent's configuration. */
class AgentConfigTest {

  @TempDir
  Path folder;

  /** A complete configuration is read field by field, with its durations and options. */
  @Test
  void readsACompleteConfiguration() {
    // GIVEN a configuration with every field set
    JsonObject json = TestConfigs.station("mqtts://core.example.org:8884", "r1");
    json.getJsonObject("devices").getJsonObject("rotator").getJsonObject("options")
        .put("verbose", true);

    // WHEN it is read
    AgentConfig config = AgentConfig.fromJson(json.put("stationId",
        "0B6F1D8E-3C2A-4F7E-9A51-2D4C8E7F6A10"));

    // THEN every field has the value written, the station id in lowercase
    assertThat(config.server()).isEqualTo(new AgentConfig.Server(true, "core.example.org", 8884));
    assertThat(config.server()).hasToString("mqtts://core.example.org:8884");
    assertThat(config.stationId()).isEqualTo("0b6f1d8e-3c2a-4f7e-9a51-2d4c8e7f6a10");
    assertThat(config.org()).isEqualTo("demo");
    assertThat(config.key()).isEqualTo(TestConfigs.KEY);
    assertThat(config.devices().rotator().driver()).isEqualTo("test");
    assertThat(config.devices().rotator().options())
        .containsExactlyInAnyOrderEntriesOf(Map.of("id", "r1", "rate", "30", "verbose", "true"));
    assertThat(config.limits().azimuth().max()).isEqualTo(450);
    assertThat(config.limits().park().elevation()).isEqualTo(90);
    assertThat(config.limits().maxFrequencyHz()).isEqualTo(450_000_000L);
    assertThat(config.safety().stopAfter()).isEqualTo(Duration.ofMillis(300));
    assertThat(config.safety().controlRate()).isEqualTo(20);
    assertThat(config.reconnect().max()).isEqualTo(Duration.ofMillis(200));
  }

  /** Safety, reconnection and plugins have defaults; a radio-only station needs no limits. */
  @Test
  void appliesDefaults() {
    // GIVEN a minimal radio-only configuration
    JsonObject json = new JsonObject().put("server", "mqtt://127.0.0.1")
        .put("stationId", "0b6f1d8e-3c2a-4f7e-9a51-2d4c8e7f6a10").put("org", "oxford-rf")
        .put("key", "k").put("devices", new JsonObject().put("radio",
            new JsonObject().put("driver", "test")));

    // WHEN it is read
    AgentConfig config = AgentConfig.fromJson(json);

    // THEN the defaults apply
    assertThat(config.server().port()).isEqualTo(1883);
    assertThat(config.pluginsDir()).isEqualTo(Path.of("plugins"));
    assertThat(config.devices().rotator()).isNull();
    assertThat(config.devices().radio().options()).isEmpty();
    assertThat(config.safety()).isEqualTo(new AgentConfig.Safety(Duration.ofSeconds(3),
        Duration.ofSeconds(2), Duration.ofSeconds(60), 5, Duration.ofSeconds(1), 0.1));
    assertThat(config.reconnect()).isEqualTo(new AgentConfig.Reconnect(Duration.ofSeconds(1),
        Duration.ofSeconds(30)));
    assertThat(AgentConfig.fromJson(json.put("server", "mqtts://[::1]")).server())
        .isEqualTo(new AgentConfig.Server(true, "::1", 8883));
  }

  /** Every problem is reported at once, each naming the field, the value and what is allowed. */
  @Test
  void reportsEveryProblemAtOnce() {
    // GIVEN a configuration with many mistakes
    JsonObject json = TestConfigs.station("http://core:1883", "r1")
        .put("stationId", "station-7")
        .put("org", "Oxford RF")
        .put("color", "blue");
    json.getJsonObject("limits").put("azimuthMax", 600).put("parkElevation", 95);
    json.getJsonObject("safety").put("stopAfter", "2 seconds").put("controlRate", 0);

    // WHEN it is read
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> AgentConfig.fromJson(json));

    // THEN each mistake is one problem line naming field, value and what is allowed
    assertThat(failure.problems()).containsExactlyInAnyOrder(
        "color: unknown field; allowed fields: devices, frontDoor, key, keyFile, limits, org,"
            + " pluginsDir, reconnect, safety, server, stationId, trustedCa",
        "server: 'http://core:1883' is not allowed; allowed: mqtt://host:port or mqtts://host:port",
        "stationId: 'station-7' is not allowed; allowed: the station's id, a UUID such as"
            + " 0b6f1d8e-3c2a-4f7e-9a51-2d4c8e7f6a10",
        "org: 'Oxford RF' is not allowed; allowed: an organisation slug: 1 to 40 lowercase"
            + " letters, digits or '-', not starting or ending with '-'",
        "limits.azimuthMax: 600 is not allowed; allowed: a number from -180 to 540",
        "limits.parkElevation: 95.0 is not allowed; allowed: a number within the elevation limits"
            + " [0, 90]",
        "safety.stopAfter: '2 seconds' is not allowed; allowed: a duration such as 250ms, 5s, 2m"
            + " or 1h, from 100ms to 5m",
        "safety.controlRate: 0 is not allowed; allowed: a number from 0.2 to 50");
    assertThat(failure.getMessage()).startsWith("invalid agent configuration:\n  - ");
  }

  /** Missing required fields are each reported. */
  @Test
  void reportsMissingFields() {
    // GIVEN an empty configuration
    // WHEN it is read
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> AgentConfig.fromJson(new JsonObject()));

    // THEN every required field is named
    assertThat(failure.problems()).hasSize(5).allSatisfy(problem -> assertThat(problem)
        .contains(" is missing; allowed: "));
    assertThat(String.join("\n", failure.problems())).contains("server", "stationId", "org",
        "key", "devices");
  }

  /** A rotator needs its limits; the range and park position are checked against each other. */
  @Test
  void requiresConsistentLimitsForARotator() {
    // GIVEN a rotator with inverted azimuth limits and no park position
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("limits").put("azimuthMin", 360).put("azimuthMax", 0)
        .remove("parkAzimuth");

    // WHEN it is read
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> AgentConfig.fromJson(json));

    // THEN both problems are named
    assertThat(failure.problems()).containsExactlyInAnyOrder(
        "limits.parkAzimuth is missing; allowed: a number from -180 to 540",
        "limits.azimuthMax: 0.0 is not allowed; allowed: a number above limits.azimuthMin (360)");
  }

  /** The server must be an mqtt:// or mqtts:// address with a valid port. */
  @ParameterizedTest
  @ValueSource(strings = {"tcp://core:1883", "mqtt//core", "mqtt://", "mqtt://core:0",
      "mqtt://core:70000", "mqtt://core:port"})
  void refusesABadServer(String server) {
    // GIVEN a configuration naming a bad server
    JsonObject json = TestConfigs.station(server, "r1");

    // WHEN it is read
    // THEN the server is named with the value and the allowed forms
    assertThatThrownBy(() -> AgentConfig.fromJson(json))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("server: '" + server + "' is not allowed; allowed: mqtt://host:port"
            + " or mqtts://host:port");
  }

  /** The key comes from a file when keyFile is given, and never shows in messages or toString. */
  @Test
  void readsTheKeyFromAFileAndNeverShowsIt() throws Exception {
    // GIVEN a key file
    Path keyFile = Files.writeString(folder.resolve("station.key"), "tsk_from-file\n");
    JsonObject json = TestConfigs.station(1883, "r1");
    json.remove("key");

    // WHEN the configuration names it
    AgentConfig config = AgentConfig.fromJson(json.put("keyFile", keyFile.toString()));

    // THEN the key is the file's first line, hidden from toString
    assertThat(config.key()).isEqualTo("tsk_from-file");
    assertThat(config.toString()).doesNotContain("tsk_from-file").contains("key: ***");
    // AND a key given both ways is refused without showing it
    assertThatThrownBy(() -> AgentConfig.fromJson(json.put("key", "tsk_secret")))
        .hasMessageContaining("key: '***' is not allowed; allowed: either key or keyFile, not both")
        .hasMessageNotContaining("tsk_secret");
  }

  /** A key file that cannot be read is refused naming the file. */
  @Test
  void refusesAMissingKeyFile() {
    // GIVEN a configuration naming a key file that does not exist
    JsonObject json = TestConfigs.station(1883, "r1");
    json.remove("key");
    String missing = folder.resolve("missing.key").toString();

    // WHEN it is read
    // THEN the file is named with what is allowed
    assertThatThrownBy(() -> AgentConfig.fromJson(json.put("keyFile", missing)))
        .hasMessageContaining("keyFile: '" + missing + "' is not allowed; allowed: a readable file"
            + " holding the station's key");
  }

  /** trustedCa must be a PEM certificate file and goes only with mqtts://. */
  @Test
  void checksTheTrustedCa() throws Exception {
    // GIVEN a file that holds no certificate, and a plain server
    Path notPem = Files.writeString(folder.resolve("ca.txt"), "hello");
    Path pem = Files.writeString(folder.resolve("ca.pem"),
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    // WHEN they are configured
    // THEN each mistake is named
    assertThatThrownBy(() -> AgentConfig.fromJson(TestConfigs.station("mqtts://core", "r1")
        .put("trustedCa", notPem.toString())))
        .hasMessageContaining("trustedCa: '" + notPem + "' is not allowed")
        .hasMessageContaining("the file holds no certificate");
    assertThatThrownBy(() -> AgentConfig.fromJson(TestConfigs.station("mqtt://core", "r1")
        .put("trustedCa", pem.toString())))
        .hasMessageContaining("allowed: only with an mqtts:// server (server is"
            + " mqtt://core:1883)");
    assertThat(AgentConfig.fromJson(TestConfigs.station("mqtts://core", "r1")
        .put("trustedCa", pem.toString())).trustedCa()).isEqualTo(pem);
  }

  /** parkAfter must be longer than stopAfter, and reconnect.max no shorter than initial. */
  @Test
  void checksTimingsAgainstEachOther() {
    // GIVEN a park sooner than the stop, and a backoff ceiling below its start
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("safety").put("stopAfter", "5s").put("parkAfter", "2s");
    json.getJsonObject("reconnect").put("initial", "2m").put("max", "30s");

    // WHEN it is read
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> AgentConfig.fromJson(json));

    // THEN both are named
    assertThat(failure.problems()).containsExactlyInAnyOrder(
        "safety.parkAfter: '2s' is not allowed; allowed: a duration longer than safety.stopAfter"
            + " (5s)",
        "reconnect.max: '30s' is not allowed; allowed: a duration no shorter than"
            + " reconnect.initial (2m)");
  }

  /** Devices need a driver, options must be scalars, and at least one device is configured. */
  @Test
  void checksDevices() {
    // GIVEN a rotator without driver and a radio with a nested option
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("devices").getJsonObject("rotator").remove("driver");
    json.getJsonObject("devices").getJsonObject("radio").getJsonObject("options")
        .put("serial", new JsonObject().put("port", "/dev/ttyUSB0"));

    // WHEN it is read
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> AgentConfig.fromJson(json));

    // THEN both are named
    assertThat(failure.problems()).containsExactlyInAnyOrder(
        "devices.rotator.driver is missing; allowed: the name of a driver plugin",
        "devices.radio.options.serial: {\"port\":\"/dev/ttyUSB0\"} is not allowed; allowed: a"
            + " text, a number or true/false");
    // AND no device at all is refused
    assertThatThrownBy(() -> AgentConfig.fromJson(json.put("devices", new JsonObject())))
        .hasMessageContaining("devices is missing; allowed: a rotator, a radio or both");
  }

  /** The front door is off unless configured; its host and idle release have defaults. */
  @Test
  void readsTheFrontDoor() {
    // GIVEN a station without a front door, and the same with ports for both devices
    JsonObject json = TestConfigs.station(1883, "r1");
    JsonObject shared = json.copy().put("frontDoor", new JsonObject()
        .put("rotator", new JsonObject().put("port", 4533))
        .put("radio", new JsonObject().put("port", 4532)));

    // WHEN both are read
    AgentConfig closed = AgentConfig.fromJson(json);
    AgentConfig open = AgentConfig.fromJson(shared);

    // THEN the first has none, the second listens on the loopback address and releases after 30 s
    assertThat(closed.frontDoor()).isNull();
    assertThat(open.frontDoor()).isEqualTo(new AgentConfig.FrontDoor("127.0.0.1", 4533, 4532,
        Duration.ofSeconds(30)));
    assertThat(open.summary()).contains("front door: 127.0.0.1, rotator port 4533, radio port"
        + " 4532, idle release 30s");
    // AND a door for one device, on another address with a short release, reads as written
    shared.put("frontDoor", new JsonObject().put("host", "::1").put("idleRelease", "500ms")
        .put("radio", new JsonObject().put("port", 0)));
    assertThat(AgentConfig.fromJson(shared).frontDoor()).isEqualTo(new AgentConfig.FrontDoor(
        "::1", null, 0, Duration.ofMillis(500)));
  }

  /** Each mistake in the front door is named, with the value and what is allowed. */
  @Test
  void checksTheFrontDoor() {
    // GIVEN a radio-only station whose front door has a bad host, ports, release and field
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("devices").remove("rotator");
    json.put("frontDoor", new JsonObject().put("host", "not a host!").put("speed", 9600)
        .put("rotator", new JsonObject().put("port", 4533))
        .put("radio", new JsonObject().put("port", 70_000).put("vfo", "VFOA"))
        .put("idleRelease", "forever"));

    // WHEN it is read
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> AgentConfig.fromJson(json));

    // THEN every mistake is one problem line
    assertThat(failure.problems()).containsExactlyInAnyOrder(
        "frontDoor.speed: unknown field; allowed fields: host, idleRelease, radio, rotator",
        "frontDoor.host: 'not a host!' is not allowed; allowed: an IP address or host name to"
            + " listen on, such as 127.0.0.1",
        "frontDoor.rotator: '{\"port\":4533}' is not allowed; allowed: a front door only for a"
            + " configured device; add devices.rotator or remove frontDoor.rotator",
        "frontDoor.radio.vfo: unknown field; allowed fields: port",
        "frontDoor.radio.port: 70000 is not allowed; allowed: a whole number from 0 to 65535",
        "frontDoor.idleRelease: 'forever' is not allowed; allowed: a duration such as 250ms, 5s,"
            + " 2m or 1h, from 100ms to 1h");
    // AND a door without ports, or with one port for both devices, is refused
    JsonObject both = TestConfigs.station(1883, "r1");
    assertThatThrownBy(() -> AgentConfig.fromJson(both.put("frontDoor", new JsonObject())))
        .hasMessageContaining("frontDoor: '{}' is not allowed; allowed: a port for the rotator,"
            + " the radio or both");
    assertThatThrownBy(() -> AgentConfig.fromJson(both.put("frontDoor", new JsonObject()
        .put("rotator", new JsonObject().put("port", 4533))
        .put("radio", new JsonObject().put("port", 4533)))))
        .hasMessageContaining("frontDoor.radio.port: 4533 is not allowed; allowed: a port other"
            + " than frontDoor.rotator.port (4533)");
    assertThatThrownBy(() -> AgentConfig.fromJson(both.put("frontDoor", new JsonObject()
        .put("rotator", new JsonObject()))))
        .hasMessageContaining("frontDoor.rotator.port is missing; allowed: a TCP port from 0");
  }

  /** Durations are read in milliseconds, seconds, minutes or hours, and nothing else. */
  @Test
  void readsDurations() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse(" 5s ")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThatThrownBy(() -> Durations.parse("5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.parse("PT5S")).isInstanceOf(IllegalArgumentException.class);
  }
}
