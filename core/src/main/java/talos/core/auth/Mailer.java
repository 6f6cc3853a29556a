package talos.core.auth;

import io.vertx.core.Future;

/** Sends mail: by SMTP in production, into the outbox folder in development. */
public interface Mailer {

  /** @return a future that succeeds once the mail is handed over, or fails with the reason */
  Future<Void> send(MailMessage message);

  /** Releases connections; the default has none. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
