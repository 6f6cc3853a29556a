/**
 * A lean SGP4/SDP4: TEME position and velocity of a satellite from its two-line element set, in
 * about a microsecond and with no allocation, for propagating the whole catalogue at one instant.
 *
 * <p>{@link talos.core.orbit.sgp4.Sgp4} is built once per element set and can then be shared across
 * threads. It follows Hoots and Roehrich, Spacetrack Report No. 3 (1980), with the corrections of
 * Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3" (AIAA 2006-6753), in
 * operation mode 'i' with WGS-72 constants. It matches satellite.js (the same equations) to a
 * micrometre, and Orekit's {@code TLEPropagator} to a tenth of a millimetre for 99% of the
 * catalogue; in the four places where Orekit departs from the reference implementation the two
 * differ by centimetres to metres, and by up to 150 m for element sets of eccentricity exactly
 * 0.0001 ({@code Sgp4OrekitAgreementTest} lists them and why). Positions are in metres and
 * velocities in metres per second, in TEME, as in Orekit.
 */
package talos.core.orbit.sgp4;
