package talos.core.streaming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies the memory of recent frames: duplicates found, organisations apart, expiry, eviction. */
@Timeout(30)
class RecentFramesTest {

  private static final Duration WINDOW = Duration.ofSeconds(30);
  private static final long SECOND = 1_000_000_000L;
  private static final UUID ORG = UUID.randomUUID();
  private static final UUID NORTH = UUID.randomUUID();
  private static final UUID SOUTH = UUID.randomUUID();

  /** A frame seen again within the window is found with its first reception. */
  @Test
  void findsTheFirstReceptionOfAFrameSeenAgain() throws Exception {
    RecentFrames recent = new RecentFrames(WINDOW, 1_000);
    UUID first = UUID.randomUUID();

    assertThat(recent.firstOrRemember(ORG, digest(1), first, NORTH, 0)).isNull();
    RecentFrames.First again = recent.firstOrRemember(ORG, digest(1), UUID.randomUUID(), SOUTH, SECOND);

    assertThat(again).isEqualTo(new RecentFrames.First(first, NORTH));
    assertThat(recent.firstOrRemember(ORG, digest(2), UUID.randomUUID(), SOUTH, SECOND)).isNull();
  }

  /** The same bytes in two organisations are two frames. */
  @Test
  void keepsOrganisationsApart() throws Exception {
    RecentFrames recent = new RecentFrames(WINDOW, 1_000);

    assertThat(recent.firstOrRemember(ORG, digest(1), UUID.randomUUID(), NORTH, 0)).isNull();
    assertThat(recent.firstOrRemember(UUID.randomUUID(), digest(1), UUID.randomUUID(), SOUTH, 0))
        .isNull();
  }

  /** After the window a frame is new again, and expired entries leave the memory. */
  @Test
  void forgetsFramesAfterTheWindow() throws Exception {
    RecentFrames recent = new RecentFrames(WINDOW, 1_000);
    for (int i = 0; i < 100; i++) {
      recent.firstOrRemember(ORG, digest(i), UUID.randomUUID(), NORTH, i * SECOND / 10);
    }

    long later = 31 * SECOND + 50 * SECOND / 10;
    assertThat(recent.firstOrRemember(ORG, digest(10), UUID.randomUUID(), SOUTH, later)).isNull();
    assertThat(recent.firstOrRemember(ORG, digest(99), UUID.randomUUID(), SOUTH, later)).isNotNull();
    assertThat(recent.size()).isBetween(40, 60);
  }

  /**
   * When full, the oldest frames go first, and every frame still remembered is found: removing
   * entries from the middle of probe runs keeps the index whole.
   */
  @Test
  void evictsTheOldestWhenFullAndFindsTheRest() throws Exception {
    RecentFrames recent = new RecentFrames(WINDOW, 1_024);
    for (int i = 0; i < 5_000; i++) {
      recent.firstOrRemember(ORG, digest(i), UUID.randomUUID(), NORTH, 0);
    }

    assertThat(recent.size()).isEqualTo(1_024);
    for (int i = 5_000 - 1_024; i < 5_000; i++) {
      assertThat(recent.firstOrRemember(ORG, digest(i), UUID.randomUUID(), SOUTH, 0)).as("frame %d", i)
          .isNotNull();
    }
    assertThat(recent.firstOrRemember(ORG, digest(0), UUID.randomUUID(), SOUTH, 0)).isNull();
  }

  private static byte[] digest(int frame) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(4).putInt(frame).array());
  }
}
