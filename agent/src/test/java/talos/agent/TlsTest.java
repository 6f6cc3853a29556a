package talos.agent;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent over mqtts://: it connects only to a server it trusts, under the name it dialled. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {

  @TempDir
  Path folder;

  private Vertx vertx;
  private FakeCore core;
  private StationAgent agent;
  private TestCertificates.Authority authority;

  @BeforeEach
  void createAuthority() throws Exception {
    vertx = Vertx.vertx();
    authority = TestCertificates.authority(folder, "station-ca");
  }

  @AfterEach
  void stopAll() throws Exception {
    if (agent != null) {
      agent.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (core != null) {
      core.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** With the server's CA as trustedCa, the agent connects over TLS. */
  @Test
  void connectsToAServerSignedByTheTrustedCa() throws Exception {
    // GIVEN a TLS server whose certificate the station's CA signed for localhost
    startCore(TestCertificates.server(folder, authority, "localhost"));

    // WHEN the agent starts trusting that CA
    agent = startAgent(authority.pem());

    // THEN it connects and subscribes
    await().atMost(Duration.ofSeconds(15)).until(() -> agent.isConnected()
        && !core.subscriptions().isEmpty());
    assertThat(agent.connectionProblem()).isEmpty();
  }

  /** With another CA as trustedCa, the agent refuses the server and keeps retrying. */
  @Test
  void refusesAServerSignedByAnotherCa() throws Exception {
    // GIVEN a TLS server whose certificate the station's CA signed
    startCore(TestCertificates.server(folder, authority, "localhost"));

    // WHEN the agent starts trusting another CA
    TestCertificates.Authority other = TestCertificates.authority(folder, "other-ca");
    agent = startAgent(other.pem());

    // THEN the handshake fails, the agent says why, and no MQTT connection is made
    assertRefused();
  }

  /** Without trustedCa the JVM's trust store applies, which does not know a private CA. */
  @Test
  void refusesAServerOfAPrivateCaWithoutTrustedCa() throws Exception {
    // GIVEN a TLS server whose certificate a private CA signed
    startCore(TestCertificates.server(folder, authority, "localhost"));

    // WHEN the agent starts with no trustedCa
    agent = startAgent(null);

    // THEN it refuses the server
    assertRefused();
  }

  /** A certificate of the trusted CA for another name is refused (hostname verification). */
  @Test
  void refusesACertificateForAnotherName() throws Exception {
    // GIVEN a TLS server whose certificate the trusted CA signed for another host name
    startCore(TestCertificates.server(folder, authority, "core.example.org"));

    // WHEN the agent dials localhost, trusting that CA
    agent = startAgent(authority.pem());

    // THEN it refuses the server
    assertRefused();
  }

  private void assertRefused() {
    await().atMost(Duration.ofSeconds(15)).until(() -> agent.connectionProblem()
        .filter(problem -> problem.contains("TLS handshake failed")).isPresent());
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .until(() -> !agent.isConnected() && core.connects().isEmpty());
  }

  private void startCore(TestCertificates.ServerFiles files) throws Exception {
    MqttServerOptions options = new MqttServerOptions().setHost("localhost").setPort(0);
    options.setSsl(true);
    options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(files.certificate().toString())
        .setKeyPath(files.key().toString()));
    core = new FakeCore(vertx, options);
    core.listen();
  }

  private StationAgent startAgent(Path trustedCa) throws Exception {
    JsonObject json = TestConfigs.station("mqtts://localhost:" + core.port(),
        UUID.randomUUID().toString());
    if (trustedCa != null) {
      json.put("trustedCa", trustedCa.toString());
    }
    AgentConfig config = AgentConfig.fromJson(json);
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(),
        config.pluginsDir());
    return StationAgent.start(vertx, config, registry).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
