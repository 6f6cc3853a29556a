package talos.core.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import talos.core.support.TestConfigs;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies that log settings from the configuration reach Logback, and that typos are reported. */
class LogSettingsTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void restoreTextLogging() {
    LogSettings.apply(TestConfigs.with(new JsonObject()));
  }

  @Test
  void testJsonFormatAndLevelFromTheConfigurationAreApplied() {
    LogSettings.apply(TestConfigs.with(new JsonObject()
        .put("TALOS_LOG_FORMAT", "json").put("TALOS_LOG_LEVEL", "debug")));

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("json")).isInstanceOfSatisfying(ConsoleAppender.class,
        appender -> assertThat(appender.getEncoder()).isInstanceOf(JsonEncoder.class));
    assertThat(root.getAppender("text")).isNull();
    assertThat(context.getLogger("talos").getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void testUnknownTalosVariablesAreWarnedAboutByName() {
    Logger logger = context.getLogger(ConfigLoader.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    try {
      ConfigLoader.warnAboutUnknownVariables(Map.of("TALOS_HTP_PORT", "1", "TALOS_HTTP_PORT", "2", "PATH", "/bin"));
    } finally {
      logger.detachAppender(events);
    }

    assertThat(events.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains("TALOS_HTP_PORT");
    });
  }
}
