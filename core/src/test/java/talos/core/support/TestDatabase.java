package talos.core.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One embedded PostgreSQL server for the whole test JVM, in which every test gets a database of its
 * own, so tests never see each other's rows. The server stops when the JVM exits.
 */
public final class TestDatabase {

  private static EmbeddedPostgres server;

  private TestDatabase() {
  }

  /** Creates an empty database and returns its {@code DATABASE_URL}. */
  public static synchronized String newDatabaseUrl() {
    String name = "test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = server().getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return "postgresql://postgres@127.0.0.1:" + server().getPort() + "/" + name;
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
    }
    return server;
  }
}
