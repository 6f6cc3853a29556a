/**
 * The {@code hamlib} driver plugin: rotators and radios through Hamlib's network daemons.
 *
 * <p>{@code rotctld} and {@code rigctld} speak a line protocol over TCP: one command per line,
 * answered by values one per line or by {@code RPRT n}, with {@code n} a Hamlib error code. The
 * driver keeps one connection per device and one command in flight on it ({@link
 * talos.driver.hamlib.HamlibLink}), reads answers line by line within a time limit ({@link
 * talos.driver.hamlib.Connection}, {@link talos.driver.hamlib.Replies}), maps the error codes onto
 * failure codes ({@link talos.driver.hamlib.HamlibException}), learns each device's limits from
 * {@code \dump_state} ({@link talos.driver.hamlib.RotatorDump}, {@link
 * talos.driver.hamlib.RigDump}) and reconnects with backoff when the daemon goes away. The operator
 * page is {@code docs/drivers/hamlib.md}.
 */
package talos.driver.hamlib;
