package talos.core.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import talos.core.support.TestConfigs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies how settings are read, overridden and refused. */
class CoreConfigTest {

  private static final String STRONG_KEY = "k7Qw9zX2mP4vR8tY1uI6oA3sD5fG0hJ-";

  @Test
  void testShippedDefaultsDescribeADevNodeOnTheEmbeddedDatabase() {
    CoreConfig config = CoreConfig.from(TestConfigs.defaults());

    assertThat(config.mode()).isEqualTo(CoreConfig.Mode.DEV);
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().bodyLimit()).isEqualTo(1024 * 1024);
    assertThat(config.dataDir().toString()).isEqualTo("./data");
    assertThat(config.externalDatabase()).isEmpty();
    assertThat(config.cluster().enabled()).isFalse();
    assertThat(config.features()).containsExactly("node", "auth", "tenancy", "station", "catalog", "tracking",
        "gateway", "campaigns", "scheduler", "director", "streaming", "http");
    assertThat(config.demo()).isFalse();
    assertThat(config.director().rate()).isEqualTo(2);
    assertThat(config.schedule().horizonHours()).isEqualTo(48);
    assertThat(config.schedule().preempt()).isFalse();
  }

  /** The demo adds its feature in dev mode and is refused in production, naming the setting. */
  @Test
  void testTheDemoRunsInDevModeOnly() {
    CoreConfig dev = TestConfigs.with(new JsonObject().put("TALOS_DEMO", "true"));

    assertThat(dev.features()).endsWith("demo");
    assertThatThrownBy(() -> TestConfigs.with(new JsonObject().put("TALOS_DEMO", "true")
        .put("TALOS_MODE", "production").put("TALOS_SECRET_KEY", STRONG_KEY)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_DEMO").hasMessageContaining("dev mode only");
    assertThatThrownBy(() -> TestConfigs.with(new JsonObject().put("TALOS_DEMO", "true")
        .put("TALOS_FEATURES", "node,auth,tenancy,station,catalog,tracking,director,http")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_DEMO").hasMessageContaining("gateway");
  }

  /** A director rate outside 1 to 20 Hz is refused with the allowed range. */
  @Test
  void testTheDirectorRateIsBounded() {
    assertThatThrownBy(() -> TestConfigs.with(new JsonObject().put("TALOS_DIRECTOR_RATE", "50")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_DIRECTOR_RATE").hasMessageContaining("20");
  }

  @Test
  void testEnvironmentVariablesWinOverTheFile() {
    CoreConfig config = TestConfigs.with(new JsonObject()
        .put("TALOS_HTTP_PORT", "9090")
        .put("TALOS_CLUSTER", "TRUE")
        .put("TALOS_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2")
        .put("TALOS_FEATURES", "node")
        .put("TALOS_LOG_FORMAT", "json")
        .put("DATABASE_URL", "postgresql://talos:s%40cret@db.example:6543/talos?sslmode=require"));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.cluster().enabled()).isTrue();
    assertThat(config.cluster().members()).containsExactly("10.0.0.1:5701", "10.0.0.2");
    assertThat(config.features()).containsExactly("node");
    assertThat(config.logFormat()).isEqualTo("json");
    assertThat(config.externalDatabase()).hasValueSatisfying(db -> {
      assertThat(db.host()).isEqualTo("db.example");
      assertThat(db.port()).isEqualTo(6543);
      assertThat(db.password()).isEqualTo("s@cret");
    });
  }

  @Test
  void testEveryBadValueIsReportedAtOnceNamingVariableValueAndAllowedRange() {
    JsonObject bad = new JsonObject()
        .put("TALOS_HTTP_PORT", "80a")
        .put("TALOS_DATABASE_POOL_SIZE", "0")
        .put("TALOS_CLUSTER", "yes")
        .put("TALOS_MODE", "staging");

    assertThatThrownBy(() -> TestConfigs.with(bad))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "TALOS_HTTP_PORT (http.port): '80a' is not an integer; allowed: an integer from 0 to 65535",
            "TALOS_DATABASE_POOL_SIZE (database.poolSize): '0' is out of range; allowed: an integer from 1 to 200",
            "TALOS_CLUSTER (cluster.enabled): 'yes' is not a boolean; allowed: true or false",
            "TALOS_MODE (mode): 'staging' is not allowed; allowed: dev, production"));
  }

  @Test
  void testProductionRefusesAMissingSecretKey() {
    JsonObject file = TestConfigs.defaults().put("mode", "production");
    file.remove("secretKey");

    assertThatThrownBy(() -> CoreConfig.from(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_SECRET_KEY (secretKey): is missing");
  }

  @Test
  void testProductionRefusesTheShippedDefaultKeyWithoutPrintingIt() {
    assertThatThrownBy(() -> TestConfigs.with(new JsonObject().put("TALOS_MODE", "production")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_SECRET_KEY (secretKey): is still the development default")
        .hasMessageNotContaining(CoreConfig.DEV_SECRET_KEY);
  }

  @Test
  void testProductionRefusesAShortKeyWithoutPrintingIt() {
    JsonObject overrides = new JsonObject().put("TALOS_MODE", "production").put("TALOS_SECRET_KEY", "hunter2");

    assertThatThrownBy(() -> TestConfigs.with(overrides))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_SECRET_KEY (secretKey): is 7 characters long; production needs at least 32")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void testProductionStartsWithAStrongKeyHttpsAndSmtp() {
    CoreConfig config = TestConfigs.with(production());

    assertThat(config.isProduction()).isTrue();
    assertThat(config.http().publicHttps()).isTrue();
    assertThat(config.toString()).doesNotContain(STRONG_KEY).doesNotContain("smtp-secret");
  }

  @Test
  void testProductionRefusesPlainHttpAndMissingSmtp() {
    JsonObject settings = production().put("TALOS_PUBLIC_URL", "http://talos.example.org");
    settings.remove("TALOS_SMTP_HOST");

    assertThatThrownBy(() -> TestConfigs.with(settings))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "TALOS_PUBLIC_URL (http.publicUrl): 'http://talos.example.org' is not allowed in production; allowed:"
                + " an https:// URL (put a TLS proxy in front of the server)",
            "TALOS_SMTP_HOST (mail.smtpHost): is missing; production sends sign-in links by SMTP"));
  }

  @Test
  void testThePublicUrlAndOriginsAreChecked() {
    JsonObject bad = new JsonObject()
        .put("TALOS_PUBLIC_URL", "https://talos.example.org/app")
        .put("TALOS_CORS_ORIGINS", "https://ui.example.org,*")
        .put("TALOS_TRUSTED_PROXIES", "10.0.0.1,proxy.example.org");

    assertThatThrownBy(() -> TestConfigs.with(bad))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "TALOS_PUBLIC_URL (http.publicUrl): 'https://talos.example.org/app' is not allowed; allowed:"
                + " http(s)://host[:port] without a path",
            "TALOS_CORS_ORIGINS (http.corsOrigins): '*' is not allowed; each origin is scheme://host[:port]"
                + " without a path, and wildcards are refused",
            "TALOS_TRUSTED_PROXIES (http.trustedProxies): 'proxy.example.org' is not allowed; allowed: IP"
                + " addresses, comma-separated"));
  }

  @Test
  void testAllowedOriginsAreThePublicOriginAndTheCorsOrigins() {
    CoreConfig config = TestConfigs.with(new JsonObject()
        .put("TALOS_PUBLIC_URL", "https://talos.example.org/")
        .put("TALOS_CORS_ORIGINS", "https://ui.example.org, https://talos.example.org"));

    assertThat(config.http().allowedOrigins()).containsExactly("https://talos.example.org", "https://ui.example.org");
  }

  @Test
  void testAnOrekitDataFolderThatIsNotThereIsNamed() {
    assertThatThrownBy(() -> TestConfigs.with(new JsonObject().put("TALOS_OREKIT_DATA", "/no/such/orekit-data")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_OREKIT_DATA (orekitData): '/no/such/orekit-data' is not a folder");
  }

  @Test
  void testUnknownCatalogueSourcesAreRefused() {
    assertThatThrownBy(() -> TestConfigs.with(new JsonObject().put("TALOS_CATALOGUE_SOURCES", "celestrak,spacetrack")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_CATALOGUE_SOURCES (catalogue.sources): 'spacetrack' is not a source;"
            + " allowed: celestrak, satnogs");
  }

  private static JsonObject production() {
    return new JsonObject()
        .put("TALOS_MODE", "production")
        .put("TALOS_SECRET_KEY", STRONG_KEY)
        .put("TALOS_PUBLIC_URL", "https://talos.example.org")
        .put("TALOS_SMTP_HOST", "smtp.example.org")
        .put("TALOS_SMTP_PASSWORD", "smtp-secret");
  }

  @Test
  void testDevModeKeepsTheDefaultKey() {
    assertThat(CoreConfig.from(TestConfigs.defaults()).secretKey()).isEqualTo(CoreConfig.DEV_SECRET_KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:5701-5703", "10.0.0.1-10", "host name", "10.0.0.1:"})
  void testClusterMembersWithRangesOrJunkAreRefused(String member) {
    JsonObject overrides = new JsonObject().put("TALOS_CLUSTER_MEMBERS", new JsonArray().add(member));

    assertThatThrownBy(() -> TestConfigs.with(overrides))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TALOS_CLUSTER_MEMBERS (cluster.members): '" + member + "' is not allowed")
        .hasMessageContaining("without port or address ranges");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "node-2.talos.example:5702", "[::1]:5701", "db-1"})
  void testClusterMembersAsHostOrHostAndPortAreAccepted(String member) {
    CoreConfig config = TestConfigs.with(new JsonObject().put("TALOS_CLUSTER_MEMBERS", member));

    assertThat(config.cluster().members()).containsExactly(member);
  }

  @Test
  void testABadDatabaseUrlIsReportedWithoutItsPassword() {
    JsonObject overrides = new JsonObject().put("DATABASE_URL", "mysql://talos:topsecret@db:3306/talos");

    assertThatThrownBy(() -> TestConfigs.with(overrides))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL (database.url): scheme 'mysql' is not allowed; expected postgresql://")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void testTheSummaryForTheLogHoldsNoSecret() {
    CoreConfig config = TestConfigs.with(new JsonObject()
        .put("DATABASE_URL", "postgresql://talos:topsecret@db:5432/talos")
        .put("TALOS_SECRET_KEY", STRONG_KEY));

    assertThat(config.summary())
        .contains("database: postgresql://talos@db:5432/talos")
        .doesNotContain("topsecret")
        .doesNotContain(STRONG_KEY);
  }
}
