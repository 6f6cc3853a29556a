package talos.core.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;

import java.util.Map;

/**
 * Element sets from a file or an upload: TLE/3LE text, or OMM messages as a JSON array (recognised
 * by its first character). The built-in sample catalogue is read this way from the classpath.
 */
public final class FileSource implements CatalogueSource {

  /** The small catalogue inside the jar, so the server works offline from its first start. */
  public static final String SAMPLE = "catalog/sample.tle";
  /**
   * The downlinks and uplinks of the sample's satellites, in SatNOGS DB's format, so a server on a
   * closed network can tune radios from its first start.
   */
  static final String SAMPLE_TRANSMITTERS = "catalog/sample-transmitters.json";

  private final String name;
  private final Future<Buffer> content;

  private FileSource(String name, Future<Buffer> content) {
    this.name = name;
    this.content = content;
  }

  /** The file at {@code path}, on disk or on the classpath. */
  public static FileSource file(Vertx vertx, String path) {
    return new FileSource("file:" + path, vertx.fileSystem().readFile(path));
  }

  /** The built-in sample: its element sets and its satellites' transmitters, as source {@code sample}. */
  public static CatalogueSource sample(Vertx vertx) {
    return new CatalogueSource() {
      @Override
      public String name() {
        return "sample";
      }

      @Override
      public Future<SourceData> fetch() {
        Future<Buffer> elements = vertx.fileSystem().readFile(SAMPLE);
        Future<Buffer> transmitters = vertx.fileSystem().readFile(SAMPLE_TRANSMITTERS);
        return Future.all(elements, transmitters).map(both -> new SourceData(name(),
            parse(elements.result().toString()),
            Transmitter.fromSatnogs(new JsonArray(transmitters.result())), Map.of()));
      }
    };
  }

  /** Content already at hand, such as an administrator's upload. */
  public static FileSource upload(String name, Buffer content) {
    return new FileSource(name, Future.succeededFuture(content));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<SourceData> fetch() {
    return content.map(buffer -> new SourceData(name, parse(buffer.toString())));
  }

  /** Parses either format; the report lists every rejected entry with its line and reason. */
  static ImportReport parse(String text) {
    return text.stripLeading().startsWith("[") ? OmmParser.parse(text) : TleParser.parse(text);
  }
}
