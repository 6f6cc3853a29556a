/**
 * The streaming feature: data frames received by stations, stored with their observations and
 * forwarded to the mission-control systems each organisation names (YAMCS UDP and TCP links,
 * generic UDP and TCP forwarders, the web UI's live feed). Each destination has its own bounded
 * queue and its own sending context, so a slow or unreachable one drops only its own frames and
 * never delays the station link, the director or another destination.
 */
package talos.core.streaming;
