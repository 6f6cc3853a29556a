package talos.core.support;

import io.vertx.core.json.JsonObject;
import talos.core.CoreNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A whole core node for API tests, on a fresh test database and its own data folder (where the dev
 * mailer writes sign-in mail). Loopback is a trusted proxy, so tests can speak for many client
 * addresses through {@code X-Forwarded-For}.
 */
public final class TestServer implements AutoCloseable {

  public static final String ADMIN_EMAIL = "admin@talos.test";

  private final CoreNode node;
  private final Path dataDir;
  private final String databaseUrl;

  private TestServer(CoreNode node, Path dataDir, String databaseUrl) {
    this.node = node;
    this.dataDir = dataDir;
    this.databaseUrl = databaseUrl;
  }

  public static TestServer start(JsonObject overrides) {
    try {
      Path dataDir = Files.createTempDirectory("talos-api-test");
      String databaseUrl = TestDatabase.newDatabaseUrl();
      JsonObject settings = new JsonObject()
          .put("DATABASE_URL", databaseUrl)
          .put("TALOS_DATA_DIR", dataDir.toString())
          .put("TALOS_TRUSTED_PROXIES", "127.0.0.1")
          .put("TALOS_ADMIN_EMAIL", ADMIN_EMAIL)
          .mergeIn(overrides);
      CoreNode node = CoreNode.start(TestConfigs.node(settings))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return new TestServer(node, dataDir, databaseUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test server", e);
    }
  }

  public static TestServer start() {
    return start(new JsonObject());
  }

  public ApiClient client() {
    return new ApiClient(baseUrl(), origin(), outbox());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  /** The allowed browser origin: the public URL of the test configuration. */
  public String origin() {
    return node.context().config().http().publicUrl().toString();
  }

  /** The database this node runs on; a node started with it sees the same data. */
  public String databaseUrl() {
    return databaseUrl;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path outbox() {
    return dataDir.resolve("outbox");
  }

  public CoreNode node() {
    return node;
  }

  /** A JDBC connection to the node's database, for checks the API cannot make. */
  public Connection database() throws SQLException {
    String url = databaseUrl.replace("postgresql://postgres@", "jdbc:postgresql://");
    return DriverManager.getConnection(url, "postgres", "");
  }

  @Override
  public void close() throws Exception {
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
