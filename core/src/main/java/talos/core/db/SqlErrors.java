package talos.core.db;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL errors that features turn into answers for the user. */
public final class SqlErrors {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String EXCLUSION_VIOLATION = "23P01";

  private SqlErrors() {
  }

  /** Whether {@code failure} is a unique constraint refusing a duplicate. */
  public static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  /**
   * Whether {@code failure} is an exclusion constraint refusing a row that conflicts with another,
   * such as two overlapping bookings of one station.
   */
  public static boolean isExclusionViolation(Throwable failure) {
    return failure instanceof PgException pg && EXCLUSION_VIOLATION.equals(pg.getSqlState());
  }
}
