package talos.core.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Which node drives which station: every station has exactly one owner among the live members,
 * chosen by rendezvous (highest-random-weight) hashing of the station id with each member's node
 * id. Every node computes the same answer from the same member list, without talking to the
 * others; when a member leaves, only its stations move (each to the member with the next highest
 * weight), and when one joins it takes about its share from the others.
 *
 * <p>An instance follows one node's view: {@link #check()} re-reads the member list (a local call,
 * cheap enough for every tick) and tells the listeners which of the known stations this node
 * gained and lost. Not thread-safe: use it from one thread, such as a verticle's event loop.
 */
public final class StationOwnership {

  /** Told which known stations this node gained and lost after a change. */
  @FunctionalInterface
  public interface Listener {

    /** Both sets hold station ids; at least one of them is not empty. */
    void changed(Set<String> gained, Set<String> lost);
  }

  private final String nodeId;
  private final Supplier<? extends Collection<String>> members;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private Set<String> memberSet;
  private Set<String> stations = Set.of();
  private Set<String> owned = Set.of();

  /**
   * @param nodeId this node's id
   * @param members the live members' node ids, this node included (such as
   *     {@code ClusterView::members}); read again on every {@link #check()}
   */
  public StationOwnership(String nodeId, Supplier<? extends Collection<String>> members) {
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.members = Objects.requireNonNull(members, "members");
    this.memberSet = memberSet(members.get());
  }

  /**
   * The owner of a station among {@code members}: the member with the highest weight for it (ties,
   * which need equal 64-bit weights, go to the smaller node id); {@code null} when there are none.
   */
  public static String owner(String stationId, Collection<String> members) {
    String best = null;
    long bestWeight = 0;
    for (String member : members) {
      long weight = weight(stationId, member);
      if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
          || weight == bestWeight && member.compareTo(best) < 0) {
        best = member;
        bestWeight = weight;
      }
    }
    return best;
  }

  /**
   * The weight of a member for a station: FNV-1a over both ids, finished with the SplitMix64 mix,
   * so it is the same on every JVM and spread evenly.
   */
  static long weight(String stationId, String member) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : (stationId + '\n' + member).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    hash += 0x9e3779b97f4a7c15L;
    hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
    hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
    return hash ^ (hash >>> 31);
  }

  /** This node's id. */
  public String nodeId() {
    return nodeId;
  }

  /** The owner of a station in the member list last read. */
  public String owner(String stationId) {
    return owner(stationId, memberSet);
  }

  /** Whether this node owns a station, in the member list last read. */
  public boolean owns(String stationId) {
    return nodeId.equals(owner(stationId));
  }

  /** The member list last read. */
  public Set<String> members() {
    return memberSet;
  }

  /** The known stations this node owns. */
  public Set<String> owned() {
    return owned;
  }

  public void listen(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Re-reads the member list; when it changed, recomputes the owners of the known stations and
   * tells the listeners.
   *
   * @return whether the member list changed
   */
  public boolean check() {
    Set<String> now = memberSet(members.get());
    if (now.equals(memberSet)) {
      return false;
    }
    memberSet = now;
    recompute();
    return true;
  }

  /**
   * Replaces the set of known stations (typically every station in the database), and tells the
   * listeners about stations this node gained or lost by it.
   */
  public void stations(Collection<String> known) {
    stations = Set.copyOf(known);
    recompute();
  }

  private void recompute() {
    Set<String> next = new HashSet<>();
    for (String station : stations) {
      if (owns(station)) {
        next.add(station);
      }
    }
    Set<String> gained = new HashSet<>(next);
    gained.removeAll(owned);
    Set<String> lost = new HashSet<>(owned);
    lost.removeAll(next);
    owned = Set.copyOf(next);
    if (!gained.isEmpty() || !lost.isEmpty()) {
      Set<String> gainedView = Set.copyOf(gained);
      Set<String> lostView = Set.copyOf(lost);
      listeners.forEach(listener -> listener.changed(gainedView, lostView));
    }
  }

  private static Set<String> memberSet(Collection<String> list) {
    return list == null ? Set.of() : Set.copyOf(list);
  }
}
