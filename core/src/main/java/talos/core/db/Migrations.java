package talos.core.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date with the SQL migrations in {@code db/migration} on the
 * classpath. Each feature adds its tables there as {@code V<n>__<what>.sql}.
 */
public final class Migrations {

  /** Where the migration scripts live on the classpath. */
  public static final String LOCATION = "classpath:db/migration";

  /** The table in which Flyway records what it applied. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /**
   * Applies every pending migration. Blocks; call it from a worker thread or before the event loops
   * start.
   *
   * @return the schema version after migrating
   * @throws org.flywaydb.core.api.FlywayException when a migration fails or an applied one was changed
   */
  public static String apply(DatabaseEndpoint endpoint) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .validateMigrationNaming(true)
        .load();

    MigrateResult result = flyway.migrate();
    MigrationInfo current = flyway.info().current();
    String version = current == null ? "none" : current.getVersion().getVersion();
    if (result.migrationsExecuted > 0) {
      LOG.info("database schema migrated [from: {}, to: {}, migrations: {}]",
          result.initialSchemaVersion == null ? "empty" : result.initialSchemaVersion, version,
          result.migrationsExecuted);
    } else {
      LOG.info("database schema up to date [version: {}]", version);
    }
    return version;
  }
}
