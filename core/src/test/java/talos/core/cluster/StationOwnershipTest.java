package talos.core.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Rendezvous hashing of stations over the cluster's members, as every node computes it. */
class StationOwnershipTest {

  private static final List<String> MEMBERS = List.of("node-a", "node-b", "node-c", "node-d",
      "node-e");
  private static final List<String> STATIONS = stations(10_000);

  /** Every node computes the same owner, whatever order it lists the members in. */
  @Test
  void isDeterministicWhateverTheMemberOrder() {
    List<String> shuffled = new ArrayList<>(MEMBERS);
    Collections.shuffle(shuffled, new Random(7));

    for (String station : STATIONS) {
      assertThat(StationOwnership.owner(station, shuffled))
          .isEqualTo(StationOwnership.owner(station, MEMBERS));
    }
    assertThat(StationOwnership.owner("3b0f6e0a-0000-4000-8000-000000000001", MEMBERS))
        .isEqualTo(StationOwnership.owner("3b0f6e0a-0000-4000-8000-000000000001",
            List.copyOf(new HashSet<>(MEMBERS))));
  }

  /** Each member owns about its share of the stations: within 10 % of an even split. */
  @Test
  void spreadsStationsEvenlyOverTheMembers() {
    Map<String, Integer> counts = new HashMap<>();
    STATIONS.forEach(station -> counts.merge(StationOwnership.owner(station, MEMBERS), 1,
        Integer::sum));

    double share = STATIONS.size() / (double) MEMBERS.size();
    assertThat(counts).hasSize(MEMBERS.size());
    counts.values().forEach(count -> assertThat((double) count).isBetween(share * 0.9, share * 1.1));
  }

  /** Seen from every member, exactly one of them owns each station. */
  @Test
  void givesEveryStationExactlyOneOwner() {
    List<StationOwnership> nodes = MEMBERS.stream()
        .map(member -> new StationOwnership(member, () -> MEMBERS)).toList();
    nodes.forEach(node -> node.stations(STATIONS));

    for (String station : STATIONS) {
      assertThat(nodes.stream().filter(node -> node.owns(station)).count()).isEqualTo(1);
    }
    assertThat(nodes.stream().mapToInt(node -> node.owned().size()).sum())
        .isEqualTo(STATIONS.size());
  }

  /** When a member leaves, only its stations move, and the others tell which they gained. */
  @Test
  void movesOnlyTheStationsOfAMemberThatLeaves() {
    List<String> members = new ArrayList<>(MEMBERS);
    StationOwnership a = new StationOwnership("node-a", () -> members);
    a.stations(STATIONS);
    Map<String, String> before = new HashMap<>();
    STATIONS.forEach(station -> before.put(station, StationOwnership.owner(station, MEMBERS)));
    Set<String> gained = new HashSet<>();
    Set<String> lost = new HashSet<>();
    a.listen((g, l) -> {
      gained.addAll(g);
      lost.addAll(l);
    });

    members.remove("node-c");
    assertThat(a.check()).isTrue();

    for (String station : STATIONS) {
      String owner = StationOwnership.owner(station, members);
      if (!before.get(station).equals("node-c")) {
        assertThat(owner).isEqualTo(before.get(station));
      }
    }
    assertThat(lost).isEmpty();
    assertThat(gained).isNotEmpty().allSatisfy(station ->
        assertThat(before.get(station)).isEqualTo("node-c"));
    assertThat(a.owned()).containsExactlyInAnyOrderElementsOf(STATIONS.stream()
        .filter(station -> StationOwnership.owner(station, members).equals("node-a")).toList());
    assertThat(a.check()).isFalse();
  }

  /** A node alone owns every station; when another joins, it loses about half of them. */
  @Test
  void aNodeAloneOwnsEverythingAndSharesWhenAnotherJoins() {
    List<String> members = new ArrayList<>(List.of("solo"));
    StationOwnership solo = new StationOwnership("solo", () -> members);
    List<Set<String>> lost = new ArrayList<>();
    solo.listen((gained, dropped) -> lost.add(dropped));
    solo.stations(STATIONS);
    assertThat(solo.owned()).hasSize(STATIONS.size());

    members.add("newcomer");
    solo.check();

    assertThat(lost).last().satisfies(dropped -> {
      assertThat(dropped.size()).isBetween(4_500, 5_500);
      dropped.forEach(station ->
          assertThat(StationOwnership.owner(station, members)).isEqualTo("newcomer"));
    });
  }

  private static List<String> stations(int count) {
    Random random = new Random(42);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()).toString());
    }
    return ids;
  }
}
