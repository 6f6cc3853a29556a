package talos.core.db;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Where a PostgreSQL database is and how to sign in to it. {@link #toString()} never shows the
 * password, so an endpoint can be logged.
 */
public record DatabaseEndpoint(String host, int port, String database, String user, String password,
                               SslMode sslMode) {

  private static final int DEFAULT_PORT = 5432;

  /**
   * Parses {@code postgresql://user:pass@host:port/db[?sslmode=require]}.
   *
   * @throws IllegalArgumentException naming the part that is wrong; the message never holds the
   *     password
   */
  public static DatabaseEndpoint parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL; expected postgresql://user:pass@host:port/db");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
      throw new IllegalArgumentException("scheme '" + scheme + "' is not allowed; expected postgresql://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("has no host; expected postgresql://user:pass@host:port/db");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isBlank() || path.contains("/")) {
      throw new IllegalArgumentException("has no database name; expected postgresql://user:pass@host:port/db");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    return new DatabaseEndpoint(uri.getHost(), port, decode(path), user, password, sslMode(uri.getRawQuery()));
  }

  public PgConnectOptions toConnectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setSslMode(sslMode);
  }

  /** The JDBC URL used by the migration tool; credentials travel in {@link #jdbcProperties()}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public Properties jdbcProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("sslmode", sslMode.value);
    return properties;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static SslMode sslMode(String query) {
    if (query == null) {
      return SslMode.DISABLE;
    }
    for (String pair : query.split("&")) {
      String[] keyValue = pair.split("=", 2);
      if (keyValue[0].equals("sslmode") && keyValue.length == 2) {
        try {
          return SslMode.of(keyValue[1]);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("sslmode '" + keyValue[1]
              + "' is not allowed; expected disable, allow, prefer, require, verify-ca or verify-full");
        }
      }
    }
    return SslMode.DISABLE;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
