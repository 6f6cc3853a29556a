package talos.driver.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import talos.driver.DriverException;
import talos.driver.FailureCode;

import java.time.Duration;
import java.util.Map;

/**
 * A serial line through jSerialComm. Any path names a port on Linux, including the stable names
 * under {@code /dev/serial/by-id/} and pseudo-terminals; the path is resolved again on every
 * open, so a symbolic link that now points elsewhere (a re-plugged adapter) is followed.
 */
final class JSerialCommLine implements SerialLine {

  /** What the usual {@code errno} values of a failed open mean to an operator. */
  private static final Map<Integer, String> OPEN_ERRORS = Map.of(
      2, "no such device (is the adapter plugged in and the path right?)",
      6, "no such device (is the adapter plugged in and the path right?)",
      13, "permission denied (is the agent's user in the dialout group?)",
      16, "the port is in use by another program",
      19, "no such device (is the adapter plugged in and the path right?)");

  private final SerialPort port;
  private final String name;
  private int readTimeoutMillis = -1;

  private JSerialCommLine(SerialPort port, String name) {
    this.port = port;
    this.name = name;
  }

  /**
   * Opens the port with the settings' line parameters, no flow control.
   *
   * @throws DriverException with {@link FailureCode#IO} naming the port and the reason
   */
  static JSerialCommLine open(SerialSettings settings) {
    String name = settings.port();
    SerialPort port;
    try {
      port = SerialPort.getCommPort(name);
    } catch (SerialPortInvalidPortException e) {
      throw new DriverException(FailureCode.IO, "cannot open serial port " + name + ": "
          + OPEN_ERRORS.get(2), e);
    }
    port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(settings.stopBits()),
        parity(settings.parity()));
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
    if (!port.openPort(0)) {
      int code = port.getLastErrorCode();
      throw new DriverException(FailureCode.IO, "cannot open serial port " + name + ": "
          + OPEN_ERRORS.getOrDefault(code, "error " + code));
    }
    return new JSerialCommLine(port, name);
  }

  @Override
  public void write(byte[] bytes) {
    int written = 0;
    while (written < bytes.length) {
      int count = port.writeBytes(bytes, bytes.length - written, written);
      if (count <= 0) {
        throw new DriverException(FailureCode.IO, "writing to serial port " + name
            + " failed (error " + port.getLastErrorCode() + "; was the adapter unplugged?)");
      }
      written += count;
    }
  }

  @Override
  public int read(byte[] buffer, Duration timeout) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    if (millis != readTimeoutMillis) {
      port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, millis, 0);
      readTimeoutMillis = millis;
    }
    int count = port.readBytes(buffer, buffer.length);
    if (count < 0) {
      throw new DriverException(FailureCode.IO, "reading from serial port " + name
          + " failed (error " + port.getLastErrorCode() + "; was the adapter unplugged?)");
    }
    return count;
  }

  @Override
  public void close() {
    port.closePort();
  }

  private static int stopBits(String stopBits) {
    return switch (stopBits) {
      case "1.5" -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
      case "2" -> SerialPort.TWO_STOP_BITS;
      default -> SerialPort.ONE_STOP_BIT;
    };
  }

  private static int parity(String parity) {
    return switch (parity) {
      case "even" -> SerialPort.EVEN_PARITY;
      case "odd" -> SerialPort.ODD_PARITY;
      case "mark" -> SerialPort.MARK_PARITY;
      case "space" -> SerialPort.SPACE_PARITY;
      default -> SerialPort.NO_PARITY;
    };
  }
}
