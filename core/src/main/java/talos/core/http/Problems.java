package talos.core.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.bus.ServiceFailure;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Answers failed requests with an RFC 9457 {@code application/problem+json} body: {@code type},
 * {@code title}, {@code status}, {@code detail} and {@code instance}, plus {@code errors} (one entry per
 * invalid field) when a request broke the contract.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** The failure handler of every route: maps what failed to a status and a problem body. */
  public static void handleFailure(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure == null) {
      send(rc, rc.statusCode() > 0 ? rc.statusCode() : 500, defaultDetail(rc.statusCode()), null);
    } else if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException invalid) {
      send(rc, 400, describe(invalid), fieldErrors(invalid));
    } else if (failure instanceof HttpException http) {
      String detail = http.getPayload() != null ? http.getPayload() : defaultDetail(http.getStatusCode());
      send(rc, http.getStatusCode(), detail, null);
    } else if (rc.statusCode() == 403 && String.valueOf(failure.getMessage()).startsWith("CORS")) {
      send(rc, 403, "cross-origin request refused: origin '" + rc.request().getHeader("Origin")
          + "' is not allowed to call this API", null);
    } else if (rc.statusCode() >= 400 && rc.statusCode() < 500) {
      send(rc, rc.statusCode(), failure.getMessage() == null ? defaultDetail(rc.statusCode()) : failure.getMessage(),
          null);
    } else {
      int status = ServiceFailure.statusOf(failure);
      if (status >= 500 && status != 503 && status != 504) {
        LOG.error("request failed [method: {}, path: {}]", rc.request().method(), rc.normalizedPath(), failure);
        send(rc, status, "internal error; the server log has the details", null);
      } else {
        send(rc, status, failure.getMessage() == null ? defaultDetail(status) : failure.getMessage(), null);
      }
    }
  }

  /** The handler for requests no route matched, or matched only by path (404, 405). */
  public static void handleUnrouted(RoutingContext rc) {
    int status = rc.statusCode();
    String detail = status == 405
        ? "method " + rc.request().method() + " is not allowed on " + rc.normalizedPath()
        : "no resource at " + rc.normalizedPath() + "; the API is described at /openapi.yaml";
    send(rc, status, detail, null);
  }

  /** Ends the response with a problem body, unless it has already been sent. */
  public static void send(RoutingContext rc, int status, String detail, JsonArray errors) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    JsonObject problem = new JsonObject()
        .put("type", "about:blank")
        .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
        .put("status", status)
        .put("detail", detail)
        .put("instance", rc.request().path());
    if (errors != null && !errors.isEmpty()) {
      problem.put("errors", errors);
    }
    LOG.debug("request refused [method: {}, path: {}, status: {}, detail: {}]",
        rc.request().method(), rc.request().path(), status, detail);
    response.setStatusCode(status);
    if (wantsPage(rc)) {
      response.putHeader("content-type", "text/html; charset=utf-8").end(page(problem));
    } else {
      response.putHeader("content-type", CONTENT_TYPE).end(problem.encode());
    }
  }

  /** A browser navigating (a sign-in link opened from a mail, say) gets a page, not JSON. */
  private static boolean wantsPage(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    return accept != null && accept.contains("text/html") && !accept.contains("json");
  }

  private static String page(JsonObject problem) {
    String title = escape(problem.getString("title"));
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + title + " - Talos</title></head><body style=\"font-family: sans-serif; max-width: 40em;"
        + " margin: 4em auto; padding: 0 1em\"><h1>" + title + "</h1><p>" + escape(problem.getString("detail"))
        + "</p><p><a href=\"/\">Back to Talos</a></p></body></html>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static String describe(ValidatorException invalid) {
    if (invalid.getMessage() != null && invalid.getMessage().contains("body can't be decoded")) {
      return "request body is not valid JSON";
    }
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      Set<String> reasons = new LinkedHashSet<>();
      leafErrors(schema.getOutputUnit(), reasons, new JsonArray());
      if (!reasons.isEmpty()) {
        return "request does not match the API contract: " + String.join("; ", reasons);
      }
    }
    return invalid.getMessage();
  }

  private static JsonArray fieldErrors(ValidatorException invalid) {
    JsonArray errors = new JsonArray();
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      leafErrors(schema.getOutputUnit(), new LinkedHashSet<>(), errors);
    }
    return errors;
  }

  private static void leafErrors(OutputUnit unit, Set<String> reasons, JsonArray errors) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(child -> leafErrors(child, reasons, errors));
      return;
    }
    if (unit.getError() == null) {
      return;
    }
    String field = unit.getInstanceLocation() == null || unit.getInstanceLocation().isEmpty()
        ? "(body)"
        : unit.getInstanceLocation().replaceFirst("^#", "");
    if (reasons.add(field + ": " + unit.getError())) {
      errors.add(new JsonObject().put("field", field).put("message", unit.getError()));
    }
  }

  private static String defaultDetail(int status) {
    return status > 0 ? HttpResponseStatus.valueOf(status).reasonPhrase() : "request failed";
  }
}
