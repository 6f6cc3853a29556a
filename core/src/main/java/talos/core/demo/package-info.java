/**
 * The demo ({@code --demo}, dev mode only): an organisation, a station with a simulated rotator and
 * radio driven by a real station agent over real MQTT, and a director that keeps it tracking the
 * satellite with the soonest pass, so a newcomer sees the whole chain work within a minute.
 */
package talos.core.demo;
