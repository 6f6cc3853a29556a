package talos.core.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies the embedded server: data kept across restarts, one core per data folder, migrations. */
@Timeout(120)
class EmbeddedDatabaseTest {

  @TempDir
  Path dataDir;

  @Test
  void testDataAndMigrationHistorySurviveARestart() throws Exception {
    try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir)) {
      assertThat(Migrations.apply(first.endpoint())).isEqualTo("6");
      execute(first.endpoint(), "INSERT INTO audit_log (actor, action) VALUES ('test', 'test.kept')");
    }
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    assertThat(Files.readString(dataDir.resolve("postgres.log"))).contains("database system is ready");

    try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir)) {
      assertThat(Migrations.apply(second.endpoint())).isEqualTo("6");
      assertThat(count(second.endpoint(), "SELECT count(*) FROM flyway_schema_history")).isEqualTo(6);
      assertThat(count(second.endpoint(), "SELECT count(*) FROM audit_log WHERE action = 'test.kept'")).isEqualTo(1);
    }
  }

  @Test
  void testASecondCoreOnTheSameDataFolderIsRefused() throws Exception {
    try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("is in use by another running core")
          .hasMessageContaining("TALOS_DATA_DIR");

      // the running server is untouched
      assertThat(count(running.endpoint(), "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void testTheServerListensOnLoopbackOnly() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
         Connection connection = connect(database.endpoint());
         ResultSet rows = connection.createStatement().executeQuery("SHOW listen_addresses")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("127.0.0.1");
      assertThat(database.endpoint().host()).isEqualTo("127.0.0.1");
    }
  }

  private static void execute(DatabaseEndpoint endpoint, String sql) throws SQLException {
    try (Connection connection = connect(endpoint)) {
      connection.createStatement().execute(sql);
    }
  }

  private static long count(DatabaseEndpoint endpoint, String sql) throws SQLException {
    try (Connection connection = connect(endpoint); ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Connection connect(DatabaseEndpoint endpoint) throws SQLException {
    return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.jdbcProperties());
  }
}
