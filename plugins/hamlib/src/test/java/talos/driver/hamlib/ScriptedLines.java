package talos.driver.hamlib;

import talos.driver.DriverException;
import talos.driver.FailureCode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** An answer given as text, read line by line as from a daemon; running out is a timeout. */
final class ScriptedLines implements LineSource {

  private final String command;
  private final Deque<String> lines;

  ScriptedLines(String command, String answer) {
    this.command = command;
    this.lines = new ArrayDeque<>(Arrays.asList(answer.split("\n", -1)));
    if (answer.endsWith("\n")) {
      lines.removeLast();
    }
  }

  /** Lines not read yet. */
  int remaining() {
    return lines.size();
  }

  @Override
  public String readLine() {
    if (lines.isEmpty()) {
      throw new DriverException(FailureCode.TIMEOUT, peer() + " did not answer '" + command
          + "' in time");
    }
    return lines.removeFirst();
  }

  @Override
  public String pollLine(Duration grace) {
    return lines.pollFirst();
  }

  @Override
  public String command() {
    return command;
  }

  @Override
  public String peer() {
    return "rigctld at 127.0.0.1:4532";
  }
}
