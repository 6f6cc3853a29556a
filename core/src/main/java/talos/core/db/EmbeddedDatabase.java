package talos.core.db;

import io.vertx.pgclient.SslMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server run by the core itself, with its data, binaries and log under the data
 * folder so that data survives restarts:
 *
 * <pre>
 * data/postgres/        the database cluster
 * data/postgres.log     the server's own log
 * data/runtime/         the unpacked PostgreSQL binaries
 * data/core.lock        held by the running core
 * </pre>
 *
 * <p>The server listens on loopback only and is stopped by {@link #close()}. The core holds a lock on
 * {@code data/core.lock} while it runs, so a second core on the same data folder is refused, and a
 * server left running by a core that was killed (the lock died with it) is stopped before a new one
 * starts on the same data.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** The database the core uses inside the embedded server. */
  public static final String DATABASE = "talos";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STALE_SERVER_STOP_TIMEOUT = Duration.ofSeconds(10);

  private final EmbeddedPostgres postgres;
  private final DatabaseEndpoint endpoint;
  private final FileChannel lockChannel;

  private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseEndpoint endpoint, FileChannel lockChannel) {
    this.postgres = postgres;
    this.endpoint = endpoint;
    this.lockChannel = lockChannel;
  }

  /**
   * Starts the server on the data under {@code dataDir}, creating it on first use. Blocks until the
   * server accepts connections.
   *
   * @throws IOException when another core uses the data folder, or the server cannot be unpacked,
   *     initialised or started
   */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path root = dataDir.toAbsolutePath().normalize();
    Files.createDirectories(root);
    FileChannel lockChannel = lock(root);
    try {
      return start(root, lockChannel);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  private static EmbeddedDatabase start(Path root, FileChannel lockChannel) throws IOException {
    Path clusterDir = root.resolve("postgres");
    Path runtimeDir = root.resolve("runtime");
    Path logFile = root.resolve("postgres.log");
    Files.createDirectories(runtimeDir);
    stopStaleServer(clusterDir);

    boolean firstStart = !Files.exists(clusterDir.resolve("PG_VERSION"));
    if (firstStart) {
      LOG.info("creating the embedded database [data: {}]; this takes a few seconds once", clusterDir);
    }
    ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(clusterDir)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(runtimeDir.toFile())
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(30))
        .setOutputRedirector(log)
        .setErrorRedirector(log)
        // the library tunes the server for throw-away test data; this data must survive a crash
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();

    DatabaseEndpoint endpoint = new DatabaseEndpoint(
        "127.0.0.1", postgres.getPort(), DATABASE, "postgres", "", SslMode.DISABLE);
    EmbeddedDatabase database = new EmbeddedDatabase(postgres, endpoint, lockChannel);
    try {
      database.createDatabaseIfMissing();
    } catch (SQLException e) {
      database.close();
      throw new IOException("cannot create database '" + DATABASE + "' in the embedded server", e);
    }
    return database;
  }

  /** Where the core's database is; the embedded server needs no password on loopback. */
  public DatabaseEndpoint endpoint() {
    return endpoint;
  }

  /** Stops the server and waits until it has exited. */
  @Override
  public void close() throws IOException {
    try {
      postgres.close();
      LOG.info("embedded database stopped");
    } finally {
      lockChannel.close();
    }
  }

  /** Locks the data folder for this process; the operating system releases it if the process dies. */
  private static FileChannel lock(Path root) throws IOException {
    Path lockFile = root.resolve("core.lock");
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("data folder " + root + " is in use by another running core; give each node its own"
          + " TALOS_DATA_DIR, or let the nodes of a cluster share one PostgreSQL through DATABASE_URL");
    }
    return channel;
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!exists.next()) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  /**
   * A core killed without a chance to stop its server leaves the server running and holding the
   * data folder. Stop it, so the new server can start on the same data.
   */
  private static void stopStaleServer(Path clusterDir) throws IOException {
    Path pidFile = clusterDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> stale = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
    if (stale.isEmpty()) {
      return;
    }
    ProcessHandle process = stale.get();
    LOG.warn("stopping a database server left running by an earlier run [pid: {}, data: {}]",
        process.pid(), clusterDir);
    process.destroy();
    try {
      process.onExit().get(STALE_SERVER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException("database server " + process.pid() + " from an earlier run did not stop within "
          + STALE_SERVER_STOP_TIMEOUT.toSeconds() + " s; stop it and start again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping database server " + process.pid(), e);
    } catch (ExecutionException e) {
      throw new IOException("cannot wait for database server " + process.pid(), e);
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
