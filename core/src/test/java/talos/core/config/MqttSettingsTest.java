package talos.core.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import talos.core.support.TestConfigs;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies the MQTT gateway's settings: listeners, TLS files and the production rule. */
class MqttSettingsTest {

  private static final JsonObject PRODUCTION = new JsonObject()
      .put("TALOS_MODE", "production")
      .put("TALOS_SECRET_KEY", "k7Qw9zX2mP4vR8tY1uI6oA3sD5fG0hJ-")
      .put("TALOS_PUBLIC_URL", "https://talos.example.org")
      .put("TALOS_SMTP_HOST", "smtp.example.org");

  @TempDir
  Path folder;

  @Test
  void testTheDefaultsListenOnLoopbackWithoutTls() {
    CoreConfig.Mqtt mqtt = CoreConfig.from(TestConfigs.defaults()).mqtt();

    assertThat(mqtt.host()).isEqualTo("127.0.0.1");
    assertThat(mqtt.port()).isEqualTo(1883);
    assertThat(mqtt.tls()).isEmpty();
    assertThat(mqtt.maxMessageBytes()).isEqualTo(65536);
    assertThat(mqtt.messageRate()).isEqualTo(50);
    assertThat(mqtt.maxKeepAlive()).isEqualTo(300);
  }

  @Test
  void testProductionRefusesAPlainListenerOnAPublicAddress() {
    JsonObject settings = PRODUCTION.copy().put("TALOS_MQTT_HOST", "0.0.0.0");

    assertThatThrownBy(() -> TestConfigs.with(settings))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
            .asString().startsWith("TALOS_MQTT_PORT (mqtt.port): a plain MQTT listener on '0.0.0.0'"
                + " is not allowed in production"));
    assertThat(TestConfigs.with(settings.copy().put("TALOS_MQTT_ALLOW_PLAIN", "true")).mqtt()
        .allowPlain()).isTrue();
    assertThat(TestConfigs.with(PRODUCTION).mqtt().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void testProductionAcceptsTlsOnlyOnAPublicAddress() throws Exception {
    Path certificate = Files.writeString(folder.resolve("server.pem"), "certificate");
    Path key = Files.writeString(folder.resolve("server.key"), "key");

    CoreConfig.Mqtt mqtt = TestConfigs.with(PRODUCTION.copy().put("TALOS_MQTT_HOST", "0.0.0.0")
        .put("TALOS_MQTT_PORT", "-1").put("TALOS_MQTT_TLS_CERT", certificate.toString())
        .put("TALOS_MQTT_TLS_KEY", key.toString())).mqtt();

    assertThat(mqtt.plainEnabled()).isFalse();
    assertThat(mqtt.tls()).contains(new CoreConfig.Tls(certificate, key));
  }

  @Test
  void testTlsNeedsBothReadableFilesAndSomeListenerMustRun() {
    JsonObject certificateOnly = new JsonObject().put("TALOS_MQTT_TLS_CERT", "/nonexistent/cert.pem");
    JsonObject noListener = new JsonObject().put("TALOS_MQTT_PORT", "-1");

    assertThatThrownBy(() -> TestConfigs.with(certificateOnly))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "TALOS_MQTT_TLS_KEY (mqtt.tlsKey): is missing; TLS needs both TALOS_MQTT_TLS_CERT and"
                + " TALOS_MQTT_TLS_KEY, or neither to run without TLS"));
    assertThatThrownBy(() -> TestConfigs.with(certificateOnly.copy()
        .put("TALOS_MQTT_TLS_KEY", folder.toString())))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "TALOS_MQTT_TLS_CERT (mqtt.tlsCert): '/nonexistent/cert.pem' is not a readable file;"
                + " allowed: a PEM file",
            "TALOS_MQTT_TLS_KEY (mqtt.tlsKey): '" + folder + "' is not a readable file; allowed: a"
                + " PEM file"));
    assertThatThrownBy(() -> TestConfigs.with(noListener))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TALOS_MQTT_PORT (mqtt.port):"
            + " '-1' turns the plain listener off, and no TLS certificate is set");
  }

  @Test
  void testLoopbackAddressesAreRecognisedWithoutAResolver() {
    assertThat(CoreConfig.isLoopback("127.0.0.1")).isTrue();
    assertThat(CoreConfig.isLoopback("localhost")).isTrue();
    assertThat(CoreConfig.isLoopback("[::1]")).isTrue();
    assertThat(CoreConfig.isLoopback("0.0.0.0")).isFalse();
    assertThat(CoreConfig.isLoopback("192.0.2.1")).isFalse();
  }
}
