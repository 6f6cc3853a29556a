package talos.core.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Development mail: each message is written as an RFC 5322 {@code .eml} file under
 * {@code <data dir>/outbox/}, readable by the server's user only, where a developer opens it with a
 * mail program or a text editor.
 */
final class OutboxMailer implements Mailer {

  private final Vertx vertx;
  private final Path outbox;
  private final String from;

  OutboxMailer(Vertx vertx, Path outbox, String from) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.from = from;
  }

  /** The folder the mail is written to. */
  Path folder() {
    return outbox;
  }

  @Override
  public Future<Void> send(MailMessage message) {
    ZonedDateTime now = ZonedDateTime.now();
    String id = UUID.randomUUID().toString();
    String eml = "From: " + from + "\r\n"
        + "To: " + message.to() + "\r\n"
        + "Subject: " + message.subject() + "\r\n"
        + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now) + "\r\n"
        + "Message-ID: <" + id + "@talos.outbox>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n"
        + "\r\n"
        + message.text().replace("\n", "\r\n");
    String name = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").format(now) + "-" + id + ".eml";
    String file = outbox.resolve(name).toString();
    return vertx.fileSystem().mkdirs(outbox.toString())
        .compose(ignored -> vertx.fileSystem().open(file, new OpenOptions().setCreateNew(true).setPerms("rw-------")))
        .compose(handle -> handle.write(Buffer.buffer(eml)).eventually(handle::close));
  }
}
