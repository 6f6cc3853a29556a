/**
 * The {@code rtl_tcp} driver plugin: an RTL-SDR receiver through rtl_tcp.
 *
 * <p>rtl_tcp sends a 12-byte header ({@link talos.driver.sdr.DongleInfo}) and then an endless
 * stream of unsigned 8-bit I/Q samples; it takes five-byte commands ({@link
 * talos.driver.sdr.RtlCommand}) and answers none. The driver writes commands one at a time on the
 * device's executor and reads samples on a thread of its own ({@link
 * talos.driver.sdr.RtlTcpLink}, {@link talos.driver.sdr.RtlTcpConnection}), hands them to every
 * subscriber through a bounded buffer ({@link talos.driver.sdr.IqFanout}), and reconnects with
 * backoff, setting the receiver up again, when the connection fails or the samples stop. The
 * operator page is {@code docs/drivers/sdr.md}.
 */
package talos.driver.sdr;
