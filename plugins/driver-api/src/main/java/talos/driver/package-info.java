/**
 * The driver SPI: how the station agent talks to rotators and radios.
 *
 * <p>A plugin jar holds a {@link talos.driver.DriverProvider} listed in
 * {@code META-INF/services/talos.driver.DriverProvider}. The provider's {@link
 * talos.driver.DriverDescriptor} says what the driver can do; the agent checks every call against it
 * and against the station's local limits before the driver sees it, so drivers stay small.
 *
 * <p>Every device operation returns a {@link java.util.concurrent.CompletionStage} and must not block
 * the caller: a driver does blocking I/O on the executor of its {@link talos.driver.DriverContext},
 * a named thread of its own. Failures complete the stage with a {@link talos.driver.DriverException}
 * carrying one of the closed set of {@link talos.driver.FailureCode}s.
 *
 * <p>Optional capabilities are further interfaces a device implements, found by the agent with
 * {@code instanceof}: a receiver's I/Q samples ({@link talos.driver.IqSource}) and the data frames
 * it decoded ({@link talos.driver.FrameSource}). A device without them is unaffected.
 */
package talos.driver;
