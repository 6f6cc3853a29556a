package talos.core.catalog;

/** A catalogue source could not be used; the message says why, for the sync history and the log. */
public final class SourceException extends RuntimeException {

  public SourceException(String message) {
    super(message);
  }
}
