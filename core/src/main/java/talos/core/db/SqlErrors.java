package talos.core.db;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL errors that features turn into answers for the user. */
public final class SqlErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {
  }

  /** Whether {@code failure} is a unique constraint refusing a duplicate. */
  public static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }
}
