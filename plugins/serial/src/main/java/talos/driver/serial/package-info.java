/**
 * The {@code serial} driver plugin: rotator controllers on a serial port, without Hamlib.
 *
 * <p>The {@link talos.driver.serial.Protocol}s are short text commands, each ended by a carriage
 * return or a line feed: a move and a stop that the controller does not answer, and a position
 * query it answers with one line. The driver opens the port through jSerialComm ({@link
 * talos.driver.serial.JSerialCommLine}), writes commands no closer together than the write gap
 * and reads answers line by line within a time limit ({@link
 * talos.driver.serial.ControllerPort}), keeps one command in flight, retries, reopens a port that
 * failed and probes a controller that fell silent, with backoff ({@link
 * talos.driver.serial.SerialLink}). The operator page is {@code docs/drivers/serial.md}.
 */
package talos.driver.serial;
