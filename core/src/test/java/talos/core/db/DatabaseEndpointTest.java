package talos.core.db;

import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies the parsing of {@code DATABASE_URL}. */
class DatabaseEndpointTest {

  @Test
  void testAFullUrlIsParsedAndDecoded() {
    DatabaseEndpoint endpoint =
        DatabaseEndpoint.parse("postgresql://ops%2Bta:p%3Ass@db.example:6000/ground?sslmode=verify-full");

    assertThat(endpoint.host()).isEqualTo("db.example");
    assertThat(endpoint.port()).isEqualTo(6000);
    assertThat(endpoint.database()).isEqualTo("ground");
    assertThat(endpoint.user()).isEqualTo("ops+ta");
    assertThat(endpoint.password()).isEqualTo("p:ss");
    assertThat(endpoint.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6000/ground");
    assertThat(endpoint.jdbcProperties().getProperty("sslmode")).isEqualTo("verify-full");
  }

  @Test
  void testThePortDefaultsTo5432AndThePasswordIsNeverShown() {
    DatabaseEndpoint endpoint = DatabaseEndpoint.parse("postgres://talos:secret@db/talos");

    assertThat(endpoint.port()).isEqualTo(5432);
    assertThat(endpoint.toString()).isEqualTo("postgresql://talos@db:5432/talos").doesNotContain("secret");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://u:secret@db/talos            | scheme 'http' is not allowed",
      "postgresql://u:secret@/talos        | has no host",
      "postgresql://u:secret@db            | has no database name",
      "postgresql://u:secret@db/talos?sslmode=always | sslmode 'always' is not allowed",
      "postgresql://u:secret@db/a b        | is not a URL"})
  void testBadUrlsAreRefusedWithoutShowingThePassword(String url, String expected) {
    assertThatThrownBy(() -> DatabaseEndpoint.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining("secret");
  }
}
