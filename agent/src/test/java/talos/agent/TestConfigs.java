package talos.agent;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Agent configurations for tests: the test driver, short safety timings and fast reconnects. */
final class TestConfigs {

  static final String ORG = "demo";
  static final String KEY = "tsk_test-station-key";

  private TestConfigs() {
  }

  /**
   * A valid configuration for a station on {@code server}, whose rotator and radio are test devices
   * registered under {@code deviceId}.
   */
  static JsonObject station(String server, String deviceId) {
    return new JsonObject()
        .put("server", server)
        .put("stationId", UUID.randomUUID().toString())
        .put("org", ORG)
        .put("key", KEY)
        .put("pluginsDir", "target/no-plugins")
        .put("devices", new JsonObject()
            .put("rotator", new JsonObject().put("driver", "test")
                .put("options", new JsonObject().put("id", deviceId).put("rate", 30)))
            .put("radio", new JsonObject().put("driver", "test")
                .put("options", new JsonObject().put("id", deviceId))))
        .put("limits", new JsonObject()
            .put("azimuthMin", 0).put("azimuthMax", 450)
            .put("elevationMin", 0).put("elevationMax", 90)
            .put("parkAzimuth", 0).put("parkElevation", 90)
            .put("minFrequencyHz", 100_000_000L).put("maxFrequencyHz", 450_000_000L))
        .put("safety", new JsonObject()
            .put("staleAfter", "3s").put("stopAfter", "300ms").put("parkAfter", "1s")
            .put("controlRate", 20).put("telemetryInterval", "200ms").put("deadband", 0.1))
        .put("reconnect", new JsonObject().put("initial", "50ms").put("max", "200ms"));
  }

  /** The same with a plain MQTT server on the loopback interface. */
  static JsonObject station(int port, String deviceId) {
    return station("mqtt://127.0.0.1:" + port, deviceId);
  }
}
