package talos.core.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;


/**
 * Element sets from a file or an upload: TLE/3LE text, or OMM messages as a JSON array (recognised
 * by its first character). The built-in sample catalogue is read this way from the classpath.
 */
public final class FileSource implements CatalogueSource {

  /** The small catalogue inside the jar, so the server works offline from its first start. */
  public static final String SAMPLE = "catalog/sample.tle";

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
