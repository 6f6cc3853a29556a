package talos.driver.hamlib;

import java.time.Duration;

/** The lines of a daemon's answer to the command last sent, read one at a time. */
interface LineSource {

  /**
   * The next line, without its line end.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#TIMEOUT} when the
   *     line does not come in time, {@link talos.driver.FailureCode#IO} when the connection fails
   *     and {@link talos.driver.FailureCode#PROTOCOL} for a line too long to be an answer
   */
  String readLine();

  /**
   * The next line if one starts within {@code grace}, or {@code null}; for answers whose end is not
   * marked, such as a {@code dump_state} that may or may not carry trailing settings.
   */
  String pollLine(Duration grace);

  /** The command the lines answer, as sent. */
  String command();

  /** Who answers, for messages: {@code rotctld at 127.0.0.1:4533}. */
  String peer();
}
