package talos.core.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure type of the core. It carries an HTTP-like status code and a message meant for
 * the user, which names the field, the value and what is allowed. It crosses the event bus as a
 * {@link ReplyException} with the code as its failure code, and the HTTP layer answers with the same
 * status and the message as an RFC 9457 problem.
 */
public final class ServiceFailure extends ReplyException {

  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int UNPROCESSABLE = 422;
  public static final int TOO_MANY_REQUESTS = 429;
  public static final int INTERNAL = 500;
  public static final int NOT_IMPLEMENTED = 501;
  public static final int UNAVAILABLE = 503;

  private static final Logger LOG = LoggerFactory.getLogger(ServiceFailure.class);

  private ServiceFailure(int status, String message) {
    super(ReplyFailure.RECIPIENT_FAILURE, status, message);
  }

  /** A failure with the given status, which must be an HTTP client or server error code. */
  public static ServiceFailure of(int status, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status " + status + " is not an error status; allowed: 400 to 599");
    }
    return new ServiceFailure(status, message);
  }

  /** A value that breaks a rule, described as {@code field: 'value' is not allowed; allowed: ...}. */
  public static ServiceFailure invalid(String field, Object value, String allowed) {
    return new ServiceFailure(BAD_REQUEST, field + ": '" + value + "' is not allowed; allowed: " + allowed);
  }

  public static ServiceFailure notFound(String what, Object id) {
    return new ServiceFailure(NOT_FOUND, what + " '" + id + "' does not exist");
  }

  public static ServiceFailure conflict(String message) {
    return new ServiceFailure(CONFLICT, message);
  }

  public static ServiceFailure forbidden(String message) {
    return new ServiceFailure(FORBIDDEN, message);
  }

  public static ServiceFailure unavailable(String message) {
    return new ServiceFailure(UNAVAILABLE, message);
  }

  /** The status of any failure: its own code for an error code, 500 for anything unexpected. */
  public static int statusOf(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> UNAVAILABLE;
        case TIMEOUT -> 504;
        default -> reply.failureCode() >= 400 && reply.failureCode() <= 599 ? reply.failureCode() : INTERNAL;
      };
    }
    return INTERNAL;
  }

  /**
   * Answers a request with a failure. A {@link ReplyException} with an error code goes back as it
   * is; anything else is logged here with its stack trace and reaches the caller as a bare 500, so
   * that internal details never leave the node.
   */
  public static void reply(Message<?> request, Throwable failure) {
    int status = statusOf(failure);
    if (failure instanceof ReplyException && status != INTERNAL) {
      request.fail(status, failure.getMessage());
      return;
    }
    LOG.error("request failed [address: {}]", request.address(), failure);
    request.fail(INTERNAL, "internal error; the server log has the details");
  }
}
