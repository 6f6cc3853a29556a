package talos.core.streaming;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verifies the YAMCS harness on its own: CCSDS packets sent by a plain UDP socket are counted by
 * YAMCS's UDP TM data link and recorded, unchanged, in its archive.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YamcsServerTest {

  private YamcsServer yamcs;

  @BeforeAll
  void startYamcs() {
    yamcs = YamcsServer.start();
  }

  @AfterAll
  void stopYamcs() {
    if (yamcs != null) {
      yamcs.close();
    }
  }

  /** Verifies that YAMCS counts and archives every packet it is sent, byte for byte. */
  @Test
  void packetsSentByUdpAreCountedAndArchivedByYamcs() throws Exception {
    // GIVEN five distinct CCSDS packets and what YAMCS has counted so far
    long before = yamcs.receivedPackets();
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      packets.add(CcsdsPackets.telemetry(100, i,
          ("harness packet " + i).getBytes(StandardCharsets.US_ASCII)));
    }

    // WHEN they are sent to the UDP link, one datagram each
    try (DatagramSocket socket = new DatagramSocket()) {
      for (byte[] packet : packets) {
        socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(),
            yamcs.udpPort()));
      }
    }

    // THEN the link counts them and the archive holds them as sent
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> yamcs.receivedPackets() - before == packets.size());
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> yamcs.archivedPackets().size() >= packets.size());
    assertThat(yamcs.archivedPackets()).containsExactlyElementsOf(packets);
  }
}
