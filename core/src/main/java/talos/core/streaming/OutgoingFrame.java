package talos.core.streaming;

import io.vertx.core.buffer.Buffer;

import java.time.Instant;

/** A frame on its way to a destination: its bytes, and what the live feed shows of it. */
record OutgoingFrame(Buffer data, String stationId, int noradId, Instant receivedAt, Double rssi,
                     Double snr) {
}
