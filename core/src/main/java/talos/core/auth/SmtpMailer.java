package talos.core.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import talos.core.config.CoreConfig;

/** Sends mail through the configured SMTP server with vertx-mail-client. */
final class SmtpMailer implements Mailer {

  private final MailClient client;
  private final String from;

  SmtpMailer(Vertx vertx, CoreConfig.Mail settings) {
    MailConfig config = new MailConfig()
        .setHostname(settings.smtpHost().orElseThrow())
        .setPort(settings.smtpPort())
        .setSsl(settings.security().equals("tls"))
        .setStarttls(settings.security().equals("starttls") ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED);
    settings.username().ifPresentOrElse(
        username -> config.setLogin(LoginOption.REQUIRED).setUsername(username).setPassword(settings.password()),
        () -> config.setLogin(LoginOption.DISABLED));
    this.client = MailClient.createShared(vertx, config, "talos-smtp");
    this.from = settings.from();
  }

  @Override
  public Future<Void> send(MailMessage message) {
    io.vertx.ext.mail.MailMessage mail = new io.vertx.ext.mail.MailMessage()
        .setFrom(from)
        .setTo(message.to())
        .setSubject(message.subject())
        .setText(message.text());
    return client.sendMail(mail).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
