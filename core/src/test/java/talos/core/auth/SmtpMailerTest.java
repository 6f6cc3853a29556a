package talos.core.auth;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import talos.core.config.CoreConfig;
import talos.core.support.TestConfigs;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that sign-in mail goes out over SMTP when a server is configured, against a minimal SMTP
 * peer that speaks the commands of RFC 5321 a relay needs and records what it was told.
 */
@ExtendWith(VertxExtension.class)
@Timeout(15_000)
class SmtpMailerTest {

  @Test
  void testAMailIsDeliveredToTheConfiguredSmtpServer(Vertx vertx, VertxTestContext test) {
    List<String> commands = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    NetServer smtp = vertx.createNetServer().connectHandler(socket -> converse(socket, commands, data));

    smtp.listen(0, "127.0.0.1").compose(server -> {
      CoreConfig.Mail settings = TestConfigs.with(new JsonObject()
          .put("TALOS_SMTP_HOST", "127.0.0.1")
          .put("TALOS_SMTP_PORT", server.actualPort())
          .put("TALOS_SMTP_SECURITY", "none")
          .put("TALOS_MAIL_FROM", "Talos <talos@ground.example>")).mail();
      SmtpMailer mailer = new SmtpMailer(vertx, settings);
      return mailer.send(new MailMessage("ops@example.org", "Your Talos sign-in link", "the link"))
          .eventually(mailer::close);
    }).onComplete(test.succeeding(sent -> test.verify(() -> {
      assertThat(commands).anyMatch(command -> command.startsWith("MAIL FROM:<talos@ground.example>"));
      assertThat(commands).anyMatch(command -> command.startsWith("RCPT TO:<ops@example.org>"));
      assertThat(data.toString()).contains("Subject: Your Talos sign-in link").contains("the link");
      test.completeNow();
    })));
  }

  private static void converse(NetSocket socket, List<String> commands, StringBuilder data) {
    boolean[] inData = new boolean[1];
    socket.write("220 smtp.test ESMTP\r\n");
    socket.handler(RecordParser.newDelimited("\r\n", line -> {
      String text = line.toString();
      if (inData[0]) {
        if (text.equals(".")) {
          inData[0] = false;
          socket.write("250 2.0.0 queued\r\n");
        } else {
          data.append(text).append('\n');
        }
        return;
      }
      commands.add(text);
      String verb = text.length() >= 4 ? text.substring(0, 4).toUpperCase() : text;
      switch (verb) {
        case "EHLO" -> socket.write("250-smtp.test\r\n250 8BITMIME\r\n");
        case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> socket.write("250 2.0.0 ok\r\n");
        case "DATA" -> {
          inData[0] = true;
          socket.write("354 end with .\r\n");
        }
        case "QUIT" -> socket.write(Buffer.buffer("221 bye\r\n")).onComplete(ignored -> socket.close());
        default -> socket.write("502 5.5.2 not implemented\r\n");
      }
    }));
  }
}
