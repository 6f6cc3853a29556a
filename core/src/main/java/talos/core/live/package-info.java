/**
 * The live feeds of the web UI: what the gateway and the director publish for each organisation,
 * and the event-bus bridge through which signed-in browsers listen to their own organisations'
 * feeds and nothing else.
 */
package talos.core.live;
