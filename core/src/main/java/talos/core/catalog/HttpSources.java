package talos.core.catalog;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web services the catalogue is filled from, in the formats they really answer with.
 *
 * <ul>
 *   <li>CelesTrak GP data: {@code /NORAD/elements/gp.php?GROUP=active&FORMAT=json}, an array of OMM
 *       messages in JSON;</li>
 *   <li>SatNOGS DB: {@code /api/tle/?format=json}, an array of {@code {tle0, tle1, tle2,
 *       norad_cat_id, ...}}, {@code /api/transmitters/?format=json}, an array of transmitters, and
 *       {@code /api/satellites/?format=json}, an array of objects with their status.</li>
 * </ul>
 */
public final class HttpSources {

  /** How long one request may take before the source counts as failed. */
  static final long REQUEST_TIMEOUT_MS = 20_000;

  private HttpSources() {
  }

  public static CatalogueSource celestrak(WebClient client, String baseUrl) {
    return new CatalogueSource() {
      @Override
      public String name() {
        return "celestrak";
      }

      @Override
      public Future<SourceData> fetch() {
        return get(client, baseUrl + "/NORAD/elements/gp.php?GROUP=active&FORMAT=json")
            .map(body -> new SourceData(name(), usable(OmmParser.parse(body.toString()), name())));
      }
    };
  }

  public static CatalogueSource satnogs(WebClient client, String baseUrl) {
    return new CatalogueSource() {
      @Override
      public String name() {
        return "satnogs";
      }

      @Override
      public Future<SourceData> fetch() {
        Future<ImportReport> elements = get(client, baseUrl + "/api/tle/?format=json")
            .map(body -> usable(TleParser.parse(threeLineText(array(body, "SatNOGS TLE list"))), name()));
        Future<List<Transmitter>> transmitters = get(client, baseUrl + "/api/transmitters/?format=json")
            .map(body -> Transmitter.fromSatnogs(array(body, "SatNOGS transmitter list")));
        Future<Map<Integer, String>> statuses = get(client, baseUrl + "/api/satellites/?format=json")
            .map(body -> statuses(array(body, "SatNOGS satellite list")));
        return Future.all(elements, transmitters, statuses)
            .map(all -> new SourceData(name(), elements.result(), transmitters.result(), statuses.result()));
      }
    };
  }

  private static Future<Buffer> get(WebClient client, String url) {
    return client.getAbs(url)
        .timeout(REQUEST_TIMEOUT_MS)
        .putHeader("Accept", "application/json")
        .send()
        .compose(response -> ok(response, url));
  }

  private static Future<Buffer> ok(HttpResponse<Buffer> response, String url) {
    if (response.statusCode() == 200 && response.body() != null) {
      return Future.succeededFuture(response.body());
    }
    String retry = response.getHeader("Retry-After");
    return Future.failedFuture(new SourceException(url + " answered " + response.statusCode()
        + (retry == null ? "" : " (retry after " + retry + " s)")));
  }

  private static JsonArray array(Buffer body, String what) {
    try {
      return new JsonArray(body);
    } catch (DecodeException | ClassCastException e) {
      throw new SourceException(what + " is not a JSON array (" + body.length() + " bytes; truncated?)");
    }
  }

  /** SatNOGS TLE entries as 3LE text, so they pass through the same strict parser as files. */
  private static String threeLineText(JsonArray entries) {
    StringBuilder text = new StringBuilder();
    for (Object entry : entries) {
      if (entry instanceof JsonObject tle) {
        text.append(tle.getString("tle0", "")).append('\n')
            .append(tle.getString("tle1", "")).append('\n')
            .append(tle.getString("tle2", "")).append('\n');
      }
    }
    return text.toString();
  }

  private static Map<Integer, String> statuses(JsonArray entries) {
    Map<Integer, String> statuses = new HashMap<>();
    for (Object entry : entries) {
      if (entry instanceof JsonObject json && json.getValue("norad_cat_id") instanceof Number id
          && List.of("alive", "dead", "re-entered", "future").contains(json.getString("status"))) {
        statuses.put(id.intValue(), json.getString("status"));
      }
    }
    return statuses;
  }

  /** A source that yields nothing usable has failed, even if it answered. */
  static ImportReport usable(ImportReport report, String source) {
    if (report.acceptedCount() == 0) {
      throw new SourceException(source + " delivered no usable element set (" + report.rejectedCount()
          + " rejected)");
    }
    return report;
  }
}
