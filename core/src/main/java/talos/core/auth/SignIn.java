package talos.core.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.security.Tokens;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Passwordless sign-in with magic links.
 *
 * <p>Asking for a link always gets the same answer, at once, before anything is looked up, so neither
 * the answer nor its timing tells whether an address has an account. The link is sent afterwards to
 * any plausible address; the account is created when a link is first used, not when it is asked for.
 * Links are single-use and valid for {@link #LINK_VALIDITY}; only their digest is stored.
 */
final class SignIn {

  /** How long a sign-in link can be used. */
  static final Duration LINK_VALIDITY = Duration.ofMinutes(10);

  /** The one answer to every sign-in request. */
  static final JsonObject LOGIN_ACCEPTED = new JsonObject()
      .put("status", "accepted")
      .put("message", "If this address can receive mail, a sign-in link is on its way. It works once, for "
          + LINK_VALIDITY.toMinutes() + " minutes.");

  private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
  private static final Pattern PLAUSIBLE_EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final String INSERT_LINK =
      "INSERT INTO magic_link (token_digest, email, expires_at) VALUES ($1, $2, $3)";
  private static final String USE_LINK = """
      UPDATE magic_link SET used_at = now()
       WHERE token_digest = $1 AND used_at IS NULL AND expires_at > now()
      RETURNING email""";
  private static final String EXPLAIN_LINK = "SELECT used_at, expires_at FROM magic_link WHERE token_digest = $1";
  private static final String UPSERT_USER = """
      INSERT INTO app_user (email, last_sign_in_at) VALUES ($1, now())
      ON CONFLICT (email) DO UPDATE SET last_sign_in_at = now()
      RETURNING id""";

  private final Vertx vertx;
  private final Pool pool;
  private final Tokens tokens;
  private final Sessions sessions;
  private final Mailer mailer;
  private final URI publicUrl;
  private final String outboxHint;

  /**
   * @param outboxHint in dev mode the folder the links are written to, told in every answer to a
   *     request for a link (the same for every address); {@code null} otherwise
   */
  SignIn(Vertx vertx, Pool pool, Tokens tokens, Sessions sessions, Mailer mailer, URI publicUrl,
         String outboxHint) {
    this.vertx = vertx;
    this.pool = pool;
    this.tokens = tokens;
    this.sessions = sessions;
    this.mailer = mailer;
    this.publicUrl = publicUrl;
    this.outboxHint = outboxHint;
  }

  /** Answers 202 with {@link #LOGIN_ACCEPTED} (and the dev outbox), then sends a link when the address is plausible. */
  Future<Reply> requestLink(ApiRequest request) {
    String email = normalise(request.body().getString("email", ""));
    if (isPlausible(email)) {
      // runs after this handler has replied: the answer never waits for the database or the mail
      vertx.runOnContext(ignored -> sendLink(email));
    }
    JsonObject answer = LOGIN_ACCEPTED.copy();
    if (outboxHint != null) {
      answer.put("outbox", outboxHint);
    }
    return Future.succeededFuture(Reply.accepted(answer));
  }

  /**
   * Uses a link: starts a session for its address, creating the account on first use.
   *
   * @return a future that succeeds with a redirect to {@code /} that sets the session, or fails with
   *     400 for a link that is malformed, unknown, expired or already used
   */
  Future<Reply> useLink(ApiRequest request) {
    String token = request.query().getString("token", "");
    if (!Tokens.hasShape(token, Tokens.MAGIC_LINK)) {
      return Future.failedFuture(invalidLink("this sign-in link is not valid"));
    }
    byte[] digest = tokens.digest(token);
    return pool.preparedQuery(USE_LINK).execute(Tuple.of(digest))
        .compose(rows -> rows.size() == 1
            ? startSession(rows.iterator().next().getString("email"), request)
            : explainRefusal(digest));
  }

  static String normalise(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  static boolean isPlausible(String email) {
    return email.length() <= 254 && PLAUSIBLE_EMAIL.matcher(email).matches();
  }

  private void sendLink(String email) {
    String token = tokens.generate(Tokens.MAGIC_LINK);
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(LINK_VALIDITY);
    String link = publicUrl + "/auth/verify?token=" + token;
    MailMessage mail = new MailMessage(email, "Your Talos sign-in link", """
        Hello,

        use this link to sign in to Talos. It works once, for %d minutes:

        %s

        If you did not ask to sign in, ignore this mail: nothing happens without the link.
        """.formatted(LINK_VALIDITY.toMinutes(), link));

    pool.preparedQuery(INSERT_LINK).execute(Tuple.of(tokens.digest(token), email, expires))
        .compose(ignored -> mailer.send(mail))
        .onSuccess(ignored -> LOG.info("sign-in link sent [to: {}]", masked(email)))
        .onFailure(e -> LOG.warn("cannot send a sign-in link [to: {}]: {}", masked(email), e.getMessage()));
  }

  private Future<Reply> startSession(String email, ApiRequest request) {
    return pool.withTransaction(connection -> connection.preparedQuery(UPSERT_USER).execute(Tuple.of(email))
        .map(rows -> rows.iterator().next().getUUID("id"))
        .compose(userId -> sessions.create(connection, userId, request.clientAddress(), request.userAgent())
            .compose(session -> AuditLog.record(connection, userId.toString(), "auth.signed_in", null,
                    new JsonObject().put("session", session.id().toString()).put("client", request.clientAddress()))
                .map(ignored -> Reply.startSession("/", session.token())))));
  }

  private Future<Reply> explainRefusal(byte[] digest) {
    return pool.preparedQuery(EXPLAIN_LINK).execute(Tuple.of(digest)).map((RowSet<Row> rows) -> {
      if (rows.size() == 0) {
        throw invalidLink("this sign-in link is not valid");
      }
      Row link = rows.iterator().next();
      if (link.getValue("used_at") != null) {
        throw invalidLink("this sign-in link has already been used");
      }
      throw invalidLink("this sign-in link has expired");
    });
  }

  private static ServiceFailure invalidLink(String why) {
    return ServiceFailure.of(ServiceFailure.BAD_REQUEST, why + "; ask for a new one on the sign-in page");
  }

  /** {@code jane@example.org} as {@code j***@example.org}, for logs. */
  static String masked(String email) {
    int at = email.indexOf('@');
    return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
  }
}
