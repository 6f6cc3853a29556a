package talos.core.streaming;

import java.time.Instant;

/** A frame on its way to a destination: its bytes, and what the live feed shows of it. */
record OutgoingFrame(byte[] data, String stationId, int noradId, Instant receivedAt, Double rssi,
                     Double snr) {
}
