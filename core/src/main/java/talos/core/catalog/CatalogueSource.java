package talos.core.catalog;

import io.vertx.core.Future;

/** A place the catalogue is filled from: a web service or a file. */
public interface CatalogueSource {

  /** A short name for logs, the sync history and the element sets' {@code source} column. */
  String name();

  /**
   * Fetches and parses the source's data.
   *
   * @return a future that succeeds with what the source delivered, or fails with the reason the
   *     source could not be used (unreachable, an HTTP error, a body that cannot be parsed, no usable
   *     element set at all)
   */
  Future<SourceData> fetch();
}
